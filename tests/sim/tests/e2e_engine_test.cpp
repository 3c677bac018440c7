// The engine behind the wire, across the two sandbox clusters: INSERT's OK info, a JDBC catalog
// resolved through ADMIN SHOW SIM STORAGE, and a MYSQL external table reading `src` (OLAP
// external tables: e2e_external_table_test.cpp).

#include "support_client.hpp"

#include <gtest/gtest.h>

#include <random>
#include <regex>

namespace srsim::test {
namespace {

std::string unique_db(const std::string& prefix) {
  static std::mt19937 rng{std::random_device{}()};
  return prefix + "_" + std::to_string(rng() % 100000000);
}

class E2eEngineTest : public ::testing::Test {
protected:
  // A JDBC catalog on dst that reads src through src's query port.
  // `uri_tail` follows host:port in the jdbc_uri (a /db path, a ?query string).
  void create_src_catalog(const std::string& cat, const std::string& uri_tail = "") {
    const Sandbox& sb = Sandbox::get();
    ok(*m_dst, "CREATE EXTERNAL CATALOG " + cat +
                   " PROPERTIES ('type' = 'jdbc', 'user' = 'root', 'password' = '" +
                   sb.env("SRC_PASSWORD") +
                   "', 'jdbc_uri' = 'jdbc:mysql://127.0.0.1:" + sb.env("SRC_PORT") + uri_tail +
                   "', 'driver_url' = 'file:///x.jar', "
                   "'driver_class' = 'com.mysql.cj.jdbc.Driver')");
  }
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest; a skipped server test is "
                      "not a pass)";
    }
    m_src = Client::root("SRC");
    m_dst = Client::root("DST");
    ASSERT_TRUE(m_src && m_dst);
    m_db = unique_db("e2e_engine");
    ok(*m_src, "CREATE DATABASE " + m_db);
    ok(*m_dst, "CREATE DATABASE " + m_db);
  }
  void TearDown() override {
    if (m_src)
      m_src->query("DROP DATABASE IF EXISTS " + m_db);
    if (m_dst)
      m_dst->query("DROP DATABASE IF EXISTS " + m_db);
  }
  static std::string sb_port_uri() {
    return "jdbc:mysql://127.0.0.1:" + Sandbox::get().env("SRC_PORT");
  }
  static QueryResult ok(Client& c, const std::string& sql) {
    QueryResult r = c.query(sql);
    EXPECT_TRUE(r.ok()) << sql << " -> " << r.error << " " << r.message;
    return r;
  }

  std::unique_ptr<Client> m_src, m_dst;
  std::string m_db;
};

TEST_F(E2eEngineTest, InsertAnswersTheStarRocksInfoString) {
  ok(*m_src, "CREATE TABLE " + m_db + ".t (k INT) DISTRIBUTED BY HASH(k)");
  QueryResult r = ok(*m_src, "INSERT INTO " + m_db + ".t WITH LABEL l1 VALUES (1), (2)");
  EXPECT_EQ(r.affected_rows, 2u);
  EXPECT_TRUE(std::regex_match(
      r.info, std::regex(R"(\{'label':'l1', 'status':'VISIBLE', 'txnId':'\d+'\})")))
      << r.info;
}

TEST_F(E2eEngineTest, CatalogReadsTheOtherClusterThroughItsQueryPort) {
  ok(*m_src, "CREATE TABLE " + m_db + ".t (k INT, v VARCHAR(8)) DISTRIBUTED BY HASH(k)");
  ok(*m_src, "INSERT INTO " + m_db + ".t VALUES (1, 'a'), (2, 'b')");
  std::string cat = unique_db("src_cat");
  create_src_catalog(cat);
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v VARCHAR(8)) DISTRIBUTED BY HASH(k)");
  QueryResult ins =
      ok(*m_dst, "INSERT INTO " + m_db + ".t SELECT * FROM " + cat + "." + m_db + ".t");
  EXPECT_EQ(ins.affected_rows, 2u);
  QueryResult count = ok(*m_dst, "SELECT COUNT(*) FROM " + m_db + ".t");
  ASSERT_EQ(count.rows.size(), 1u);
  EXPECT_EQ(count.rows[0][0], "2");
  ok(*m_dst, "DROP CATALOG " + cat);
}

// MySQL Connector/J's sessionVariables in the jdbc_uri (what a JDBC catalog uses to raise the
// source's query_timeout): srsim accepts the query string, keeps it as written, and reads the
// source through host:port alone (docs/srsim-engine.md "Known differences").
TEST_F(E2eEngineTest, CatalogUriWithSessionVariablesReadsTheSource) {
  ok(*m_src, "CREATE TABLE " + m_db + ".t (k INT, v VARCHAR(8)) DISTRIBUTED BY HASH(k)");
  ok(*m_src, "INSERT INTO " + m_db + ".t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  std::string cat = unique_db("sv_cat");
  const std::string tail = "?sessionVariables=query_timeout=3600,insert_timeout=3600";
  create_src_catalog(cat, tail);
  QueryResult count = ok(*m_dst, "SELECT COUNT(*) FROM " + cat + "." + m_db + ".t");
  ASSERT_EQ(count.rows.size(), 1u);
  EXPECT_EQ(count.rows[0][0], "3");
  QueryResult shown = ok(*m_dst, "SHOW CREATE CATALOG " + cat);
  ASSERT_EQ(shown.rows.size(), 1u);
  EXPECT_NE(shown.rows[0][1]->find(sb_port_uri() + tail), std::string::npos) << *shown.rows[0][1];
  ok(*m_dst, "DROP CATALOG " + cat);
  // With a database path before the query string too.
  create_src_catalog(cat, "/" + m_db + tail);
  EXPECT_EQ(ok(*m_dst, "SELECT COUNT(*) FROM " + cat + "." + m_db + ".t").rows[0][0], "3");
  ok(*m_dst, "DROP CATALOG " + cat);
}

TEST_F(E2eEngineTest, MysqlExternalTableReadsTheSourceThroughItsQueryPort) {
  const Sandbox& sb = Sandbox::get();
  ok(*m_src, "CREATE TABLE " + m_db + ".t (k INT, v VARCHAR(8)) DISTRIBUTED BY HASH(k)");
  ok(*m_src, "INSERT INTO " + m_db + ".t VALUES (1, 'a'), (2, 'b')");
  ok(*m_dst, "CREATE TABLE " + m_db + ".t (k INT, v VARCHAR(8)) DISTRIBUTED BY HASH(k)");
  ok(*m_dst, "CREATE EXTERNAL TABLE " + m_db +
                 ".ext (k INT, v VARCHAR(8)) ENGINE=MYSQL "
                 "PROPERTIES ('host' = '127.0.0.1', 'port' = '" +
                 sb.env("SRC_PORT") + "', 'user' = 'root', 'password' = '" +
                 sb.env("SRC_PASSWORD") + "', 'database' = '" + m_db + "', 'table' = 't')");
  QueryResult ins = ok(*m_dst, "INSERT INTO " + m_db + ".t SELECT * FROM " + m_db + ".ext");
  EXPECT_EQ(ins.affected_rows, 2u);
  ok(*m_dst, "DROP TABLE " + m_db + ".ext");
}

TEST_F(E2eEngineTest, SubmittedOverwriteFromACatalogRunsToSuccess) {
  std::string ddl = " (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
                    "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
                    "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03'))) DISTRIBUTED BY HASH(dt)";
  ok(*m_src, "CREATE TABLE " + m_db + ".t" + ddl);
  ok(*m_dst, "CREATE TABLE " + m_db + ".t" + ddl);
  ok(*m_src, "INSERT INTO " + m_db + ".t VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  ok(*m_dst, "INSERT INTO " + m_db + ".t VALUES ('2024-01-01', 9), ('2024-01-02', 9)");
  std::string cat = unique_db("cat");
  create_src_catalog(cat);
  std::string task = unique_db("task");
  ok(*m_dst, "USE " + m_db);
  QueryResult sub = ok(*m_dst, "SUBMIT /*+set_var(insert_timeout=600)*/ TASK " + task +
                                   " AS INSERT OVERWRITE t PARTITION (p1) SELECT * FROM " + cat +
                                   "." + m_db + ".t WHERE dt < '2024-01-02'");
  EXPECT_EQ(sub.cell(0, "Status"), "SUBMITTED");
  EXPECT_TRUE(eventually([&] {
    QueryResult r = m_dst->query(
        "SELECT STATE FROM information_schema.task_runs WHERE TASK_NAME = '" + task + "'");
    return r.ok() && !r.rows.empty() && r.rows[0][0] == "SUCCESS";
  }));
  QueryResult sum = ok(*m_dst, "SELECT SUM(v) FROM t");
  EXPECT_EQ(sum.rows[0][0], "10");
  ok(*m_dst, "DROP TASK " + task);
  ok(*m_dst, "DROP CATALOG " + cat);
}

} // namespace
} // namespace srsim::test
