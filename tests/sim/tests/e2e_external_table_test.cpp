// OLAP external tables across two clusters (docs/srsim-engine.md "Catalogs and external tables"):
// a source srsim (the sandbox's `src`, or a private srsim of another release) writes through an
// external table into the sandbox's `dst` over dst's rpc port. Each INSERT is one destination
// transaction carrying the statement's label; the source keeps the load job.

#include "e2e_query_support.hpp"
#include "support_client.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace srsim::test {
namespace {

std::string scalar(Client& c, const std::string& sql) {
  QueryResult r = ok(c, sql);
  return r.rows.empty() ? "<none>" : r.rows[0][0].value_or("NULL");
}

class E2eExternalTableTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest; a skipped server test is "
                      "not a pass)";
    }
    m_src = Client::root("SRC");
    m_dst = Client::root("DST");
    ASSERT_TRUE(m_src && m_dst);
    m_db = unique_id("e2e_ext");
    ok(*m_src, "CREATE DATABASE " + m_db);
    ok(*m_dst, "CREATE DATABASE " + m_db);
    // Ten rows on the source, k = 0..9, to multiply by cross joins.
    ok(*m_src, "CREATE TABLE " + m_db + ".d10 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
    ok(*m_src, "INSERT INTO " + m_db + ".d10 VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
  }
  void TearDown() override {
    if (m_src)
      m_src->query("DROP DATABASE IF EXISTS " + m_db);
    if (m_dst) {
      m_dst->query("ADMIN SET SIM RESET");
      m_dst->query("DROP DATABASE IF EXISTS " + m_db);
    }
  }
  // CREATE EXTERNAL TABLE <name> on `source` writing into dst's m_db.<table>.
  void create_external(Client& source, const std::string& name, const std::string& columns,
                       const std::string& table) {
    const Sandbox& sb = Sandbox::get();
    ok(source, "CREATE EXTERNAL TABLE " + m_db + "." + name + " (" + columns +
                   ") ENGINE=OLAP DISTRIBUTED BY HASH(k) PROPERTIES ('host' = '127.0.0.1', "
                   "'port' = '" +
                   sb.env("DST_RPC_PORT") + "', 'user' = 'root', 'password' = '" +
                   sb.env("DST_PASSWORD") + "', 'database' = '" + m_db + "', 'table' = '" + table +
                   "')");
  }
  std::unique_ptr<Client> connect(PrivateSrsim& sim) {
    ConnectOptions o;
    o.port = sim.port();
    o.password = sim.password();
    o.database = m_db;
    return Client::connect(o);
  }
  // The destination's finished transactions carrying `label`.
  std::vector<std::string> finished_txns(const std::string& label) {
    QueryResult r = ok(*m_dst, "SHOW PROC '/transactions/" + m_db + "/finished'");
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      if (r.cell(i, "Label") == label) {
        ids.push_back(r.cell(i, "TransactionId").value_or(""));
      }
    }
    return ids;
  }
  std::string meta_error(const std::string& table) const {
    return "get TableMeta failed from TNetworkAddress(hostname:127.0.0.1, port:" +
           Sandbox::get().env("DST_RPC_PORT") + "), error: " + table;
  }

  std::unique_ptr<Client> m_src, m_dst;
  std::string m_db;
};

// 10,000 rows (the old srsim sent batches of 5,000 as separate loads): one destination
// transaction with the statement's label, the partition's version bumped once, the load job on
// the source (FINISHED) and none on the destination.
TEST_F(E2eExternalTableTest, OneInsertIsOneDestinationTransactionWithTheLabel) {
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  QueryResult r =
      ok(*m_src, "INSERT INTO " + m_db +
                     ".ext WITH LABEL one_load SELECT a.k * 1000 "
                     "+ b.k * 100 + c.k * 10 + d.k, 1 FROM " +
                     m_db + ".d10 a, " + m_db + ".d10 b, " + m_db + ".d10 c, " + m_db + ".d10 d");
  EXPECT_EQ(r.affected_rows, 10000u);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(
      r.info, m, std::regex(R"(\{'label':'one_load', 'status':'VISIBLE', 'txnId':'(\d+)'\})")))
      << r.info;
  EXPECT_EQ(finished_txns("one_load"), std::vector<std::string>{m[1].str()});
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "10000");
  EXPECT_EQ(ok(*m_dst, "SHOW PARTITIONS FROM " + m_db + ".t").cell(0, "VisibleVersion"), "2");
  QueryResult job = ok(*m_src, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'one_load'");
  ASSERT_EQ(job.rows.size(), 1u);
  EXPECT_EQ(job.cell(0, "State"), "FINISHED");
  EXPECT_EQ(job.cell(0, "SinkRows"), "10000");
  EXPECT_EQ(ok(*m_dst, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'one_load'").rows.size(), 0u);
  EXPECT_FALSE(m_src->query("SELECT * FROM " + m_db + ".ext").ok());
}

// A generated label (insert_<uuid>) when the statement has none, also for an INSERT without rows,
// which StarRocks commits on the destination all the same.
TEST_F(E2eExternalTableTest, GeneratedLabelAndEmptyInsertCommit) {
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  QueryResult r =
      ok(*m_src, "INSERT INTO " + m_db + ".ext SELECT k, k FROM " + m_db + ".d10 WHERE k > 100");
  EXPECT_EQ(r.affected_rows, 0u);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(r.info, m, std::regex(R"(\{'label':'(insert_[0-9a-f-]+)'.*)")))
      << r.info;
  EXPECT_EQ(finished_txns(m[1].str()).size(), 1u);
}

// The label is the destination's: one already used there (by a load of its own, or by an earlier
// external INSERT) is refused before anything is written, with the source release's text.
TEST_F(E2eExternalTableTest, LabelUsedOnTheDestinationIsRefused) {
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  ok(*m_dst, "INSERT INTO " + m_db + ".t WITH LABEL taken_there VALUES (100, 1)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  const std::string insert = " SELECT k, k FROM " + m_db + ".d10";
  QueryResult refused =
      m_src->query("INSERT INTO " + m_db + ".ext WITH LABEL taken_there" + insert);
  // 3.2+: StatementPlanner.beginTransaction -> SemanticException("fail to begin transaction. ..").
  EXPECT_EQ(refused.message, "Getting analyzing error. Detail message: fail to begin transaction. "
                             "Label [taken_there] has already been used..");
  ok(*m_src, "INSERT INTO " + m_db + ".ext WITH LABEL once" + insert);
  QueryResult again = m_src->query("INSERT INTO " + m_db + ".ext WITH LABEL once" + insert);
  EXPECT_EQ(again.error, 1064u);
  EXPECT_NE(again.message.find("Label [once] has already been used."), std::string::npos);
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "11");
  // A refused label registers no job on the source.
  EXPECT_EQ(ok(*m_src, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'taken_there'").rows.size(), 0u);

  // 3.1: StmtExecutor begins the remote transaction and answers the message itself.
  PrivateSrsim v31({"--version", "3.1.17"});
  auto old = connect(v31);
  ASSERT_NE(old, nullptr);
  create_external(*old, "ext31", "k INT, v INT", "t");
  QueryResult refused31 = old->query("INSERT INTO ext31 WITH LABEL once" + insert);
  EXPECT_EQ(refused31.message, "Label [once] has already been used.");
}

// A failed INSERT (strict mode, a row outside every destination partition) writes nothing, its
// source job is CANCELLED and the label stays free for the retry.
TEST_F(E2eExternalTableTest, FailedInsertWritesNothingAndFreesTheLabel) {
  ok(*m_dst, "CREATE TABLE " + m_db +
                 ".t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) "
                 "(PARTITION p1 VALUES LESS THAN ('5')) DISTRIBUTED BY "
                 "HASH(k)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  QueryResult failed = m_src->query("INSERT INTO " + m_db +
                                    ".ext WITH LABEL retry SELECT k, k "
                                    "FROM " +
                                    m_db + ".d10");
  EXPECT_NE(failed.message.find("Insert has filtered data in strict mode"), std::string::npos)
      << failed.message;
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "0");
  EXPECT_TRUE(finished_txns("retry").empty());
  QueryResult job = ok(*m_src, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'retry'");
  ASSERT_EQ(job.rows.size(), 1u);
  EXPECT_EQ(job.cell(0, "State"), "CANCELLED");
  ok(*m_src, "SET enable_insert_strict = false");
  QueryResult retried = ok(*m_src, "INSERT INTO " + m_db +
                                       ".ext WITH LABEL retry SELECT k, k "
                                       "FROM " +
                                       m_db + ".d10");
  EXPECT_EQ(retried.affected_rows, 5u);
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "5");
  ok(*m_src, "SET enable_insert_strict = true");
}

// getTableMeta serialises range-family and unpartitioned tables only: a LIST destination makes
// every INSERT fail with the thrift client's MISSING_RESULT text; a missing table is NOT_FOUND.
TEST_F(E2eExternalTableTest, UnsupportedDestinationsFailTheMetadataSync) {
  ok(*m_dst, "CREATE TABLE " + m_db +
                 ".l (k INT, c VARCHAR(8)) DUPLICATE KEY(k) PARTITION BY "
                 "LIST(c) (PARTITION pa VALUES IN ('a')) DISTRIBUTED BY "
                 "HASH(k)");
  create_external(*m_src, "ext_list", "k INT, c VARCHAR(8)", "l");
  EXPECT_EQ(m_src->query("INSERT INTO " + m_db + ".ext_list VALUES (1, 'a')").message,
            meta_error("getTableMeta failed: unknown result"));
  create_external(*m_src, "ext_none", "k INT, v INT", "nope");
  EXPECT_EQ(m_src->query("INSERT INTO " + m_db + ".ext_none VALUES (1, 1)").message,
            meta_error("table nope not exist"));
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".l"), "0");
}

// The destination's fault rules see the writer's statements too: a FAIL rule on SIM TABLE META
// is a failed getTableMeta on the source.
TEST_F(E2eExternalTableTest, InjectedMetadataFailureFailsTheInsert) {
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  ok(*m_dst, "ADMIN SET SIM FAIL 1 'SIM TABLE META' 1064 'meta unavailable'");
  EXPECT_EQ(m_src->query("INSERT INTO " + m_db + ".ext VALUES (1, 1)").message,
            meta_error("meta unavailable"));
  ok(*m_src, "INSERT INTO " + m_db + ".ext VALUES (1, 1)");
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "1");
}

// PARTITION and TEMPORARY PARTITION name the destination's partitions (synced with is_temp); an
// automatically partitioned destination gets no new partition through an external table.
TEST_F(E2eExternalTableTest, PartitionClausesNameTheDestinationsPartitions) {
  ok(*m_dst, "CREATE TABLE " + m_db +
                 ".t (k INT, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) "
                 "(PARTITION p1 VALUES LESS THAN ('5'), PARTITION p2 VALUES "
                 "LESS THAN ('10')) DISTRIBUTED BY HASH(k)");
  ok(*m_dst, "ALTER TABLE " + m_db + ".t ADD TEMPORARY PARTITION tp VALUES [('0'), ('5'))");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  const std::string from = " SELECT k, k FROM " + m_db + ".d10";
  ok(*m_src, "INSERT INTO " + m_db + ".ext PARTITION (p2)" + from + " WHERE k >= 5");
  ok(*m_src, "INSERT INTO " + m_db + ".ext TEMPORARY PARTITION (tp)" + from + " WHERE k < 5");
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "5");
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t TEMPORARY PARTITION (tp)"), "5");
  EXPECT_EQ(m_src->query("INSERT INTO " + m_db + ".ext PARTITION (px)" + from).message,
            "Getting analyzing error. Detail message: Unknown partition 'px' in table 'ext'.");
  QueryResult outside = m_src->query("INSERT INTO " + m_db + ".ext PARTITION (p1)" + from);
  EXPECT_NE(outside.message.find("Insert has filtered data in strict mode"), std::string::npos);

  ok(*m_dst, "CREATE TABLE " + m_db +
                 ".a (k DATE, v INT) DUPLICATE KEY(k) PARTITION BY "
                 "date_trunc('day', k) DISTRIBUTED BY HASH(k)");
  create_external(*m_src, "ext_auto", "k DATE, v INT", "a");
  EXPECT_EQ(m_src->query("INSERT INTO " + m_db + ".ext_auto VALUES ('2024-01-01', 1)").message,
            "Getting analyzing error. Detail message: data cannot be inserted into table with "
            "empty partition.Use `SHOW PARTITIONS FROM ext_auto` to see the currently partitions "
            "of this table. .");
  ok(*m_dst, "INSERT INTO " + m_db + ".a VALUES ('2024-01-01', 1)");
  ok(*m_src, "INSERT INTO " + m_db + ".ext_auto VALUES ('2024-01-01', 2)");
  EXPECT_FALSE(m_src->query("INSERT INTO " + m_db + ".ext_auto VALUES ('2024-01-02', 3)").ok());
  EXPECT_EQ(ok(*m_dst, "SHOW PARTITIONS FROM " + m_db + ".a").rows.size(), 1u);

  // 3.1 ignores is_temp (cherry-pick #31651): the temporary partition is no temporary one there.
  PrivateSrsim v31({"--version", "3.1.17"});
  auto old = connect(v31);
  ASSERT_NE(old, nullptr);
  create_external(*old, "ext31", "k INT, v INT", "t");
  EXPECT_EQ(
      old->query("INSERT INTO ext31 TEMPORARY PARTITION (tp)" + from + " WHERE k < 5").message,
      "Getting analyzing error. Detail message: Unknown partition 'tp' in table 'ext31'.");
}

// INSERT OVERWRITE skips the metadata sync from 3.2 (StatementPlanner), so the analyzer sees an
// external table without partitions.
TEST_F(E2eExternalTableTest, OverwriteIsRefused) {
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  create_external(*m_src, "ext", "k INT, v INT", "t");
  EXPECT_EQ(
      m_src->query("INSERT OVERWRITE " + m_db + ".ext SELECT k, k FROM " + m_db + ".d10").message,
      "Getting analyzing error. Detail message: data cannot be inserted into table with "
      "empty partition.Use `SHOW PARTITIONS FROM ext` to see the currently partitions of "
      "this table. .");
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "0");
}

// No metadata delay since 2.5.8 / 3.0.3 / 3.1.4: the INSERT right after CREATE works. The old
// periodic sync survives as a fault (ADMIN SET SIM OLAP EXTERNAL DELAY).
TEST_F(E2eExternalTableTest, NoMetadataDelayUnlessInjected) {
  PrivateSrsim source;
  auto c = connect(source);
  ASSERT_NE(c, nullptr);
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  create_external(*c, "ext", "k INT, v INT", "t");
  ok(*c, "INSERT INTO ext VALUES (1, 1)");
  ok(*c, "ADMIN SET SIM OLAP EXTERNAL DELAY 3600");
  create_external(*c, "ext_late", "k INT, v INT", "t");
  EXPECT_EQ(c->query("INSERT INTO ext_late VALUES (2, 2)").message,
            "data cannot be inserted into table with empty partition.Use `SHOW PARTITIONS FROM "
            "ext_late` to see the currently partitions of this table. ");
  ok(*c, "ADMIN SET SIM OLAP EXTERNAL DELAY 0");
  ok(*c, "INSERT INTO ext_late VALUES (2, 2)");
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "2");
}

// The outcome-unknown cases a writer must resolve through the label: the source's answer is lost
// after the destination committed (CLOSE AFTER COMMIT on the source), or the source loses the
// destination after the commit and answers an error although the rows are there (CLOSE AFTER
// COMMIT on the destination, matched against the statement the source sends to its rpc port).
TEST_F(E2eExternalTableTest, AnswerLostAfterTheDestinationCommitted) {
  PrivateSrsim source;
  auto control = source.root();
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  auto c = connect(source);
  ASSERT_NE(c, nullptr);
  create_external(*c, "ext", "k INT, v INT", "t");
  ok(*control, "ADMIN SET SIM CLOSE AFTER COMMIT 'WITH LABEL lost_answer'");
  QueryResult lost = c->query("INSERT INTO ext WITH LABEL lost_answer SELECT k, k FROM d10");
  EXPECT_EQ(lost.error, 2013u) << lost.message;
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "10");
  EXPECT_EQ(finished_txns("lost_answer").size(), 1u);
  QueryResult job = ok(*control, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'lost_answer'");
  ASSERT_EQ(job.rows.size(), 1u);
  EXPECT_EQ(job.cell(0, "State"), "FINISHED");
  auto again = connect(source);
  EXPECT_NE(again->query("INSERT INTO ext WITH LABEL lost_answer SELECT k, k FROM d10")
                .message.find("Label [lost_answer] has already been used."),
            std::string::npos);

  ok(*m_dst, "ADMIN SET SIM CLOSE AFTER COMMIT 'WITH LABEL dest_gone'");
  QueryResult gone = again->query("INSERT INTO ext WITH LABEL dest_gone SELECT k, k FROM d10");
  EXPECT_EQ(gone.error, 1064u);
  EXPECT_NE(gone.message.find("the load may have committed there"), std::string::npos)
      << gone.message;
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "20");
  EXPECT_EQ(finished_txns("dest_gone").size(), 1u);
  QueryResult cancelled = ok(*control, "SHOW LOAD FROM " + m_db + " WHERE LABEL = 'dest_gone'");
  ASSERT_EQ(cancelled.rows.size(), 1u);
  EXPECT_EQ(cancelled.cell(0, "State"), "CANCELLED");
}

// More than 16 MiB of rows (the storage server's max_allowed_packet) in one external INSERT: one
// destination transaction, never split.
TEST_F(E2eExternalTableTest, LargeInsertStaysOneTransaction) {
  ok(*m_dst, "CREATE TABLE " + m_db +
                 ".t (k INT, v VARCHAR(2000)) DUPLICATE KEY(k) DISTRIBUTED "
                 "BY HASH(k)");
  create_external(*m_src, "ext", "k INT, v VARCHAR(2000)", "t");
  QueryResult r =
      ok(*m_src, "INSERT INTO " + m_db +
                     ".ext WITH LABEL big SELECT a.k * 1000 + "
                     "b.k * 100 + c.k * 10 + d.k, REPEAT('x', 1800) FROM " +
                     m_db + ".d10 a, " + m_db + ".d10 b, " + m_db + ".d10 c, " + m_db + ".d10 d");
  EXPECT_EQ(r.affected_rows, 10000u);
  EXPECT_EQ(finished_txns("big").size(), 1u);
  EXPECT_EQ(scalar(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t"), "10000");
  EXPECT_EQ(ok(*m_dst, "SHOW PARTITIONS FROM " + m_db + ".t").cell(0, "VisibleVersion"), "2");
}

TEST_F(E2eExternalTableTest, ExternalTableOfItsOwnClusterIsRefused) {
  const Sandbox& sb = Sandbox::get();
  QueryResult r = m_src->query(
      "CREATE EXTERNAL TABLE " + m_db +
      ".self (k INT) ENGINE=OLAP DISTRIBUTED BY HASH(k) PROPERTIES ('host' = '127.0.0.1', "
      "'port' = '" +
      sb.env("SRC_RPC_PORT") +
      "', 'user' = 'root', 'password' = '', 'database' = 'd', "
      "'table' = 't')");
  EXPECT_EQ(r.message, "can not create OLAP external table of self cluster");
}

} // namespace
} // namespace srsim::test
