// SUBMIT TASK, information_schema.tasks / task_runs, DROP TASK (starrocks-surface.md §5, §13.9-10),
// SHOW DATA and SHOW PROC '/transactions/<db>/running' (§8).

#include "engine_test_support.hpp"

#include "support/eventually.hpp"

namespace srsim::test {
namespace {

using exl::test::eventually;

class TasksTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
    ok("CREATE TABLE src (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
    ok("INSERT INTO src VALUES (1, 1), (2, 2)");
  }
  std::string state(const std::string& task) {
    return scalar("SELECT STATE FROM information_schema.task_runs WHERE TASK_NAME = '" + task +
                  "'");
  }
  // Polls until the run of `task` reaches `want` (or a final state); returns the last state.
  std::string wait_state(const std::string& task, const std::string& want) {
    std::string s;
    eventually(
        [&] {
          s = state(task);
          return s == want || s == "SUCCESS" || s == "FAILED";
        },
        std::chrono::seconds(20));
    return s;
  }
};

TEST_F(TasksTest, SubmittedInsertRunsToSuccess) {
  ResultSet rs = rows("SUBMIT TASK copy1 AS INSERT INTO t SELECT * FROM src");
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"TaskName", "Status"}));
  EXPECT_EQ(rs.rows[0][0], "copy1");
  EXPECT_EQ(rs.rows[0][1], "SUBMITTED");
  EXPECT_EQ(wait_state("copy1", "SUCCESS"), "SUCCESS");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "2");
  ResultSet run = rows("SELECT * FROM information_schema.task_runs WHERE TASK_NAME = 'copy1'");
  EXPECT_EQ(cell(run, 0, "PROGRESS"), "100%");
  EXPECT_EQ(cell(run, 0, "DATABASE"), m_db);
  EXPECT_EQ(cell(run, 0, "ERROR_MESSAGE"), "NULL");
  ResultSet task = rows("SELECT TASK_NAME, SCHEDULE, DEFINITION FROM information_schema.tasks "
                        "WHERE TASK_NAME = 'copy1'");
  ASSERT_EQ(task.rows.size(), 1u);
  EXPECT_EQ(cell(task, 0, "SCHEDULE"), "MANUAL");
  EXPECT_EQ(cell(task, 0, "DEFINITION"), "INSERT INTO t SELECT * FROM src");
}

TEST_F(TasksTest, FailedRunCarriesTheErrorMessage) {
  ok("SUBMIT TASK bad AS INSERT INTO t SELECT * FROM missing_table");
  EXPECT_EQ(wait_state("bad", "FAILED"), "FAILED");
  EXPECT_NE(scalar("SELECT ERROR_MESSAGE FROM information_schema.task_runs WHERE TASK_NAME = 'bad'")
                .find("Unknown table"),
            std::string::npos);
}

TEST_F(TasksTest, DropTaskCancelsARunningRun) {
  ok("SUBMIT TASK slow AS INSERT INTO t SELECT k, SLEEP(30) FROM src");
  EXPECT_EQ(wait_state("slow", "RUNNING"), "RUNNING");
  ok("DROP TASK slow");
  EXPECT_EQ(wait_state("slow", "FAILED"), "FAILED");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "0");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.tasks WHERE TASK_NAME = 'slow'"), "0");
  EXPECT_EQ(error("DROP TASK slow"),
            "Getting analyzing error. Detail message: Task slow is not exist.");
  // DROP TASK IF EXISTS parses from 4.0 only (§14).
  EXPECT_EQ(error("DROP TASK IF EXISTS slow").rfind("Getting syntax error", 0), 0u);
}

// DROP TASK kills the running TaskRun: TaskManager.dropTasks -> killTask -> TaskRunManager
// .killTaskRun -> runCtx.kill(false), and TaskRunExecutor turns the interrupted run FAILED
// (fe/.../scheduler/TaskManager.java, TaskRunManager.java, TaskRunExecutor.java). There is no
// CANCELLED state in any release: Constants.TaskRunState is PENDING, RUNNING, FAILED, SUCCESS
// (+ MERGED, SKIPPED later). A killed CREATE TABLE AS SELECT leaves no table behind.
TEST_F(TasksTest, DropTaskCancelsARunningCtasAndLeavesNoTable) {
  std::string other = unique_name("t_other");
  ok("SUBMIT TASK slow_ctas AS CREATE TABLE made AS SELECT k, SLEEP(60) AS s FROM src");
  EXPECT_EQ(wait_state("slow_ctas", "RUNNING"), "RUNNING");
  // The running CTAS blocks no unrelated DDL.
  auto started = std::chrono::steady_clock::now();
  ok("CREATE DATABASE " + other);
  ok("CREATE TABLE " + other + ".x (k INT) DISTRIBUTED BY HASH(k) BUCKETS 1");
  ok("DROP DATABASE " + other);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  ok("DROP TASK slow_ctas");
  EXPECT_EQ(wait_state("slow_ctas", "FAILED"), "FAILED");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.tables WHERE TABLE_SCHEMA = '" + m_db +
                   "' AND TABLE_NAME = 'made'"),
            "0");
  EXPECT_NE(error("SELECT * FROM made").find("Unknown table"), std::string::npos);
  // Nothing keeps the database busy afterwards.
  started = std::chrono::steady_clock::now();
  ok("DROP DATABASE " + m_db);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

// A pending run of a dropped task is removed from the pending queue (TaskManager.killTask with
// clearPending = true): it never runs and leaves task_runs.
TEST_F(TasksTest, DropTaskRemovesAPendingRun) {
  for (int i = 0; i < 4; ++i) {
    ok("SUBMIT TASK busy" + std::to_string(i) + " AS INSERT INTO t SELECT k, SLEEP(60) FROM src");
  }
  // All four slots taken first: a busy run still PENDING when dropped would be removed, not
  // FAILED, and `waiting` must be the run that waits.
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(wait_state("busy" + std::to_string(i), "RUNNING"), "RUNNING");
  }
  ok("SUBMIT TASK waiting AS INSERT INTO t SELECT * FROM src");
  EXPECT_EQ(state("waiting"), "PENDING");
  ok("DROP TASK waiting");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.task_runs WHERE TASK_NAME = 'waiting'"),
            "0");
  for (int i = 0; i < 4; ++i) {
    ok("DROP TASK busy" + std::to_string(i));
  }
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(wait_state("busy" + std::to_string(i), "FAILED"), "FAILED");
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "0");
}

TEST_F(TasksTest, AtMostFourRunsAtOnce) {
  for (int i = 0; i < 6; ++i) {
    ok("SUBMIT TASK s" + std::to_string(i) + " AS INSERT INTO t SELECT 1, SLEEP(1)");
  }
  int max_running = 0;
  bool saw_pending_while_full = false;
  eventually(
      [&] {
        ResultSet rs =
            rows("SELECT STATE, COUNT(*) AS n FROM information_schema.task_runs GROUP BY STATE");
        int running = 0, pending = 0, done = 0;
        for (const auto& r : rs.rows) {
          int n = std::stoi(*r[1]);
          if (r[0] == "RUNNING")
            running = n;
          if (r[0] == "PENDING")
            pending = n;
          if (r[0] == "SUCCESS")
            done = n;
        }
        max_running = std::max(max_running, running);
        saw_pending_while_full |= running == 4 && pending > 0;
        return done == 6;
      },
      std::chrono::seconds(30));
  EXPECT_EQ(max_running, 4);
  EXPECT_TRUE(saw_pending_while_full);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "6");
}

TEST_F(TasksTest, ShowProcListsRunningInserts) {
  ok("SUBMIT TASK slow2 AS INSERT INTO t WITH LABEL running_label SELECT k, SLEEP(30) FROM src");
  EXPECT_EQ(wait_state("slow2", "RUNNING"), "RUNNING");
  // The run turns RUNNING a moment before its transaction begins: poll.
  ResultSet rs;
  eventually([&] {
    rs = rows("SHOW PROC '/transactions/" + m_db + "/running'");
    return !rs.rows.empty();
  });
  ASSERT_EQ(rs.columns.size(), 14u);
  EXPECT_EQ(rs.columns[0], "TransactionId");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "Label"), "running_label");
  EXPECT_EQ(cell(rs, 0, "TransactionStatus"), "PREPARE");
  ok("DROP TASK slow2");
  EXPECT_EQ(wait_state("slow2", "FAILED"), "FAILED");
  EXPECT_TRUE(rows("SHOW PROC '/transactions/" + m_db + "/running'").rows.empty());
}

TEST_F(TasksTest, ShowDataReportsSizesAndRows) {
  ok("INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)");
  ResultSet rs = rows("SHOW DATA FROM t");
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"TableName", "IndexName", "Size", "ReplicaCount",
                                                  "RowCount"}));
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "RowCount"), "3");
  EXPECT_EQ(cell(rs, 1, "IndexName"), "Total");
  EXPECT_NE(cell(rs, 0, "Size").find(" KB"), std::string::npos);
  ResultSet db = rows("SHOW DATA");
  ASSERT_EQ(db.columns, (std::vector<std::string>{"TableName", "Size", "ReplicaCount"}));
  EXPECT_EQ(cell(db, db.rows.size() - 3, "TableName"), "Total");
}

class OldTasksTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{2, 5, 13}; }
};

TEST_F(OldTasksTest, InsertTaskBodiesNeedVersion30) {
  ok("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k)");
  EXPECT_NE(error("SUBMIT TASK x AS INSERT INTO t VALUES (1)").find("Unsupported statement type"),
            std::string::npos);
  // 2.5 runs CREATE TABLE AS SELECT bodies.
  ResultSet rs = rows("SUBMIT TASK ctas AS CREATE TABLE c AS SELECT 1 AS k");
  EXPECT_EQ(rs.rows[0][1], "SUBMITTED");
  std::string state;
  eventually(
      [&] {
        state = scalar("SELECT STATE FROM information_schema.task_runs WHERE TASK_NAME = 'ctas'");
        return state == "SUCCESS" || state == "FAILED";
      },
      std::chrono::seconds(20));
  EXPECT_EQ(state, "SUCCESS");
  EXPECT_EQ(scalar("SELECT k FROM c"), "1");
}

} // namespace
} // namespace srsim::test
