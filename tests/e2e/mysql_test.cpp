// -o mysql end to end (issue #12): tables of every partitioning kind copied through a temporary
// MYSQL external table on the target, one labelled INSERT per partition; a non-empty target
// refused unless -truncate; incremental runs replace only the partitions that differ; the
// external table dropped after success, failure and SIGINT; the source password never shown.
#include "e2e/external_copy_support.hpp"

#include "support/temp_dir.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

std::vector<std::string> mysql_run(const std::string& list, std::vector<std::string> extra) {
  return vmode("mysql", list, std::move(extra));
}

TEST(MysqlModeTest, EveryPartitioningKindIsCopiedExactlyThroughATemporaryMysqlTable) {
  const std::string db = fresh_database("my_kinds");
  make_copy_tables(db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(mysql_run(db + ".*", {"-r", "-i", "-thread", "4"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string& t : copy_tables()) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
  }
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{}); // the source only reads
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "ENGINE=MYSQL"), 4U) << r.out;
  // ranged: 4 partitions, listed: 2, expr: 2 (created by their loads), single: 1.
  EXPECT_EQ(count_matching(writes, "WITH LABEL `exl_mysql_"), 9U) << r.out;
  EXPECT_EQ(count_matching(writes, "INSERT OVERWRITE"), 0U);
  EXPECT_EQ(count_matching(writes, "DROP TABLE IF EXISTS `" + db + "`.`exl_tmp_"), 4U);
  EXPECT_EQ(temp_tables("DST", db), std::vector<std::string>{});
  EXPECT_FALSE(contains(r.out + r.err, cluster("SRC").password));
}

TEST(MysqlModeTest, ThePlanShowsTheExternalTableWithoutThePassword) {
  const std::string db = fresh_database("my_plan");
  make_copy_tables(db);
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(mysql_run(db + ".single", {"-i"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "ENGINE=MYSQL")) << r.out;
  EXPECT_TRUE(contains(r.out, "\"password\" = \"***\"")) << r.out;
  EXPECT_TRUE(contains(r.out, "DROP TABLE IF EXISTS")) << r.out;
  EXPECT_FALSE(contains(r.out + r.err, cluster("SRC").password));
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(MysqlModeTest, ANonEmptyTargetIsRefusedWithNothingWrittenUnlessTruncate) {
  const std::string db = fresh_database("my_nonempty");
  make_copy_tables(db);
  ASSERT_EQ(run_exl(mysql_run(db + ".ranged", {"-r", "-i"})).exit_code, 0);
  sql("SRC", rows_for_day(db, "ranged", 4, 400, 2));
  const QueryLogMark refused("DST");
  const ExlResult again = run_exl(mysql_run(db + ".ranged", {"-r", "-i"}));
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "already holds")) << again.out;
  EXPECT_TRUE(contains(again.out, "-truncate")) << again.out;
  EXPECT_EQ(writes_in(refused.statements()), std::vector<std::string>{});
  const QueryLogMark truncated("DST");
  const ExlResult r = run_exl(mysql_run(db + ".ranged", {"-r", "-i", "-truncate"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(count_matching(writes_in(truncated.statements()), "TRUNCATE TABLE"), 1U);
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged"));
}

TEST(MysqlModeTest, AFirstLoadWithWhereCopiesThoseRowsAndAuditsThem) {
  const std::string db = fresh_database("my_where");
  make_copy_tables(db);
  const ExlResult r = run_exl(mysql_run(db + ".ranged", {"-r", "-i", "-where", "`k` >= 200"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`ranged`").rows.at(0).at(0), "7");
}

TEST(MysqlModeTest, AColumnTheEngineCannotCarryIsRefusedWithStarrocksRecommended) {
  const std::string db = fresh_database("my_largeint");
  sql_all("SRC",
          {"CREATE DATABASE `" + db + "`",
           "CREATE TABLE `" + db +
               "`.`docs` (k INT, big LARGEINT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
               "BUCKETS 1 PROPERTIES('replication_num'='1')",
           "INSERT INTO `" + db + "`.`docs` VALUES (1, 170141183460469231731687303715884105727)"});
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(mysql_run(db + ".docs", {"-r", "-i"}));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "-o starrocks")) << r.out;
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

// A run without -i after a first copy (the history says the rows are this copy's) replaces only
// the partitions that changed, round after round, until SIGINT.
TEST(MysqlModeTest, AnIncrementalRunReplacesOnlyTheDifferingPartitions) {
  const std::string db = fresh_database("my_rounds");
  make_copy_tables(db);
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  ASSERT_EQ(run_exl(mysql_run(db + ".ranged", {"-r", "-i"}), env).exit_code, 0);
  sql_all("SRC", {rows_for_day(db, "ranged", 2, 900, 2), rows_for_day(db, "ranged", 4, 950, 1)});
  const QueryLogMark dst("DST");
  std::vector<std::string> args = mysql_run(db + ".ranged", {"-r", "-interval", "1"});
  args.insert(args.begin(), {"-config", config_path()});
  const auto round = first_round(args, env);
  const ExlResult& r = round.result;
  ASSERT_TRUE(round.done) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged"));
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "INSERT OVERWRITE"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240102`)"), 1U);
  EXPECT_EQ(count_matching(writes, "PARTITION (`p20240104`)"), 1U);
  EXPECT_EQ(temp_tables("DST", db), std::vector<std::string>{});
}

TEST(MysqlModeTest, AFailedLoadStillDropsTheExternalTable) {
  const std::string db = fresh_database("my_fail");
  make_copy_tables(db);
  sql("DST", "ADMIN SET SIM FAIL 1 'INSERT INTO `" + db + "`' 1064 'injected failure'");
  const ExlResult r = run_exl(mysql_run(db + ".ranged", {"-r", "-i", "-thread", "1"}));
  sql("DST", "ADMIN SET SIM RESET");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "injected failure")) << r.out;
  EXPECT_EQ(temp_tables("DST", db), std::vector<std::string>{});
}

TEST(MysqlModeTest, SigintDuringALoadDropsTheExternalTable) {
  const std::string db = fresh_database("my_sigint");
  make_copy_tables(db);
  db::ConnectionParams params = cluster("DST");
  params.query_timeout_s = 0;
  db::Connection control(params);
  control.query("ADMIN SET SIM STALL 'INSERT INTO `" + db + "`'");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t",
                  db + ".ranged", "-o", "mysql", "-r", "-i", "-thread", "1"},
                 {});
  const bool stalled = statement_running(control, "INSERT INTO `" + db + "`");
  ASSERT_TRUE(stalled) << run.out_so_far() << run.err_so_far();
  ASSERT_EQ(temp_tables("DST", db).size(), 1U);
  run.signal(SIGINT);
  control.query("ADMIN SET SIM RESET");
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(temp_tables("DST", db), std::vector<std::string>{});
}

} // namespace
} // namespace exl::test::e2e
