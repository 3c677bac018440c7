// -o starrocks end to end (issue #12): range, automatic and unpartitioned tables written through a
// temporary OLAP external table on the source, one labelled INSERT per partition there; LIST
// tables refused; the metadata wait (a pre-2.5.8 behaviour, srsim's OLAP EXTERNAL DELAY) waited
// out, or failing the table past defaults.external_metadata_wait_s; incremental runs replacing a
// partition through a temporary partition of the target; the external table dropped after
// success, failure and SIGINT.
#include "e2e/external_copy_support.hpp"

#include "support/temp_dir.hpp"

#include <csignal>

namespace exl::test::e2e {
namespace {

std::vector<std::string> sr_run(const std::string& list, std::vector<std::string> extra) {
  return vmode("starrocks", list, std::move(extra));
}

// The sandbox's configuration with `defaults.external_metadata_wait_s: seconds`.
std::string config_with_wait(const config::test::TempDir& dir, int seconds) {
  return dir.write("exl.yaml",
                   read_file(config_path()) +
                       "defaults:\n  external_metadata_wait_s: " + std::to_string(seconds) + "\n");
}

std::size_t temporary_partitions(const std::string& prefix, const std::string& db,
                                 const std::string& t) {
  return sql(prefix, "SHOW TEMPORARY PARTITIONS FROM `" + db + "`.`" + t + "`").rows.size();
}

TEST(StarrocksModeTest, RangeAutomaticAndUnpartitionedTablesAreWrittenFromTheSource) {
  const std::string db = fresh_database("sr_kinds");
  make_copy_tables(db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(
      sr_run(db + ".ranged," + db + ".expr," + db + ".single", {"-r", "-i", "-thread", "4"}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  for (const std::string t : {"ranged", "expr", "single"}) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
  }
  const auto src_writes = writes_in(src.statements());
  EXPECT_EQ(count_matching(src_writes, "ENGINE=OLAP"), 3U) << r.out;
  // ranged: 4 partitions, expr: 2 (added on the target first), single: 1.
  EXPECT_EQ(count_matching(src_writes, "WITH LABEL `exl_starrocks_"), 7U) << r.out;
  EXPECT_EQ(count_matching(src_writes, "DROP TABLE IF EXISTS `" + db + "`.`exl_tmp_"), 3U);
  EXPECT_EQ(count_matching(writes_in(dst.statements()), "ADD PARTITIONS"), 2U) << r.out;
  EXPECT_EQ(temp_tables("SRC", db), std::vector<std::string>{});
  EXPECT_FALSE(contains(r.out + r.err, cluster("DST").password));
}

TEST(StarrocksModeTest, AListPartitionedTableIsRefusedWithMysqlRecommended) {
  const std::string db = fresh_database("sr_list");
  make_copy_tables(db);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(sr_run(db + ".listed", {"-r", "-i"}));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "LIST partitioned")) << r.out;
  EXPECT_TRUE(contains(r.out, "mysql")) << r.out;
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

TEST(StarrocksModeTest, ANonEmptyTargetIsRefusedWithNothingWrittenOnEitherSide) {
  const std::string db = fresh_database("sr_nonempty");
  make_copy_tables(db);
  ASSERT_EQ(run_exl(sr_run(db + ".ranged", {"-r", "-i"})).exit_code, 0);
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult again = run_exl(sr_run(db + ".ranged", {"-r", "-i"}));
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "already holds")) << again.out;
  EXPECT_EQ(writes_in(src.statements()), std::vector<std::string>{});
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
}

// Before 2.5.8 the source learnt the target's metadata every 10 s, and a write before that
// failed: srsim's OLAP EXTERNAL DELAY brings that back. The wait is retried and reported; past
// the bound that table fails with the reason while a table with nothing to write finishes.
TEST(StarrocksModeTest, TheMetadataDelayIsWaitedOutOrFailsTheTablePastTheBound) {
  const std::string db = fresh_database("sr_delay");
  make_copy_tables(db);
  sql("SRC", "ADMIN SET SIM OLAP EXTERNAL DELAY 2");
  config::test::TempDir dir;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", dir.path()}};
  const ExlResult waited = run_exl(sr_run(db + ".single", {"-r", "-i"}), env);
  EXPECT_EQ(waited.exit_code, 0) << waited.out << waited.err;
  EXPECT_TRUE(contains(waited.out, "for the target's metadata")) << waited.out;
  EXPECT_EQ(content("DST", db, "single"), content("SRC", db, "single"));
  // Round 1 of a run without -i: `single` is equal (nothing to write) and finishes, `ranged` is
  // new and cannot be written within the bound.
  sql("SRC", "ADMIN SET SIM OLAP EXTERNAL DELAY 30");
  std::vector<std::string> args =
      sr_run(db + ".single," + db + ".ranged", {"-r", "-interval", "60", "-thread", "2"});
  args.insert(args.begin(), {"-config", config_with_wait(dir, 2)});
  ExlProcess run(args, env);
  const bool round = eventually([&] { return contains(run.out_so_far(), "round 1 done"); },
                                std::chrono::seconds(60), std::chrono::milliseconds(20));
  run.signal(SIGINT);
  const ExlResult bounded = run.wait();
  sql("SRC", "ADMIN SET SIM RESET");
  ASSERT_TRUE(round) << bounded.out << bounded.err;
  EXPECT_TRUE(contains(bounded.out, "did not reach the source's external table within 2 s"))
      << bounded.out;
  EXPECT_TRUE(contains(bounded.out, "equal")) << bounded.out; // single
  EXPECT_EQ(temp_tables("SRC", db), std::vector<std::string>{});
}

// A run without -i after a first copy replaces each differing partition through a temporary
// partition of the target (added, written from the source, swapped in); an unpartitioned table
// has none, so its incremental round is refused with the reason.
TEST(StarrocksModeTest, AnIncrementalRunReplacesPartitionsThroughTemporaryPartitions) {
  const std::string db = fresh_database("sr_rounds");
  make_copy_tables(db);
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  ASSERT_EQ(run_exl(sr_run(db + ".ranged," + db + ".single", {"-r", "-i"}), env).exit_code, 0);
  sql_all("SRC", {rows_for_day(db, "ranged", 2, 900, 2), rows_for_day(db, "ranged", 4, 950, 1),
                  "INSERT INTO `" + db + "`.`single` VALUES (3, 'three', 3.00)"});
  const QueryLogMark dst("DST");
  const QueryLogMark src("SRC");
  std::vector<std::string> args =
      sr_run(db + ".ranged," + db + ".single", {"-r", "-interval", "1", "-thread", "2"});
  args.insert(args.begin(), {"-config", config_path()});
  ExlProcess run(args, env);
  ASSERT_TRUE(eventually([&] { return contains(run.out_so_far(), "round 1 done"); },
                         std::chrono::seconds(60), std::chrono::milliseconds(20)))
      << run.out_so_far() << run.err_so_far();
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged"));
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "ADD TEMPORARY PARTITION"), 2U) << r.out;
  EXPECT_EQ(count_matching(writes, "REPLACE PARTITION (`p20240102`)"), 1U);
  EXPECT_EQ(count_matching(writes, "REPLACE PARTITION (`p20240104`)"), 1U);
  EXPECT_EQ(count_matching(writes, "DROP TEMPORARY PARTITION IF EXISTS"), 2U); // each task's end
  EXPECT_EQ(count_matching(writes_in(src.statements()), "TEMPORARY PARTITION (`exl_tmp_"), 2U);
  EXPECT_EQ(temporary_partitions("DST", db, "ranged"), 0U);
  EXPECT_TRUE(contains(r.out, "has no temporary partition")) << r.out; // single
  EXPECT_EQ(temp_tables("SRC", db), std::vector<std::string>{});
}

// A write whose answer is lost is resolved through its label on the target, never sent twice:
// the source's answer dropped after the target committed (2013), and the source cut off from the
// target after the commit (it answers an error although the rows are in).
TEST(StarrocksModeTest, AWriteWhoseAnswerIsLostIsResolvedByItsLabelOnTheTarget) {
  const std::string db = fresh_database("sr_lost");
  make_copy_tables(db);
  sql("SRC", "ADMIN SET SIM CLOSE AFTER COMMIT 'INSERT INTO `" + db + "`.`exl_tmp_'");
  sql("DST", "ADMIN SET SIM CLOSE AFTER COMMIT 'WITH LABEL exl_starrocks_" + db + "_single_'");
  const QueryLogMark src("SRC");
  const ExlResult r =
      run_exl(sr_run(db + ".ranged," + db + ".single", {"-r", "-i", "-thread", "1"}));
  sql("SRC", "ADMIN SET SIM RESET");
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(content("DST", db, "ranged"), content("SRC", db, "ranged")); // no row twice
  EXPECT_EQ(content("DST", db, "single"), content("SRC", db, "single"));
  const auto writes = writes_in(src.statements());
  EXPECT_EQ(count_matching(writes, "WITH LABEL `exl_starrocks_"), 5U) << r.out; // each once
  EXPECT_TRUE(contains(r.err, ": applied (")) << r.err;             // the dropped answer
  EXPECT_TRUE(contains(r.err, "the target committed it")) << r.err; // the source's error
}

TEST(StarrocksModeTest, SigintDuringAWriteDropsTheExternalTable) {
  const std::string db = fresh_database("sr_sigint");
  make_copy_tables(db);
  db::ConnectionParams params = cluster("SRC");
  params.query_timeout_s = 0;
  db::Connection control(params);
  control.query("ADMIN SET SIM STALL 'INSERT INTO `" + db + "`.`exl_tmp_'");
  ExlProcess run({"-config", config_path(), "-source", "src", "-target", "dst", "-t",
                  db + ".ranged", "-o", "starrocks", "-r", "-i", "-thread", "1"},
                 {});
  const bool stalled = statement_running(control, "INSERT INTO `" + db + "`.`exl_tmp_");
  ASSERT_TRUE(stalled) << run.out_so_far() << run.err_so_far();
  ASSERT_EQ(temp_tables("SRC", db).size(), 1U);
  run.signal(SIGINT);
  control.query("ADMIN SET SIM RESET");
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_EQ(temp_tables("SRC", db), std::vector<std::string>{});
}

} // namespace
} // namespace exl::test::e2e
