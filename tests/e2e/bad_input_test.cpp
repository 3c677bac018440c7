// Bad input against a live sandbox: exit 2 and not one statement, not even a login, reaches
// either cluster (PRODUCT.md §1).
#include "e2e/vmode_support.hpp"

#include "exlschema/modes/mode_info.hpp"
#include "exlschema/modes/mode_registry.hpp"

namespace exl::test::e2e {
namespace {

TEST(BadInputTest, UnknownAliasConnectsToNothing) {
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl({"-source", "src", "-target", "nosuch", "-t", "db.t", "-o", "ghost"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("nosuch"), std::string::npos) << r.err;
  EXPECT_TRUE(src.statements().empty());
  EXPECT_TRUE(dst.statements().empty());
}

} // namespace
} // namespace exl::test::e2e

namespace exl::test::e2e {
namespace {

// The write gate over every mode that runs: without -r, neither cluster receives a write.
TEST(WriteGateTest, PlanOnlyRunOfEveryModeSendsNoWrite) {
  const std::string db = fresh_database("gate");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`",
                  "CREATE TABLE `" + db +
                      "`.`t1` (dt DATE, k INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) "
                      "(PARTITION p1 VALUES LESS THAN ('2024-01-01')) DISTRIBUTED BY HASH(k) "
                      "BUCKETS 1 PROPERTIES('replication_num'='1')",
                  "INSERT INTO `" + db + "`.`t1` VALUES ('2023-05-01', 1)"});
  int modes_run = 0;
  const config::test::TempDir scs_dir;
  for (const modes::ModeInfo& mode : modes::mode_table()) {
    if (!mode.implemented) {
      continue;
    }
    ++modes_run;
    const QueryLogMark src("SRC");
    const QueryLogMark dst("DST");
    std::vector<std::string> args{
        "-source", "src", "-target", "dst", "-t", db + ".t1", "-o", std::string(mode.name), "-i"};
    if (std::find(mode.mode_flags.begin(), mode.mode_flags.end(), "a") != mode.mode_flags.end()) {
      args.push_back("-a"); // the JDBC catalog's CREATE is planned, not sent
    }
    if (mode.name == "meta") { // a starrocks-cluster-sync home (the stand-in's) to plan for
      const std::string make = std::string("bash ") + EXL_SCS_MAKE_HOME + " " + scs_dir.path() +
                               "/scs " + EXL_SCS_STANDIN_BIN + " >/dev/null";
      ASSERT_EQ(std::system(make.c_str()), 0);
      args.insert(
          args.end(),
          {"-config", scs_dir.write("exl.yaml", read_file(config_path()) +
                                                    "scs:\n  home: " + scs_dir.path() + "/scs\n")});
    }
    if (mode.name == "files") { // the sandbox's object store (its variables in sandbox.env)
      const auto env = load_sandbox_env();
      ASSERT_TRUE(env && env->count("EXL_S3_ENDPOINT") != 0);
      args.insert(
          args.end(),
          {"-config", scs_dir.write("files.yaml", read_file(config_path()) +
                                                      "storage:\n  source:\n    endpoint: " +
                                                      env->at("EXL_S3_ENDPOINT") +
                                                      "\n    bucket: exl-src\n    access_key_env: "
                                                      "EXL_S3_ACCESS_KEY\n    secret_key_env: "
                                                      "EXL_S3_SECRET_KEY\n")});
    }
    const ExlResult r = run_exl(args);
    EXPECT_EQ(r.exit_code, 0) << mode.name << "\n" << r.out << r.err;
    EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{}) << mode.name;
    EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{}) << mode.name;
  }
  EXPECT_GE(modes_run, 1);
}

} // namespace
} // namespace exl::test::e2e
