// What cron needs (issue #16): -q shows problems only, and a second run of the same job (same
// -source, -target and -t) does not start while the first still runs (exit 4, one line naming
// the holder), while another job runs beside it.
#include "e2e/e2e_support.hpp"

#include "support/eventually.hpp"
#include "support/temp_dir.hpp"

namespace exl::test::e2e {
namespace {

void cron_tables(const std::string& db, std::initializer_list<const char*> names) {
  std::vector<std::string> statements{"CREATE DATABASE IF NOT EXISTS `" + db + "`"};
  for (const char* name : names) {
    statements.push_back("CREATE TABLE `" + db + "`.`" + name +
                         "` (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                         "PROPERTIES('replication_num'='1')");
  }
  sql_all("SRC", statements);
}

std::vector<std::string> cron_ghost(const std::string& list, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"-source", "src", "-target", "dst", "-t",
                                list,      "-o",  "ghost",   "-r"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(CronTest, QuietRunPrintsNothingWhenEveryTableIsFine) {
  const std::string db = fresh_database("quiet_ok");
  cron_tables(db, {"a", "b"});
  const ExlResult r = run_exl(cron_ghost(db + ".a," + db + ".b", {"-q"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(sql("DST", "SHOW TABLES FROM `" + db + "`").rows.size(), 2u); // it did run
}

TEST(CronTest, QuietRunShowsTheFailureAndTheTable) {
  const std::string db = fresh_database("quiet_fail");
  cron_tables(db, {"a"});
  const std::string list = db + ".a," + db + ".nosuch"; // the second is not on the source
  const ExlResult normal = run_exl(cron_ghost(list));
  ASSERT_NE(normal.exit_code, 0) << normal.out << normal.err;
  sql("DST", "DROP DATABASE `" + db + "`");
  const ExlResult r = run_exl(cron_ghost(list, {"-q"}));
  EXPECT_EQ(r.exit_code, normal.exit_code) << r.out << r.err;
  EXPECT_TRUE(contains(r.out + r.err, "nosuch")) << r.out << r.err;
  EXPECT_FALSE(contains(r.out, "start [")) << r.out;
  EXPECT_FALSE(contains(r.out, " ok in ")) << r.out; // a good task stays silent
  EXPECT_LT(r.out.size(), normal.out.size()) << r.out;
}

TEST(CronTest, ASecondRunOfTheSameJobDoesNotStart) {
  const std::string db = fresh_database("lock");
  cron_tables(db, {"held", "other"});
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  const std::string pattern = "CREATE TABLE IF NOT EXISTS `" + db + "`.`held`";
  sql("DST", "ADMIN SET SIM STALL '" + pattern + "'");
  std::vector<std::string> args = cron_ghost(db + ".held");
  args.insert(args.begin(), {"-config", config_path()});
  ExlProcess first(args, env);
  ASSERT_TRUE(eventually(
      [&] {
        for (const auto& row : sql("DST", "SHOW PROCESSLIST").rows) {
          for (const auto& v : row) {
            if (v && contains(*v, pattern)) {
              return true;
            }
          }
        }
        return false;
      },
      std::chrono::seconds(60), std::chrono::milliseconds(20)));

  const ExlResult second = run_exl(cron_ghost(db + ".held"), env);
  EXPECT_EQ(second.exit_code, 4) << second.out << second.err;
  EXPECT_TRUE(contains(second.err, "another run of this job")) << second.err;
  EXPECT_TRUE(contains(second.err, "pid " + std::to_string(first.pid()))) << second.err;
  EXPECT_EQ(std::count(second.err.begin(), second.err.end(), '\n'), 1) << second.err;

  const ExlResult other = run_exl(cron_ghost(db + ".other"), env); // another job: not held back
  EXPECT_EQ(other.exit_code, 0) << other.out << other.err;

  sql("DST", "ADMIN SET SIM RESET");
  const ExlResult done = first.wait();
  EXPECT_EQ(done.exit_code, 0) << done.out << done.err;
  const ExlResult again = run_exl(cron_ghost(db + ".held"), env); // the lock is free again
  EXPECT_NE(again.exit_code, 4) << again.out << again.err;
}

} // namespace
} // namespace exl::test::e2e
