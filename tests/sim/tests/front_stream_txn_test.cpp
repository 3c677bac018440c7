// The Stream Load transaction interface (begin / load / prepare / commit / rollback), GET
// _load_info, and the Stream Load fault knobs (docs/srsim.md "Stream Load").

#include "e2e_query_support.hpp"
#include "support_client.hpp"
#include "support_http.hpp"

#include <gtest/gtest.h>

#include <future>

namespace srsim::test {
namespace {

class StreamTxnTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest)";
    }
  }
  // A database with a DUPLICATE table `t` on `sim` (a doubled load shows as doubled rows).
  void prepare(const SimPorts& sim, Client& sql) {
    m_sim = sim;
    m_db = unique_id("stx");
    ok(sql, "CREATE DATABASE " + m_db);
    ok(sql, "CREATE TABLE " + m_db +
                ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  }
  std::string count(Client& sql) {
    return ok(sql, "SELECT COUNT(*) FROM " + m_db + ".t").rows.at(0).at(0).value_or("NULL");
  }
  bool running(Client& sql, const std::string& label) {
    QueryResult r = ok(sql, "SHOW PROC '/transactions/" + m_db + "/running'");
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      if (r.cell(i, "Label") == label) {
        return true;
      }
    }
    return false;
  }
  nlohmann::json op(const std::string& name, const std::string& label, const std::string& body = "",
                    std::vector<std::string> headers = {}) {
    return txn_op(m_sim, name, m_db, "t", label, body, std::move(headers)).json();
  }
  SimPorts m_sim;
  std::string m_db;
};

TEST_F(StreamTxnTest, BeginLoadPrepareCommitIsOneAtomicLoad) {
  auto sql = Client::root("SRC");
  prepare(sandbox_src(), *sql);
  nlohmann::json j = op("begin", "tx1");
  EXPECT_EQ(j["Status"], "OK") << j.dump();
  EXPECT_GT(j["TxnId"].get<long long>(), 0);
  EXPECT_TRUE(running(*sql, "tx1"));
  // The label is held: a second begin, a Stream Load and an INSERT are refused.
  EXPECT_EQ(op("begin", "tx1")["Status"], "LABEL_ALREADY_EXISTS");
  nlohmann::json sl = stream_load(m_sim, m_db, "t", "tx1", "9\t9\n").json();
  EXPECT_EQ(sl["Status"], "Label Already Exists");
  EXPECT_EQ(sl["ExistingJobStatus"], "RUNNING");
  EXPECT_EQ(sql->query("INSERT INTO " + m_db + ".t WITH LABEL tx1 VALUES (1, 1)").message,
            "Label [tx1] has already been used.");
  EXPECT_EQ(op("load", "tx1", "1\t1\n2\t2\n")["Status"], "OK");
  EXPECT_EQ(op("load", "tx1", "3\t3\n")["Status"], "OK");
  EXPECT_EQ(count(*sql), "0"); // nothing visible before commit
  j = op("prepare", "tx1");
  EXPECT_EQ(j["Status"], "OK") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 3);
  EXPECT_EQ(op("load", "tx1", "4\t4\n")["Status"], "TXN_NOT_EXISTS"); // prepared: no more data
  EXPECT_EQ(count(*sql), "0");
  j = op("commit", "tx1");
  EXPECT_EQ(j["Status"], "OK") << j.dump();
  EXPECT_EQ(count(*sql), "3");
  EXPECT_FALSE(running(*sql, "tx1"));
  // Committing again is fine; aborting a committed transaction is not.
  j = op("commit", "tx1");
  EXPECT_EQ(j["Status"], "OK");
  EXPECT_NE(j["Message"].get<std::string>().find("has already committed"), std::string::npos);
  j = op("rollback", "tx1");
  EXPECT_EQ(j["Status"], "FAILED");
  EXPECT_NE(j["Message"].get<std::string>().find("Can not abort VISIBLE transaction"),
            std::string::npos);
  EXPECT_EQ(count(*sql), "3");
  ok(*sql, "DROP DATABASE " + m_db);
}

TEST_F(StreamTxnTest, CommitWithoutPrepareRollbackAndUnknownLabels) {
  auto sql = Client::root("SRC");
  prepare(sandbox_src(), *sql);
  // Commit of a transaction that was never prepared: the BE writes and commits it.
  EXPECT_EQ(op("begin", "tx2")["Status"], "OK");
  EXPECT_EQ(op("load", "tx2", "1\t1\n")["Status"], "OK");
  nlohmann::json j = op("commit", "tx2");
  EXPECT_EQ(j["Status"], "OK") << j.dump();
  EXPECT_EQ(j["NumberLoadedRows"], 1);
  EXPECT_EQ(count(*sql), "1");
  // Rolled back: nothing lands, a later commit is refused, the label is free again.
  EXPECT_EQ(op("begin", "tx3")["Status"], "OK");
  EXPECT_EQ(op("load", "tx3", "2\t2\n")["Status"], "OK");
  EXPECT_EQ(op("rollback", "tx3")["Status"], "OK");
  j = op("commit", "tx3");
  EXPECT_EQ(j["Status"], "FAILED");
  EXPECT_NE(j["Message"].get<std::string>().find("Can not commit ABORTED transaction"),
            std::string::npos);
  EXPECT_EQ(count(*sql), "1");
  j = op("commit", "never_begun");
  EXPECT_EQ(j["Status"], "FAILED");
  EXPECT_EQ(j["Message"],
            "class com.starrocks.common.UserException: No transaction found by label never_begun");
  // A load that fails (a bad value, strict) aborts the transaction at prepare.
  EXPECT_EQ(op("begin", "tx4")["Status"], "OK");
  EXPECT_EQ(op("load", "tx4", "x\t1\n", {"strict_mode: true"})["Status"], "OK");
  j = op("prepare", "tx4");
  EXPECT_EQ(j["Status"], "INTERNAL_ERROR");
  EXPECT_EQ(j["Message"], "too many filtered rows");
  EXPECT_TRUE(j.contains("ErrorURL"));
  ok(*sql, "DROP DATABASE " + m_db);
}

TEST_F(StreamTxnTest, IdleTimeoutAbortsTheTransaction) {
  auto sql = Client::root("SRC");
  prepare(sandbox_src(), *sql);
  EXPECT_EQ(op("begin", "tx5", "", {"idle_transaction_timeout: 1"})["Status"], "OK");
  EXPECT_TRUE(eventually([&] { return !running(*sql, "tx5"); }, std::chrono::seconds(10)));
  nlohmann::json j = op("commit", "tx5");
  EXPECT_EQ(j["Status"], "FAILED");
  EXPECT_NE(j["Message"].get<std::string>().find("ABORTED"), std::string::npos) << j.dump();
  ok(*sql, "DROP DATABASE " + m_db);
}

TEST_F(StreamTxnTest, LoadInfoKnowsSqlLoadJobsOnly) {
  auto sql = Client::root("SRC");
  SimPorts sim = sandbox_src();
  prepare(sim, *sql);
  ok(*sql, "INSERT INTO " + m_db + ".t WITH LABEL li1 VALUES (1, 1)");
  std::string url =
      "http://127.0.0.1:" + std::to_string(sim.fe_http) + "/api/" + m_db + "/_load_info?label=";
  nlohmann::json j = http(HttpCall{"GET", url + "li1", "root", sim.password}).json();
  EXPECT_EQ(j["status"], "OK") << j.dump();
  EXPECT_EQ(j["jobInfo"]["state"], "FINISHED");
  EXPECT_EQ(j["jobInfo"]["tblNames"][0], "t");
  // LoadMgr keeps no job for a Stream Load (SHOW_LOAD.md): its label is an unknown job there.
  EXPECT_EQ(stream_load(sim, m_db, "t", "li2", "2\t2\n").json()["Status"], "Success");
  j = http(HttpCall{"GET", url + "li2", "root", sim.password}).json();
  EXPECT_EQ(j["status"], "FAILED");
  EXPECT_EQ(j["msg"], "Unknown job(li2)");
  ok(*sql, "DROP DATABASE " + m_db);
}

// The fault knobs need a cluster of their own (RESET clears every fault).
class StreamFaultTest : public StreamTxnTest {
protected:
  void SetUp() override {
    StreamTxnTest::SetUp();
    m_private = std::make_unique<PrivateSrsim>();
    m_sql = m_private->root();
    prepare(ports_of(*m_private), *m_sql);
  }
  std::unique_ptr<PrivateSrsim> m_private;
  std::unique_ptr<Client> m_sql;
};

TEST_F(StreamFaultTest, ResetAfterBytesLeavesNothingAndTheLabelFree) {
  ok(*m_sql, "ADMIN SET SIM HTTP RESET AFTER 10 1 'rst'");
  EXPECT_EQ(ok(*m_sql, "ADMIN SHOW SIM FAULTS").rows.size() > 0, true);
  HttpReply r = stream_load(m_sim, m_db, "t", "rst1", "1\t1\n2\t2\n3\t3\n4\t4\n");
  EXPECT_NE(r.curl_code, 0) << r.body;
  EXPECT_EQ(count(*m_sql), "0");
  EXPECT_EQ(stream_load(m_sim, m_db, "t", "rst1", "1\t1\n").json()["Status"], "Success");
  EXPECT_EQ(count(*m_sql), "1");
}

TEST_F(StreamFaultTest, ResetDuringATransactionLoadAbortsTheTransaction) {
  ok(*m_sql, "ADMIN SET SIM HTTP RESET AFTER 3 1 'rtx'");
  EXPECT_EQ(op("begin", "rtx1")["Status"], "OK");
  EXPECT_NE(txn_op(m_sim, "load", m_db, "t", "rtx1", "1\t1\n2\t2\n").curl_code, 0);
  nlohmann::json j = op("commit", "rtx1");
  EXPECT_EQ(j["Status"], "FAILED");
  EXPECT_NE(j["Message"].get<std::string>().find("Can not commit ABORTED"), std::string::npos);
  EXPECT_EQ(count(*m_sql), "0");
}

TEST_F(StreamFaultTest, StallPastTheLoadTimeoutFailsWithTheAbort) {
  ok(*m_sql, "ADMIN SET SIM HTTP STALL 1 'slow'");
  nlohmann::json j = stream_load(m_sim, m_db, "t", "slow1", "1\t1\n", {"timeout: 1"}).json();
  EXPECT_EQ(j["Status"], "Fail") << j.dump();
  EXPECT_EQ(j["Message"], "transaction is aborted by timeout 1 seconds.");
  EXPECT_EQ(count(*m_sql), "0");
  EXPECT_EQ(stream_load(m_sim, m_db, "t", "slow1", "1\t1\n").json()["Status"], "Success");
}

TEST_F(StreamFaultTest, Http500ThenARetrySucceeds) {
  ok(*m_sql, "ADMIN SET SIM HTTP FAIL 1");
  HttpReply r = stream_load(m_sim, m_db, "t", "f500", "1\t1\n");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(count(*m_sql), "0");
  EXPECT_EQ(stream_load(m_sim, m_db, "t", "f500", "1\t1\n").json()["Status"], "Success");
}

TEST_F(StreamFaultTest, StalledLoadHoldsItsLabelUntilReset) {
  ok(*m_sql, "ADMIN SET SIM HTTP STALL 1 'stall1'");
  auto stalled = std::async(std::launch::async,
                            [&] { return stream_load(m_sim, m_db, "t", "stall1", "1\t1\n"); });
  EXPECT_TRUE(eventually([&] { return running(*m_sql, "stall1"); }));
  nlohmann::json j = stream_load(m_sim, m_db, "t", "stall1", "1\t1\n").json();
  EXPECT_EQ(j["Status"], "Label Already Exists");
  EXPECT_EQ(j["ExistingJobStatus"], "RUNNING");
  EXPECT_EQ(count(*m_sql), "0");
  ok(*m_sql, "ADMIN SET SIM RESET");
  j = stalled.get().json();
  EXPECT_EQ(j["Status"], "Success") << j.dump();
  EXPECT_EQ(count(*m_sql), "1");
}

TEST_F(StreamFaultTest, LostCommitAnswerIsResolvedByTheLabel) {
  ok(*m_sql, "ADMIN SET SIM HTTP LOSE COMMIT 1 'lost'");
  HttpReply r = stream_load(m_sim, m_db, "t", "lost1", "1\t1\n2\t2\n");
  EXPECT_NE(r.curl_code, 0); // an empty reply: the client cannot tell what happened
  EXPECT_EQ(count(*m_sql), "2");
  nlohmann::json j = stream_load(m_sim, m_db, "t", "lost1", "1\t1\n2\t2\n").json();
  EXPECT_EQ(j["Status"], "Label Already Exists");
  EXPECT_EQ(j["ExistingJobStatus"], "FINISHED");
  EXPECT_EQ(count(*m_sql), "2");
  // The same for a transaction's commit (here answered by the FE: the transaction is prepared).
  ok(*m_sql, "ADMIN SET SIM HTTP LOSE COMMIT 1 'lost2'");
  EXPECT_EQ(op("begin", "lost2")["Status"], "OK");
  EXPECT_EQ(op("load", "lost2", "3\t3\n")["Status"], "OK");
  EXPECT_EQ(op("prepare", "lost2")["Status"], "OK");
  EXPECT_NE(txn_op(m_sim, "commit", m_db, "t", "lost2").curl_code, 0);
  EXPECT_EQ(count(*m_sql), "3");
  j = op("commit", "lost2");
  EXPECT_NE(j["Message"].get<std::string>().find("has already committed"), std::string::npos);
}

TEST_F(StreamFaultTest, PublishTimeoutIsACommittedLoad) {
  ok(*m_sql, "ADMIN SET SIM HTTP PUBLISH TIMEOUT");
  nlohmann::json j = stream_load(m_sim, m_db, "t", "pt1", "1\t1\n").json();
  EXPECT_EQ(j["Status"], "Publish Timeout") << j.dump();
  EXPECT_EQ(count(*m_sql), "1");
  EXPECT_EQ(stream_load(m_sim, m_db, "t", "pt1", "1\t1\n").json()["ExistingJobStatus"], "FINISHED");
}

} // namespace
} // namespace srsim::test
