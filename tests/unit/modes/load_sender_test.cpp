// LoadSender over a scripted target: what is sent, what is read, and what the caller is told when
// the answer to a labelled load is lost (issue #10, "Never twice, never lost").
#include "modes/load_sender.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/retry.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace exl::modes {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

const std::string k_label = "exl_v2_orders_p1_r1_0123456789abcdef";
const LoadTiming k_fast{1ms, 300ms, 3};

// What a send returns or throws.
using Answer = std::function<db::ExecResult()>;

Answer answered(const std::string& status = "VISIBLE") {
  return [status] {
    return db::ExecResult{3, "{'label':'" + k_label + "', 'status':'" + status + "', 'txnId':'9'}"};
  };
}
Answer connection_lost() {
  return []() -> db::ExecResult {
    throw runner::OutcomeUnknownError("outcome unknown: Lost connection to server during query",
                                      2013);
  };
}
Answer label_used() {
  return []() -> db::ExecResult {
    throw db::SqlError(1064, "HY000", "Label [" + k_label + "] has already been used.", "INSERT");
  };
}
Answer fails(const std::string& message) {
  return [message]() -> db::ExecResult { throw db::SqlError(1064, "HY000", message, "INSERT"); };
}

// A target whose answers and label states follow scripts: the n-th send gets answers[n], the n-th
// look at the load jobs sees jobs[n] (the last entry repeats; nullopt: the label is not listed),
// the transaction list likewise.
class ScriptedTarget : public LoadChannel {
public:
  std::vector<Answer> answers;
  std::vector<std::optional<std::string>> jobs;
  std::vector<std::optional<std::string>> transactions;
  std::vector<std::optional<std::string>> finished; // the finished list, likewise
  bool proc_refused = false;
  bool loads_view_missing = false;
  std::function<void()> on_read;

  std::vector<Statement> sent;
  std::vector<Clock::time_point> sent_at;
  std::vector<std::string> reads;

  db::ExecResult mutate(const Statement& statement) override {
    sent.push_back(statement);
    sent_at.push_back(Clock::now());
    return answers.at(sent.size() - 1)();
  }

  db::ResultSet read(const std::string& sql) override {
    reads.push_back(sql);
    if (on_read) {
      on_read();
    }
    if (sql.rfind("SHOW LOAD", 0) == 0) {
      return job_rows({"JobId", "Label", "State", "ErrorMsg"}, m_job_looks++);
    }
    if (sql.rfind("SELECT * FROM information_schema.loads", 0) == 0) {
      if (loads_view_missing) {
        throw db::SqlError(1064, "HY000", "Unknown table 'information_schema.loads'", sql);
      }
      return job_rows({"ID", "LABEL", "DB_NAME", "STATE", "ERROR_MSG"}, m_job_looks++);
    }
    if (proc_refused) {
      throw db::SqlError(1227, "42000", "Access denied; you need the OPERATE privilege", sql);
    }
    if (sql == "SHOW PROC \"/transactions\"") {
      return {{"DbId", "DbName"}, {{"10002", "other"}, {"10005", "db1"}}};
    }
    if (sql == "SHOW PROC \"/transactions/10005/running\"") {
      const auto status = at(transactions, m_txn_looks++);
      db::ResultSet out{{"TransactionId", "Label", "TransactionStatus", "ErrMsg"}, {}};
      if (status) {
        out.rows.push_back({"1008", k_label, *status, ""});
      }
      return out;
    }
    if (sql == "SHOW PROC \"/transactions/10005/finished\"") {
      const auto status = at(finished, m_finished_looks++);
      db::ResultSet out{{"TransactionId", "Label", "TransactionStatus", "ErrMsg"}, {}};
      if (status) {
        out.rows.push_back({"1008", k_label, *status, ""});
      }
      return out;
    }
    throw db::SqlError(1064, "HY000", "unexpected read " + sql, sql);
  }

  std::size_t reads_starting(const std::string& prefix) const {
    std::size_t n = 0;
    for (const auto& r : reads) {
      n += r.rfind(prefix, 0) == 0 ? 1 : 0;
    }
    return n;
  }

private:
  static std::optional<std::string> at(const std::vector<std::optional<std::string>>& script,
                                       std::size_t i) {
    if (script.empty()) {
      return std::nullopt;
    }
    return script[std::min(i, script.size() - 1)];
  }

  db::ResultSet job_rows(std::vector<std::string> columns, std::size_t look) const {
    db::ResultSet out{std::move(columns), {}};
    if (const auto state = at(jobs, look)) {
      const bool db_column = out.columns.size() == 5;
      db::RowValues row = {"11001", k_label};
      if (db_column) {
        row.push_back("db1");
      }
      row.push_back(*state);
      row.push_back(*state == "CANCELLED" ? std::optional<std::string>("type:TIMEOUT")
                                          : std::nullopt);
      out.rows.push_back(std::move(row));
    }
    return out;
  }

  std::size_t m_job_looks = 0;
  std::size_t m_txn_looks = 0;
  std::size_t m_finished_looks = 0;
};

Statement load() {
  return {Side::Target,
          "INSERT OVERWRITE `db1`.`orders` PARTITION (`p1`) WITH LABEL " + k_label + " SELECT 1",
          k_label, false};
}

starrocks::Version v25() {
  return starrocks::parse_version("2.5.22 abcdef");
}
starrocks::Version v33() {
  return starrocks::parse_version("3.3.5 abcdef");
}

TEST(LoadSenderTest, AnAnsweredLoadIsSentOnceAndNothingIsRead) {
  ScriptedTarget target;
  target.answers = {answered("COMMITTED")};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_FALSE(result.resolved);
  EXPECT_EQ(result.state, "COMMITTED");
  EXPECT_EQ(result.exec.affected_rows, 3u);
  EXPECT_EQ(result.sends, 1);
  EXPECT_TRUE(target.reads.empty());
}

TEST(LoadSenderTest, ConnectionLostAfterCommitIsResolvedByTheLabelWithoutResend) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"FINISHED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "FINISHED");
  EXPECT_EQ(target.sent.size(), 1u);
  // 2.5 has no information_schema.loads: SHOW LOAD alone.
  EXPECT_EQ(target.reads,
            std::vector<std::string>{"SHOW LOAD FROM `db1` WHERE LABEL = \"" + k_label + "\""});
}

TEST(LoadSenderTest, From31TheLoadsViewIsAskedFirst) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"VISIBLE"};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(target.reads,
            std::vector<std::string>{"SELECT * FROM information_schema.loads WHERE `LABEL` = \"" +
                                     k_label + "\""});
}

TEST(LoadSenderTest, AnUnreadableLoadsViewFallsBackToShowLoad) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"FINISHED"};
  target.loads_view_missing = true;
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  EXPECT_TRUE(sender.send(load(), "db1", 30ms).resolved);
  EXPECT_EQ(target.reads_starting("SHOW LOAD"), 1u);
}

// An FE that refuses connections for a while (a restart, a leader change) while the label is
// looked up: the lookup is tried again until the FE answers, not given up at once.
TEST(LoadSenderTest, AConnectionErrorWhileReadingTheLabelIsWaitedOut) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"FINISHED"};
  int refused = 3;
  target.on_read = [&] {
    if (refused > 0) {
      --refused;
      throw db::SqlError(2003, "HY000", "Can't connect to server on '127.0.0.1'", "connect");
    }
  };
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "FINISHED");
  EXPECT_EQ(target.sent.size(), 1u);
  EXPECT_EQ(refused, 0);
}

// A statement error while reading the label is final: the task fails naming the label.
TEST(LoadSenderTest, AStatementErrorWhileReadingTheLabelIsFinal) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.on_read = [] { throw db::SqlError(1064, "HY000", "boom", "SHOW LOAD"); };
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  EXPECT_THROW(sender.send(load(), "db1", 30ms), LoadOutcomeError);
  EXPECT_EQ(target.sent.size(), 1u);
}

TEST(LoadSenderTest, ACancelledAttemptIsSentAgainWithTheSameLabel) {
  ScriptedTarget target;
  target.answers = {connection_lost(), answered()};
  target.jobs = {"CANCELLED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_FALSE(result.resolved);
  EXPECT_EQ(result.state, "VISIBLE");
  EXPECT_EQ(result.sends, 2);
  ASSERT_EQ(target.sent.size(), 2u);
  EXPECT_EQ(target.sent[1].sql, target.sent[0].sql);
  EXPECT_EQ(target.sent[1].label, k_label);
  // The cancelled job alone does not free the label: the running transactions were looked at.
  EXPECT_EQ(target.reads_starting("SHOW PROC \"/transactions/10005/running\""), 1u);
}

TEST(LoadSenderTest, ARunningLoadIsPolledUntilItEnds) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"LOADING", "LOADING", "LOADING", "COMMITTED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 10s);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "COMMITTED");
  EXPECT_EQ(target.sent.size(), 1u);
  EXPECT_EQ(target.reads_starting("SELECT * FROM information_schema.loads"), 4u);
}

TEST(LoadSenderTest, Before31AnUnlistedInsertIsFoundAmongRunningTransactions) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  // SHOW LOAD lists the INSERT only after it ended; until then the transaction list has it.
  target.jobs = {std::nullopt, std::nullopt, "FINISHED"};
  target.transactions = {"PREPARE", "PREPARE", std::nullopt};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  // A long timeout: the label being seen running is what keeps the sender waiting.
  const LoadResult result = sender.send(load(), "db1", 10s);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "FINISHED");
  EXPECT_EQ(target.sent.size(), 1u);
  // The database id once, the running list at each of the two looks that found no job.
  EXPECT_EQ(target.reads_starting("SHOW PROC \"/transactions\""), 1u);
  EXPECT_EQ(target.reads_starting("SHOW PROC \"/transactions/10005/running\""), 2u);
}

TEST(LoadSenderTest, ACommittedTransactionCountsAsApplied) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.transactions = {"COMMITTED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 10s);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "COMMITTED");
}

TEST(LoadSenderTest, ANeverSeenLabelIsFreeOnlyAfterTheStatementTimeout) {
  ScriptedTarget target;
  target.answers = {connection_lost(), answered()};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const auto timeout = 60ms;
  const LoadResult result = sender.send(load(), "db1", timeout);
  EXPECT_FALSE(result.resolved);
  EXPECT_EQ(result.sends, 2);
  ASSERT_EQ(target.sent_at.size(), 2u);
  EXPECT_GE(target.sent_at[1] - target.sent_at[0], timeout);
  EXPECT_GT(target.reads_starting("SHOW LOAD"), 1u); // polled while waiting
}

TEST(LoadSenderTest, AResendRefusedForItsLabelIsResolvedAsDone) {
  ScriptedTarget target;
  // The first attempt was not visible anywhere within the timeout, then committed after all:
  // the re-send is refused ("already used") and the label is now FINISHED.
  target.answers = {connection_lost(), label_used()};
  target.jobs = {std::nullopt, std::nullopt, std::nullopt, "FINISHED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, LoadTiming{20ms, 300ms, 3});
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(result.state, "FINISHED");
  EXPECT_EQ(result.sends, 2);
}

TEST(LoadSenderTest, ALabelUsedByAnEarlierRunIsDoneAtOnce) {
  ScriptedTarget target;
  target.answers = {label_used()};
  target.jobs = {"FINISHED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_TRUE(result.resolved);
  EXPECT_EQ(target.sent.size(), 1u);
}

TEST(LoadSenderTest, ALoadStillRunningAtTheDeadlineFailsNamingTheLabel) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"LOADING"};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, LoadTiming{1ms, 20ms, 3});
  try {
    sender.send(load(), "db1", 20ms);
    FAIL() << "expected LoadOutcomeError";
  } catch (const LoadOutcomeError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.label(), k_label);
    EXPECT_NE(what.find("still LOADING"), std::string::npos) << what;
    EXPECT_NE(what.find("SHOW LOAD FROM `db1` WHERE LABEL = \"" + k_label + "\""),
              std::string::npos)
        << what;
  }
  EXPECT_EQ(target.sent.size(), 1u);
}

TEST(LoadSenderTest, RepeatedUnknownOutcomesStopAfterMaxSends) {
  ScriptedTarget target;
  target.answers = {connection_lost(), connection_lost()};
  target.jobs = {"CANCELLED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, LoadTiming{1ms, 300ms, 2});
  EXPECT_THROW(sender.send(load(), "db1", 30ms), LoadOutcomeError);
  EXPECT_EQ(target.sent.size(), 2u);
}

TEST(LoadSenderTest, CancellingStopsTheWait) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.jobs = {"LOADING"};
  runner::CancelToken cancel;
  target.on_read = [&] { cancel.cancel(); };
  LoadSender sender(target, v33(), cancel, LoadTiming{10s, 10s, 3});
  const auto start = Clock::now();
  EXPECT_THROW(sender.send(load(), "db1", 10s), runner::CancelledError);
  EXPECT_LT(Clock::now() - start, 5s); // did not sit out the 10 s poll
  EXPECT_EQ(target.sent.size(), 1u);
}

TEST(LoadSenderTest, AFailedLoadIsTheServersErrorAndNothingIsRead) {
  ScriptedTarget target;
  target.answers = {fails("Insert has filtered data in strict mode")};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  EXPECT_THROW(sender.send(load(), "db1", 30ms), db::SqlError);
  EXPECT_TRUE(target.reads.empty());
}

TEST(LoadSenderTest, WithoutTheTransactionListTheJobsAloneDecide) {
  ScriptedTarget target;
  target.answers = {connection_lost(), answered()};
  target.proc_refused = true;
  runner::CancelToken cancel;
  LoadSender sender(target, v25(), cancel, k_fast);
  const LoadResult result = sender.send(load(), "db1", 30ms);
  EXPECT_EQ(result.sends, 2);
  // Refused once, then not asked again during that resolution.
  EXPECT_EQ(target.reads_starting("SHOW PROC"), 1u);
}

TEST(LoadSenderTest, LabelStateReportsWhatTheTargetKnows) {
  ScriptedTarget target;
  target.jobs = {"CANCELLED"};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  const auto state = sender.label_state("db1", k_label);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->phase, starrocks::LoadPhase::Cancelled);
  EXPECT_EQ(state->error, "type:TIMEOUT");
  EXPECT_EQ(state->source, "information_schema.loads");

  ScriptedTarget empty;
  LoadSender nothing(empty, v33(), cancel, k_fast);
  EXPECT_FALSE(nothing.label_state("db1", k_label));
}

TEST(LoadSenderTest, RefusesWhatIsNotALabelledLoad) {
  ScriptedTarget target;
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  Statement unlabelled = load();
  unlabelled.label.clear();
  EXPECT_THROW(sender.send(unlabelled, "db1", 30ms), std::invalid_argument);
  EXPECT_THROW(sender.send(load(), "db1", 0ms), std::invalid_argument);
  EXPECT_TRUE(target.sent.empty());
}

// -o starrocks writes on the source through an OLAP external table: the write is a transaction
// of the target with no load job there, found among the target's finished transactions.
TEST(LoadSenderTest, AWriteThroughAnExternalTableIsResolvedAmongTheTargetsFinishedTransactions) {
  ScriptedTarget target;
  target.answers = {connection_lost()};
  target.finished = {std::string("VISIBLE")};
  runner::CancelToken cancel;
  LoadSender sender(target, v33(), cancel, k_fast);
  Statement write = load();
  write.side = Side::Source;
  const LoadResult r = sender.send(write, "db1", 30ms);
  EXPECT_TRUE(r.resolved);
  EXPECT_EQ(r.state, "VISIBLE");
  EXPECT_EQ(target.sent.size(), 1U); // never sent twice
  EXPECT_EQ(target.reads_starting("SHOW PROC \"/transactions/10005/finished\""), 1U);
}

} // namespace
} // namespace exl::modes
