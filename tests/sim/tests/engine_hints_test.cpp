// `/*+ set_var(..) */` hints in INSERT, per simulated release (insert_parser.cpp): from 3.1.7 /
// 3.2.3 StarRocks applies every set_var hint of the statement (StmtExecutor
// .processQueryScopeHint) to that statement only; before, a hint after the INSERT's SELECT parses
// but changes nothing (StmtExecutor applies hints only to a plain SELECT) and a hint elsewhere in
// the INSERT is a syntax error (engine_syntax_gate_test.cpp).

#include "engine_test_support.hpp"

#include <map>

namespace srsim::test {
namespace {

const Version k_v25{2, 5, 22};
const Version k_v316{3, 1, 6};
const Version k_v31{3, 1, 17};
const Version k_v33{3, 3, 5};
const Version k_v34{3, 4, 4};

const char* const k_strict_error = "Insert has filtered data in strict mode";

class InsertHintTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(dt) BUCKETS 1");
  }
  void TearDown() override {
    for (auto& [key, cluster] : m_clusters) {
      cluster.engine->close_session(cluster.session);
    }
    m_clusters.clear();
    EngineTest::TearDown();
  }

  SessionContext& session_of(const Version& version) {
    auto& cluster = m_clusters[version.text()];
    if (!cluster.engine) {
      ClusterConfig config = m_config;
      config.version = version;
      cluster.engine = make_engine(config);
      cluster.session.connection_id = next_connection_id();
      cluster.session.user = "root";
      cluster.session.variables = m_session.variables;
      cluster.session.current_db = m_db;
    }
    return cluster.session;
  }

  Reply run_on(const Version& version, const std::string& sql) {
    SessionContext& session = session_of(version);
    return m_clusters[version.text()].engine->execute(session, sql);
  }

  // "ok" or the error text.
  std::string outcome(const Version& version, const std::string& sql) {
    Reply r = run_on(version, sql);
    if (const auto* e = std::get_if<ErrorReply>(&r)) {
      return e->message;
    }
    return "ok";
  }

  struct Cluster {
    std::unique_ptr<Engine> engine;
    SessionContext session;
  };
  std::map<std::string, Cluster> m_clusters;
};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

TEST_F(InsertHintTest, HintAfterSelectIsAppliedFromThreeOneSeven) {
  // A row outside every partition: filtered (no error) only where enable_insert_strict = false
  // reaches the INSERT.
  const std::string sql =
      "INSERT INTO t SELECT /*+set_var(enable_insert_strict = false)*/ '2024-05-05', 1";
  for (const Version& v : {k_v25, k_v316}) {
    EXPECT_TRUE(starts_with(outcome(v, sql), k_strict_error)) << v.text();
  }
  for (const Version& v : {k_v31, k_v33, k_v34}) {
    EXPECT_EQ(outcome(v, sql), "ok") << v.text();
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "0");
}

TEST_F(InsertHintTest, HintAfterIntoAppliesToThatStatementOnly) {
  // build_insert's form (src/starrocks/insert_sql.cpp): INSERT INTO /*+set_var(..)*/ tbl.
  const std::string hinted =
      "INSERT INTO /*+set_var(enable_insert_strict = false)*/ t VALUES ('2024-05-05', 1), "
      "('2024-01-01', 2)";
  const std::string plain = "INSERT INTO t VALUES ('2024-05-05', 1)";
  for (const Version& v : {k_v31, k_v33, k_v34}) {
    EXPECT_EQ(outcome(v, hinted), "ok") << v.text();
    EXPECT_EQ(session_of(v).variables.count("enable_insert_strict"), 0u) << v.text();
    EXPECT_TRUE(starts_with(outcome(v, plain), k_strict_error)) << v.text();
  }
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "3");
  EXPECT_TRUE(starts_with(outcome(k_v25, hinted), "Getting syntax error"));
}

TEST_F(InsertHintTest, TimeoutHintBoundsTheInsert) {
  // Before 3.4 query_timeout bounds an INSERT, from 3.4 insert_timeout (System_variable.md).
  EXPECT_EQ(outcome(k_v33, "INSERT INTO /*+set_var(query_timeout = 1)*/ t "
                           "SELECT '2024-01-01', sleep(20)"),
            "Query timeout. Increase the query_timeout session variable and retry");
  EXPECT_EQ(outcome(k_v34, "INSERT INTO /*+set_var(insert_timeout = 1)*/ t "
                           "SELECT '2024-01-01', sleep(20)"),
            "Insert reached its timeout of 1 seconds, please increase the 'insert_timeout' "
            "session variable and retry");
  EXPECT_EQ(session_of(k_v34).variables.at("insert_timeout"), "14400");
  // 2.5 parses the hint after SELECT and ignores it: the session's 300 s stay, the load ends.
  EXPECT_EQ(outcome(k_v25, "INSERT INTO t SELECT /*+set_var(query_timeout = 1)*/ '2024-01-01', "
                           "sleep(2)"),
            "ok");
}

TEST_F(InsertHintTest, SelectHintBoundsThatQueryInEveryRelease) {
  for (const Version& v : {k_v25, k_v33}) {
    EXPECT_EQ(outcome(v, "SELECT /*+ SET_VAR(query_timeout = 1) */ sleep(20)"),
              "Query timeout. Increase the query_timeout session variable and retry")
        << v.text();
    EXPECT_EQ(session_of(v).variables.at("query_timeout"), "300") << v.text();
  }
  EXPECT_EQ(outcome(k_v34, "SELECT /*+ SET_VAR(query_timeout = 1) */ sleep(20)"),
            "Query reached its timeout of 1 seconds, please increase the 'query_timeout' session "
            "variable and retry");
}

TEST_F(InsertHintTest, HintsApplyToCreateTableAsSelectFromThreeOneSeven) {
  EXPECT_EQ(outcome(k_v33, "CREATE TABLE c AS SELECT /*+set_var(query_timeout = 1)*/ sleep(20) "
                           "AS s"),
            "Query timeout. Increase the query_timeout session variable and retry");
  EXPECT_EQ(session_of(k_v33).variables.at("query_timeout"), "300");
}

} // namespace
} // namespace srsim::test
