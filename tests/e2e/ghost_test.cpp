// -o ghost end to end (issue #9): the plan, the write gate, creation in dependency order, equal
// objects left alone, differing ones refused or recreated, table-list resolution.
#include "e2e/e2e_support.hpp"

#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/model_compare.hpp"

#include <nlohmann/json.hpp>

namespace exl::test::e2e {
namespace {

std::string duplicate_table(const std::string& db, const std::string& name,
                            const std::string& value_type = "VARCHAR(20)") {
  return "CREATE TABLE `" + db + "`.`" + name + "` (k INT, v " + value_type +
         ") DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 2 PROPERTIES('replication_num'='1')";
}

void make_ghost_source(const std::string& db) {
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", duplicate_table(db, "t1"),
                  "CREATE VIEW `" + db + "`.`v1` AS SELECT k FROM `" + db + "`.`t1`",
                  "CREATE VIEW `" + db + "`.`v2` AS SELECT k FROM `" + db + "`.`v1`"});
}

bool exists_on(const std::string& prefix, const std::string& db, const std::string& t) {
  for (const auto& row : sql(prefix, "SHOW DATABASES").rows) {
    if (row[0] && *row[0] == db) {
      for (const auto& r : sql(prefix, "SHOW TABLES FROM `" + db + "`").rows) {
        if (r[0] && *r[0] == t) {
          return true;
        }
      }
    }
  }
  return false;
}

std::vector<std::string> ghost(const std::string& list, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"-source", "src", "-target", "dst", "-t", list, "-o", "ghost"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

TEST(GhostTest, PlanOnlyListsEveryWriteAndSendsNone) {
  const std::string db = fresh_database("plan");
  make_ghost_source(db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(ghost(db + ".*"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(contains(r.out, "[dst] CREATE DATABASE IF NOT EXISTS `" + db + "`")) << r.out;
  EXPECT_TRUE(contains(r.out, "[dst] CREATE TABLE IF NOT EXISTS `" + db + "`.`t1`")) << r.out;
  EXPECT_TRUE(contains(r.out, "[dst] CREATE VIEW `" + db + "`.`v2`")) << r.out;
  EXPECT_TRUE(contains(r.out, "planned")) << r.out;
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
  EXPECT_FALSE(dst.statements().empty()); // it did read the target
  EXPECT_FALSE(exists_on("DST", db, "t1"));
}

TEST(GhostTest, JsonCarriesThePlan) {
  const std::string db = fresh_database("json");
  make_ghost_source(db);
  config::test::TempDir dir;
  const std::string json_path = dir.path() + "/plan.json";
  const ExlResult r = run_exl(ghost(db + ".t1", {"-json", json_path}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto report = nlohmann::json::parse(read_file(json_path));
  ASSERT_EQ(report["tables"].size(), 1U);
  const auto& plan = report["tables"][0]["plan"];
  ASSERT_EQ(plan.size(), 2U) << plan.dump();
  EXPECT_EQ(plan[0]["cluster"], "dst");
  EXPECT_TRUE(contains(plan[1]["sql"].get<std::string>(), "CREATE TABLE IF NOT EXISTS")) << plan;
  EXPECT_EQ(report["tables"][0]["outcome"], "created");
}

TEST(GhostTest, CreatesViewsAfterWhatTheyReadAndASecondRunSendsNoDdl) {
  const std::string db = fresh_database("run");
  make_ghost_source(db);
  ExlResult r = run_exl(ghost(db + ".*", {"-r", "-thread", "4"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const char* t : {"t1", "v1", "v2"}) {
    EXPECT_TRUE(exists_on("DST", db, t)) << t;
  }
  const auto source = starrocks::parse_create_table(show_create("SRC", db, "t1"));
  const auto target = starrocks::parse_create_table(show_create("DST", db, "t1"));
  ASSERT_TRUE(source && target);
  EXPECT_EQ(starrocks::compare_tables(*source, *target), std::nullopt);
  EXPECT_EQ(show_create("SRC", db, "v2"), show_create("DST", db, "v2"));

  const QueryLogMark dst("DST");
  r = run_exl(ghost(db + ".*", {"-r"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
  EXPECT_TRUE(contains(r.out, "equal")) << r.out;
}

TEST(GhostTest, DifferingTableIsRefusedUnlessRecreate) {
  const std::string db = fresh_database("diff");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", duplicate_table(db, "t1")});
  sql_all("DST", {"CREATE DATABASE `" + db + "`", duplicate_table(db, "t1", "BIGINT")});
  ExlResult r = run_exl(ghost(db + ".t1", {"-r"}));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "-recreate")) << r.out;
  EXPECT_TRUE(contains(show_create("DST", db, "t1"), "bigint")) << show_create("DST", db, "t1");

  const QueryLogMark dst("DST");
  r = run_exl(ghost(db + ".t1", {"-r", "-recreate"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  const auto writes = writes_in(dst.statements());
  ASSERT_EQ(writes.size(), 2U);
  EXPECT_TRUE(contains(writes[0], "DROP TABLE IF EXISTS")) << writes[0];
  EXPECT_TRUE(contains(writes[1], "CREATE TABLE")) << writes[1];
  EXPECT_TRUE(contains(show_create("DST", db, "t1"), "varchar(20)"));
}

TEST(GhostTest, AnEntryThatMatchesNothingFailsAloneAndNothingAtAllIsExitTwo) {
  const std::string db = fresh_database("match");
  make_ghost_source(db);
  ExlResult r = run_exl(ghost(db + ".t1," + db + ".nosuch_*", {"-r"}));
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(contains(r.out, "matched nothing")) << r.out;
  EXPECT_TRUE(exists_on("DST", db, "t1"));

  const QueryLogMark dst("DST");
  r = run_exl(ghost(db + ".nosuch", {"-r"}));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "matched nothing")) << r.err;
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(GhostTest, ExcludeListAndGlobs) {
  const std::string db = fresh_database("glob");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", duplicate_table(db, "ods_a"),
                  duplicate_table(db, "ods_b"), duplicate_table(db, "dim_c"),
                  duplicate_table(db, "dim_cc")});
  const ExlResult r = run_exl(ghost(db + ".ods_*," + db + ".dim_?", {"-x", db + ".ods_b", "-r"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(exists_on("DST", db, "ods_a"));
  EXPECT_FALSE(exists_on("DST", db, "ods_b"));
  EXPECT_TRUE(exists_on("DST", db, "dim_c"));
  EXPECT_FALSE(exists_on("DST", db, "dim_cc")); // dim_? takes exactly one character
}

} // namespace
} // namespace exl::test::e2e
