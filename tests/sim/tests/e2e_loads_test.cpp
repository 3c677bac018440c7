// Load jobs over the wire: SHOW LOAD and information_schema.loads as a client sees them, and the
// CLOSE AFTER COMMIT fault (docs/srsim.md "Fault injection"): the INSERT commits, its answer is
// never sent, and the label then tells the client what happened.

#include "e2e_query_support.hpp"
#include "support_client.hpp"

#include <gtest/gtest.h>

#include <future>

namespace srsim::test {
namespace {

std::string fault_value(Client& c, const std::string& knob) {
  QueryResult r = c.query("ADMIN SHOW SIM FAULTS");
  for (const auto& row : r.rows) {
    if (row[0] == knob) {
      return row[1].value_or("NULL");
    }
  }
  return "<missing>";
}

class E2eLoadsTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest; a skipped server test is "
                      "not a pass)";
    }
  }
  // A database with a DUPLICATE KEY table `t` (a repeated load would double its rows).
  void create_table(Client& c) {
    m_db = unique_id("e2e_loads");
    ok(c, "CREATE DATABASE " + m_db);
    ok(c, "USE " + m_db);
    ok(c, "CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  }
  std::unique_ptr<Client> connect(PrivateSrsim& sim) {
    ConnectOptions o;
    o.port = sim.port();
    o.password = sim.password();
    o.database = m_db;
    return Client::connect(o);
  }
  std::string m_db;
};

// The INSERT runs and commits; the client gets error 2013 instead of its answer. The rows are
// there exactly once, the label is FINISHED in SHOW LOAD and information_schema.loads, and a
// re-sent INSERT with the same label is refused, so nothing is loaded twice.
TEST_F(E2eLoadsTest, CloseAfterCommitCommitsThenDropsTheAnswer) {
  PrivateSrsim sim;
  auto control = sim.root();
  create_table(*control);
  ASSERT_TRUE(control->query("ADMIN SET SIM CLOSE AFTER COMMIT 'WITH LABEL lost_answer'").ok());
  EXPECT_EQ(fault_value(*control, "CLOSE AFTER COMMIT"), "'WITH LABEL lost_answer'");
  auto victim = connect(sim);
  ASSERT_NE(victim, nullptr);
  QueryResult lost = victim->query("INSERT INTO t WITH LABEL lost_answer VALUES (1, 1), (2, 2)");
  EXPECT_EQ(lost.error, 2013u) << lost.message;

  EXPECT_EQ(ok(*control, "SELECT COUNT(*) FROM t").rows[0][0], "2");
  QueryResult show = ok(*control, "SHOW LOAD WHERE LABEL = 'lost_answer'");
  ASSERT_EQ(show.rows.size(), 1u);
  EXPECT_EQ(show.cell(0, "State"), "FINISHED");
  EXPECT_EQ(show.cell(0, "SinkRows"), "2");
  EXPECT_EQ(show.cell(0, "ErrorMsg"), std::nullopt); // NULL on the wire
  QueryResult loads = ok(*control, "SELECT STATE, SINK_ROWS FROM information_schema.loads WHERE "
                                   "LABEL = 'lost_answer'");
  ASSERT_EQ(loads.rows.size(), 1u);
  EXPECT_EQ(loads.rows[0][0], "FINISHED");
  EXPECT_EQ(loads.rows[0][1], "2");
  QueryResult log = ok(*control, "ADMIN SHOW SIM QUERY LOG LIKE 'INSERT%lost_answer%'");
  ASSERT_EQ(log.rows.size(), 1u);
  EXPECT_EQ(log.rows[0][4], "OK 2 DROPPED");

  // One-shot: the knob is off again and the same statement now answers (with the label refusal).
  EXPECT_EQ(fault_value(*control, "CLOSE AFTER COMMIT"), "OFF");
  auto again = connect(sim);
  QueryResult resent = again->query("INSERT INTO t WITH LABEL lost_answer VALUES (1, 1), (2, 2)");
  EXPECT_EQ(resent.error, 1064u);
  EXPECT_EQ(resent.message, "Label [lost_answer] has already been used.");
  EXPECT_EQ(ok(*control, "SELECT COUNT(*) FROM t").rows[0][0], "2");
  ok(*control, "DROP DATABASE " + m_db);
}

TEST_F(E2eLoadsTest, CloseAfterCommitFromTheCommandLineAndReset) {
  PrivateSrsim sim({"--fault", "CLOSE AFTER COMMIT 'never_sent_here'"});
  auto c = sim.root();
  EXPECT_EQ(fault_value(*c, "CLOSE AFTER COMMIT"), "'never_sent_here'");
  ASSERT_TRUE(c->query("ADMIN SET SIM RESET").ok());
  EXPECT_EQ(fault_value(*c, "CLOSE AFTER COMMIT"), "OFF");
  EXPECT_EQ(c->query("ADMIN SET SIM CLOSE AFTER COMMIT").error, 1064u); // a pattern is required
}

// A failed load leaves a CANCELLED job whose label the retry may use (StarRocks lets a failed
// load's label be used again); SHOW LOAD then lists both jobs, oldest first.
TEST_F(E2eLoadsTest, FailedLabelIsUsedAgainOnTheWire) {
  auto c = Client::root("SRC");
  create_table(*c);
  ok(*c, "CREATE TABLE p (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 "
         "VALUES LESS THAN (\"10\")) DISTRIBUTED BY HASH(k) BUCKETS 1");
  QueryResult failed = c->query("INSERT INTO p WITH LABEL retry_me VALUES (50, 1)");
  EXPECT_EQ(failed.error, 1064u);
  ok(*c, "INSERT INTO p WITH LABEL retry_me VALUES (5, 1)");
  QueryResult show = ok(*c, "SHOW LOAD FROM " + m_db + " WHERE LABEL = \"retry_me\"");
  ASSERT_EQ(show.rows.size(), 2u);
  EXPECT_EQ(show.cell(0, "State"), "CANCELLED");
  EXPECT_EQ(show.cell(0, "Progress"), "ETL:N/A; LOAD:N/A");
  EXPECT_EQ(show.cell(1, "State"), "FINISHED");
  EXPECT_EQ(ok(*c, "SELECT COUNT(*) FROM p").rows[0][0], "1");
  ok(*c, "DROP DATABASE " + m_db);
}

// While an INSERT runs, another client finds its label among the running transactions and as a
// LOADING job; after KILL QUERY the job is CANCELLED (what a client resolving an unknown outcome
// by label sees).
TEST_F(E2eLoadsTest, RunningInsertIsVisibleByLabel) {
  auto observer = Client::root("SRC");
  create_table(*observer);
  auto loader = Client::root("SRC");
  ok(*loader, "USE " + m_db);
  auto id = loader->connection_id();
  auto pending = std::async(std::launch::async, [&] {
    return loader->query("INSERT INTO t WITH LABEL in_flight SELECT 1, sleep(30)");
  });
  const std::string proc = "SHOW PROC '/transactions/" + m_db + "/running'";
  ASSERT_TRUE(eventually([&] {
    QueryResult r = observer->query(proc);
    return r.ok() && r.rows.size() == 1 && r.cell(0, "Label") == "in_flight";
  }));
  QueryResult show = ok(*observer, "SHOW LOAD WHERE LABEL = 'in_flight'");
  ASSERT_EQ(show.rows.size(), 1u);
  EXPECT_EQ(show.cell(0, "State"), "LOADING");
  EXPECT_EQ(show.cell(0, "LoadFinishTime"), std::nullopt);
  ok(*observer, "KILL QUERY " + std::to_string(id));
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(pending.get().error, 1317u);
  EXPECT_EQ(ok(*observer, "SHOW LOAD WHERE LABEL = 'in_flight'").cell(0, "State"), "CANCELLED");
  EXPECT_TRUE(ok(*observer, proc).rows.empty());
  ok(*observer, "DROP DATABASE " + m_db);
}

TEST_F(E2eLoadsTest, ShowLoadColumnsOfA25Cluster) {
  PrivateSrsim sim({"--version", "2.5.22"});
  auto c = sim.root();
  create_table(*c);
  ok(*c, "INSERT INTO t WITH LABEL l25 VALUES (1, 1)");
  QueryResult show = ok(*c, "SHOW LOAD WHERE LABEL = 'l25'");
  EXPECT_EQ(show.columns.size(), 16u);
  EXPECT_EQ(show.columns[14], "URL");
  ASSERT_EQ(show.rows.size(), 1u);
  EXPECT_EQ(show.cell(0, "State"), "FINISHED");
  ok(*c, "DROP DATABASE " + m_db);
}

} // namespace
} // namespace srsim::test
