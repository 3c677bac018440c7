// SHOW LOAD over srsim's INSERT jobs, label reuse after a failed load, and a running INSERT seen
// as LOADING (docs/srsim-engine.md "Loads"; StarRocks sources named in engine/show_load.cpp).

#include "engine_test_support.hpp"
#include "support/eventually.hpp"

#include <atomic>
#include <thread>

namespace srsim::test {
namespace {

using exl::test::eventually;

const Version k_v25{2, 5, 22}, k_v31{3, 1, 17}, k_v33{3, 3, 5}, k_v34{3, 4, 4};

const char* const k_where_error =
    "Getting analyzing error. Detail message: Where clause should looks like: LABEL = "
    "\"your_load_label\", or LABEL LIKE \"matcher\",  or STATE = "
    "\"PENDING|ETL|LOADING|FINISHED|CANCELLED|QUEUEING\",  or compound predicate with operator "
    "AND.";

class ShowLoadTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    ok("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 "
       "VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(k) BUCKETS 1");
  }
  ResultSet show(const std::string& tail = "") { return rows("SHOW LOAD" + tail); }
};

class ShowLoad25Test : public ShowLoadTest {
  void configure(ClusterConfig& c) override { c.version = k_v25; }
};
class ShowLoad31Test : public ShowLoadTest {
  void configure(ClusterConfig& c) override { c.version = k_v31; }
};
class ShowLoad34Test : public ShowLoadTest {
  void configure(ClusterConfig& c) override { c.version = k_v34; }
};

TEST_F(ShowLoad25Test, ListsTheReleaseColumns) {
  ok("INSERT INTO t WITH LABEL l25 VALUES (1, 1)");
  ResultSet rs = show(" WHERE LABEL = \"l25\"");
  EXPECT_EQ(rs.columns, (std::vector<std::string>{
                            "JobId", "Label", "State", "Progress", "Type", "Priority", "EtlInfo",
                            "TaskInfo", "ErrorMsg", "CreateTime", "EtlStartTime", "EtlFinishTime",
                            "LoadStartTime", "LoadFinishTime", "URL", "JobDetails"}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "URL"), "");
  EXPECT_EQ(cell(rs, 0, "EtlInfo"), "NULL");
}

TEST_F(ShowLoad31Test, ListsTheReleaseColumns) {
  ok("INSERT INTO t WITH LABEL l31 VALUES (1, 1), (2, 2)");
  ResultSet rs = show(" WHERE LABEL = \"l31\"");
  EXPECT_EQ(rs.columns, (std::vector<std::string>{
                            "JobId",          "Label",          "State",        "Progress",
                            "Type",           "Priority",       "ScanRows",     "FilteredRows",
                            "UnselectedRows", "SinkRows",       "EtlInfo",      "TaskInfo",
                            "ErrorMsg",       "CreateTime",     "EtlStartTime", "EtlFinishTime",
                            "LoadStartTime",  "LoadFinishTime", "TrackingSQL",  "JobDetails"}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "SinkRows"), "2");
  EXPECT_EQ(cell(rs, 0, "TaskInfo"), "resource:N/A; timeout(s):300; max_filter_ratio:0.0");
}

TEST_F(ShowLoad34Test, AddsWarehouse) {
  ok("INSERT INTO t WITH LABEL l34 VALUES (1, 1)");
  ResultSet rs = show(" WHERE LABEL = \"l34\"");
  ASSERT_EQ(rs.columns.size(), 21u);
  EXPECT_EQ(rs.columns.back(), "Warehouse");
  EXPECT_EQ(cell(rs, 0, "Warehouse"), "default_warehouse");
  EXPECT_EQ(cell(rs, 0, "TaskInfo"), "resource:N/A; timeout(s):14400; max_filter_ratio:0.0");
}

TEST_F(ShowLoadTest, FinishedInsertIsListedByLabel) {
  OkReply r = ok("INSERT INTO t WITH LABEL done1 VALUES (1, 1), (2, 2), (3, 3)");
  ResultSet rs = show(" WHERE LABEL = \"done1\"");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "State"), "FINISHED");
  EXPECT_EQ(cell(rs, 0, "Progress"), "ETL:100%; LOAD:100%");
  EXPECT_EQ(cell(rs, 0, "Type"), "INSERT");
  EXPECT_EQ(cell(rs, 0, "SinkRows"), "3");
  EXPECT_EQ(cell(rs, 0, "ErrorMsg"), "NULL");
  EXPECT_NE(cell(rs, 0, "LoadFinishTime"), "NULL");
  // The job id is the transaction id the INSERT's answer names.
  EXPECT_NE(r.info.find("'txnId':'" + cell(rs, 0, "JobId") + "'"), std::string::npos) << r.info;
}

// A failed load's label may be used again; a finished load's may not (LoadMgr.checkLabelUsed and
// DatabaseTransactionMgr.beginTransaction refuse a label only while its job is not CANCELLED /
// its transaction not ABORTED).
TEST_F(ShowLoadTest, FailedLabelIsReusableFinishedLabelIsNot) {
  EXPECT_EQ(error("INSERT INTO t WITH LABEL again VALUES (50, 1)")
                .rfind("Insert has filtered data in strict mode", 0),
            0u);
  ResultSet failed = show(" WHERE LABEL = \"again\"");
  ASSERT_EQ(failed.rows.size(), 1u);
  EXPECT_EQ(cell(failed, 0, "State"), "CANCELLED");
  EXPECT_EQ(cell(failed, 0, "Progress"), "ETL:N/A; LOAD:N/A");
  EXPECT_EQ(cell(failed, 0, "ErrorMsg")
                .rfind("type:LOAD_RUN_FAIL; msg:Cancelled, msg: Insert has "
                       "filtered data in strict mode",
                       0),
            0u);
  EXPECT_NE(cell(failed, 0, "LoadFinishTime"), "NULL");

  ok("INSERT INTO t WITH LABEL again VALUES (5, 1)");
  ResultSet both = show(" WHERE LABEL = \"again\"");
  ASSERT_EQ(both.rows.size(), 2u);
  EXPECT_EQ(cell(both, 0, "State"), "CANCELLED");
  EXPECT_EQ(cell(both, 1, "State"), "FINISHED");

  EXPECT_EQ(error("INSERT INTO t WITH LABEL again VALUES (6, 1)"),
            "Label [again] has already been used.");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "1");
}

TEST_F(ShowLoadTest, FiltersOrdersAndLimits) {
  ok("INSERT INTO t WITH LABEL job_a VALUES (1, 1)");
  ok("INSERT INTO t WITH LABEL job_b VALUES (2, 2)");
  error("INSERT INTO t WITH LABEL other_c VALUES (99, 3)");
  EXPECT_EQ(show().rows.size(), 3u);
  // LIKE matches a case-sensitive substring, no wildcards needed (LoadMgr.getLoadJobsByDb).
  EXPECT_EQ(show(" WHERE LABEL LIKE \"job\"").rows.size(), 2u);
  EXPECT_EQ(show(" WHERE LABEL LIKE \"JOB\"").rows.size(), 0u);
  EXPECT_EQ(show(" WHERE LABEL = \"job\"").rows.size(), 0u);
  ResultSet cancelled = show(" WHERE STATE = \"cancelled\"");
  ASSERT_EQ(cancelled.rows.size(), 1u);
  EXPECT_EQ(cell(cancelled, 0, "Label"), "other_c");
  EXPECT_EQ(show(" WHERE LABEL LIKE \"job\" AND STATE = \"FINISHED\"").rows.size(), 2u);
  EXPECT_EQ(cell(show(" ORDER BY JobId DESC LIMIT 1"), 0, "Label"), "other_c");
  EXPECT_EQ(cell(show(" ORDER BY label LIMIT 1, 1"), 0, "Label"), "job_b");
  EXPECT_EQ(cell(show(" LIMIT 1 OFFSET 1"), 0, "Label"), "job_b");
  EXPECT_EQ(cell(rows("SHOW LOAD FROM " + m_db + " WHERE LABEL = 'job_a'"), 0, "Label"), "job_a");
}

TEST_F(ShowLoadTest, RefusesWhatTheAnalyzerRefuses) {
  EXPECT_EQ(error("SHOW LOAD WHERE STATE = 'RUNNING'"), k_where_error);
  EXPECT_EQ(error("SHOW LOAD WHERE STATE LIKE 'LOADING'"), k_where_error);
  EXPECT_EQ(error("SHOW LOAD WHERE STATE != 'LOADING'"), k_where_error);
  EXPECT_EQ(error("SHOW LOAD WHERE LABEL = ''"), k_where_error);
  EXPECT_EQ(error("SHOW LOAD WHERE LABEL = 123"), k_where_error);
  EXPECT_EQ(error("SHOW LOAD ORDER BY time"),
            "Getting analyzing error. Detail message: Title name[time] does not exist.");
  EXPECT_EQ(error("SHOW LOAD FROM no_such_db"), "Unknown database 'no_such_db'");
  m_session.current_db.clear();
  EXPECT_EQ(error("SHOW LOAD"), "Getting analyzing error. Detail message: No database selected.");
}

// TransDbProcDir: SHOW PROC '/transactions' lists DbId and DbName, and '/transactions/<DbId>/..'
// (every release) or '/transactions/<name>/..' (newer ones) lists the database's transactions.
TEST_F(ShowLoadTest, TransactionsAreListedByDatabaseIdOrName) {
  ok("INSERT INTO t WITH LABEL by_id VALUES (7, 7)");
  ResultSet dbs = rows("SHOW PROC '/transactions'");
  ASSERT_EQ(dbs.columns, (std::vector<std::string>{"DbId", "DbName"}));
  std::string id;
  for (std::size_t i = 0; i < dbs.rows.size(); ++i) {
    if (cell(dbs, i, "DbName") == m_db) {
      id = cell(dbs, i, "DbId");
    }
  }
  ASSERT_FALSE(id.empty());
  for (const std::string& key : {id, m_db}) {
    bool found = false;
    const ResultSet finished = rows("SHOW PROC '/transactions/" + key + "/finished'");
    for (std::size_t i = 0; i < finished.rows.size(); ++i) {
      found = found || cell(finished, i, "Label") == "by_id";
    }
    EXPECT_TRUE(found) << key;
  }
}

// StmtExecutor registers the INSERT's load job before executing it, so another session sees it
// LOADING, and its transaction in SHOW PROC '/transactions/<db>/running'; a running load holds
// its label (beginTransaction refuses it); once killed the job is CANCELLED and the label free.
TEST_F(ShowLoadTest, RunningInsertIsLoadingAndHoldsItsLabel) {
  SessionContext other;
  other.connection_id = next_connection_id();
  other.user = "root";
  other.current_db = m_db;
  other.variables = m_session.variables;
  std::thread loader([&] {
    Reply r = m_engine->execute(other, "INSERT INTO t WITH LABEL slow SELECT 1, sleep(30)");
    EXPECT_TRUE(std::holds_alternative<ErrorReply>(r));
  });
  EXPECT_TRUE(eventually([&] { return show(" WHERE STATE = 'LOADING'").rows.size() == 1; }));
  ResultSet running = show(" WHERE LABEL = 'slow'");
  ASSERT_EQ(running.rows.size(), 1u);
  EXPECT_EQ(cell(running, 0, "State"), "LOADING");
  EXPECT_EQ(cell(running, 0, "Progress"), "ETL:100%; LOAD:0%");
  EXPECT_EQ(cell(running, 0, "LoadFinishTime"), "NULL");
  ResultSet loads = rows("SELECT STATE, LOAD_FINISH_TIME FROM information_schema.loads WHERE "
                         "LABEL = 'slow'");
  ASSERT_EQ(loads.rows.size(), 1u);
  EXPECT_EQ(loads.rows[0][0].value_or("NULL"), "LOADING");
  EXPECT_FALSE(loads.rows[0][1].has_value());
  ResultSet txns = rows("SHOW PROC '/transactions/" + m_db + "/running'");
  ASSERT_EQ(txns.rows.size(), 1u);
  EXPECT_EQ(cell(txns, 0, "Label"), "slow");
  EXPECT_EQ(cell(txns, 0, "TransactionStatus"), "PREPARE");
  EXPECT_EQ(error("INSERT INTO t WITH LABEL slow VALUES (2, 2)"),
            "Label [slow] has already been used.");

  m_engine->kill_query(other.connection_id);
  loader.join();
  m_engine->close_session(other);
  ResultSet after = show(" WHERE LABEL = 'slow'");
  ASSERT_EQ(after.rows.size(), 1u);
  EXPECT_EQ(cell(after, 0, "State"), "CANCELLED");
  EXPECT_TRUE(rows("SHOW PROC '/transactions/" + m_db + "/running'").rows.empty());
  ok("INSERT INTO t WITH LABEL slow VALUES (2, 2)");
  EXPECT_EQ(show(" WHERE LABEL = 'slow' AND STATE = 'FINISHED'").rows.size(), 1u);
}

} // namespace
} // namespace srsim::test
