// -o pipe under faults (issue #14): the connection reset mid-body, the commit's answer lost, a 500
// from the BE, the BE stalling past the load timeout, SIGINT mid-stream and the source connection
// killed mid-SELECT. After each, the target holds exactly the source's rows — none lost, none twice
// — on a DUPLICATE KEY table and an AGGREGATE table with a SUM column, where a doubled load shows
// as doubled sums.
#include "e2e/external_copy_support.hpp"

#include "support/temp_dir.hpp"

#include <csignal>
#include <fstream>

namespace exl::test::e2e {
namespace {

// In a fresh database on the source: `dups` (DUPLICATE KEY) and `sums` (AGGREGATE, SUM), 3 daily
// partitions with rows.
std::string pipe_fault_tables(const std::string& what) {
  const std::string db = fresh_database(what);
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "dups", 3),
                  daily_table(db, "sums", 3, "AGGREGATE KEY(`k`, `dt`)", "`v` INT SUM")});
  for (const char* t : {"dups", "sums"}) {
    sql_all("SRC", {rows_for_day(db, t, 1, 100, 50), rows_for_day(db, t, 2, 200, 40),
                    rows_for_day(db, t, 3, 300, 30)});
  }
  return db;
}

std::vector<std::string> pipe_fault_run(const std::string& list, std::vector<std::string> extra) {
  std::vector<std::string> args = vmode("pipe", list, std::move(extra));
  args.insert(args.begin(), {"-config", config_path()});
  return args;
}

void expect_exact_copies(const std::string& db) {
  for (const char* t : {"dups", "sums"}) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
  }
}

// Reset after part of the body: the BE aborted the load; the label says so and it goes again.
TEST(PipeFaultsTest, AResetMidBodyIsResolvedByItsLabelAndSentAgain) {
  const std::string db = pipe_fault_tables("ppf_reset");
  sql("DST", "ADMIN SET SIM HTTP RESET AFTER 100 2 'exl_pipe_" + db + "'");
  const ExlResult r = run_exl(pipe_fault_run(db + ".*", {"-r", "-i", "-thread", "2"}));
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_copies(db);
}

// The load committed but its answer never came: the label says VISIBLE, nothing is sent again
// (a second load of `sums` would double its sums).
TEST(PipeFaultsTest, ALostCommitAnswerIsNeverLoadedTwice) {
  const std::string db = pipe_fault_tables("ppf_lost");
  sql("DST", "ADMIN SET SIM HTTP LOSE COMMIT 6 'exl_pipe_" + db + "'");
  const ExlResult r = run_exl(pipe_fault_run(db + ".*", {"-r", "-i", "-thread", "2"}));
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  expect_exact_copies(db);
  EXPECT_TRUE(contains(r.out, "its answer was lost; the label says")) << r.out;
}

// A 500 fails that partition (nothing loaded there); a re-run replaces what differs.
TEST(PipeFaultsTest, A500FailsThePartitionAndAReRunCompletesIt) {
  const std::string db = pipe_fault_tables("ppf_500");
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  sql("DST", "ADMIN SET SIM HTTP FAIL 1 'exl_pipe_" + db + "_sums_p20240102'");
  const ExlResult r = run_exl(pipe_fault_run(db + ".*", {"-r", "-i", "-thread", "1"}), env);
  sql("DST", "ADMIN SET SIM RESET");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(
      sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`sums` PARTITION (p20240102)").rows.at(0).at(0),
      "0");
  const auto again = first_round(pipe_fault_run(db + ".*", {"-r", "-interval", "1"}), env);
  ASSERT_TRUE(again.done) << again.result.out << again.result.err;
  EXPECT_EQ(again.result.exit_code, 130);
  expect_exact_copies(db);
}

// The BE holds the load past its timeout (the `timeout` header, from query_timeout): StarRocks
// aborts it ("transaction is aborted by timeout"), the partition fails with that reason and
// nothing of it is loaded; a re-run completes the copy exactly.
TEST(PipeFaultsTest, AStallPastTheLoadTimeoutFailsThePartitionAndAReRunCompletesIt) {
  const std::string db = pipe_fault_tables("ppf_stall");
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  const std::string config = state.path() + "/short-timeout.yaml";
  std::ofstream(config) << read_file(config_path()) << "defaults:\n  query_timeout: 2\n";
  std::vector<std::string> args = vmode("pipe", db + ".*", {"-r", "-i", "-thread", "2"});
  args.insert(args.begin(), {"-config", config});
  sql("DST", "ADMIN SET SIM HTTP STALL 1 'exl_pipe_" + db + "_sums_p20240102'");
  const ExlResult r = run_exl(args, env);
  sql("DST", "ADMIN SET SIM RESET");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "aborted by timeout")) << r.out;
  EXPECT_EQ(
      sql("DST", "SELECT COUNT(*) FROM `" + db + "`.`sums` PARTITION (p20240102)").rows.at(0).at(0),
      "0");
  EXPECT_EQ(content("DST", db, "dups"), content("SRC", db, "dups"));
  const auto again = first_round(pipe_fault_run(db + ".*", {"-r", "-interval", "1"}), env);
  ASSERT_TRUE(again.done) << again.result.out << again.result.err;
  EXPECT_EQ(again.result.exit_code, 130);
  expect_exact_copies(db);
}

// SIGINT while a Stream Load waits on the BE: the request is abandoned, the BE aborts it, exit
// 130; a re-run completes the copy exactly.
TEST(PipeFaultsTest, SigintMidStreamLeavesNothingHalfLoadedAndAReRunCompletes) {
  const std::string db = pipe_fault_tables("ppf_sigint");
  config::test::TempDir state;
  const std::map<std::string, std::string> env{{"XDG_STATE_HOME", state.path()}};
  sql("DST", "ADMIN SET SIM HTTP STALL 1 'exl_pipe_" + db + "_dups_p20240101'");
  const std::string log = state.path() + "/run.log";
  ExlProcess run(pipe_fault_run(db + ".dups", {"-r", "-i", "-thread", "1", "-log", log}), env);
  const auto open_loads = [&]() -> std::size_t {
    try {
      return sql("DST", "SHOW PROC '/transactions/" + db + "/running'").rows.size();
    } catch (const db::SqlError&) {
      return 0; // the target database is not created yet
    }
  };
  // The request is on its way (the gate logs it as it sends it); the BE holds it unanswered.
  ASSERT_TRUE(eventually([&] { return contains(run.err_so_far(), "target: PUT /api/"); },
                         std::chrono::seconds(30), std::chrono::milliseconds(20)))
      << run.out_so_far() << run.err_so_far();
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  sql("DST", "ADMIN SET SIM RESET");
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_TRUE(eventually([&] { return open_loads() == 0; })) << "the abandoned load is still open";
  const auto again = first_round(pipe_fault_run(db + ".dups", {"-r", "-interval", "1"}), env);
  ASSERT_TRUE(again.done) << again.result.out << again.result.err;
  EXPECT_EQ(again.result.exit_code, 130);
  EXPECT_EQ(content("DST", db, "dups"), content("SRC", db, "dups"));
}

// The source connection killed mid-SELECT: the body ends without its last chunk, so the BE cannot
// commit it; the label confirms nothing was loaded and the partition goes again with a new SELECT,
// arriving whole and once (the SUM table would show a doubled load).
TEST(PipeFaultsTest, TheSourceKilledMidSelectIsSentAgainWholeAndOnce) {
  const std::string db = pipe_fault_tables("ppf_kill");
  db::ConnectionParams params = cluster("SRC");
  params.query_timeout_s = 0;
  db::Connection control(params);
  const std::string select = "SELECT `k`, `dt`, `v` FROM `" + db + "`.`sums`"; // the loads' reads
  control.query("ADMIN SET SIM STALL '" + select + "'");
  ExlProcess run(pipe_fault_run(db + ".sums", {"-r", "-i", "-thread", "1"}), {});
  std::string stalled_id;
  const bool stalled = eventually(
      [&] {
        const auto rs = control.query("SHOW PROCESSLIST");
        for (std::size_t i = 0; i < rs.rows.size(); ++i) {
          if (contains(rs.value(i, "Info").value_or(""), select)) {
            stalled_id = rs.value(i, "Id").value_or("");
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(30), std::chrono::milliseconds(10));
  if (stalled) {
    control.query("KILL CONNECTION " + stalled_id);
  }
  control.query("ADMIN SET SIM RESET");
  const ExlResult r = run.wait();
  ASSERT_TRUE(stalled) << r.out << r.err;
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "reading the source")) << r.err; // the warning before the resend
  EXPECT_EQ(content("DST", db, "sums"), content("SRC", db, "sums"));
}

} // namespace
} // namespace exl::test::e2e
