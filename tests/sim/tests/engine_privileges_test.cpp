// Privilege checks through SessionContext::allowed and StarRocks's access-denied text (§10).

#include "engine_test_support.hpp"

#include <set>

namespace srsim::test {
namespace {

class PrivilegesTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k)");
    ok("INSERT INTO t VALUES (1)");
    m_other_db = m_db + "_x";
    ok("CREATE DATABASE " + m_other_db);
    ok("CREATE TABLE " + m_other_db + ".t (k INT) DISTRIBUTED BY HASH(k)");
    // From here on the session may only SELECT in m_db.
    m_session.allowed = [this](const std::string& priv, const std::string& db) {
      return priv == "SELECT" && db == m_db;
    };
  }
  void TearDown() override {
    m_session.allowed = nullptr;
    if (m_engine)
      run("DROP DATABASE IF EXISTS " + m_other_db);
    EngineTest::TearDown();
  }
  std::string m_other_db;
};

TEST_F(PrivilegesTest, DeniedOperationsAnswerStarRocksAccessDenied) {
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "1");
  std::string insert = error("INSERT INTO t VALUES (2)");
  EXPECT_EQ(insert.rfind("Access denied; you need (at least one of) the INSERT privilege(s) on "
                         "DATABASE " +
                             m_db + " for this operation.",
                         0),
            0u)
      << insert;
  EXPECT_NE(error("DROP TABLE t").find("the DROP privilege(s)"), std::string::npos);
  EXPECT_NE(error("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k)").find("CREATE privilege"),
            std::string::npos);
  EXPECT_NE(error("SELECT * FROM " + m_other_db + ".t").find("Access denied"), std::string::npos);
  EXPECT_NE(error("ALTER TABLE t SET ('replication_num' = '1')").find("Access denied"),
            std::string::npos);
  std::set<std::string> dbs;
  for (const auto& r : rows("SHOW DATABASES").rows)
    dbs.insert(*r[0]);
  EXPECT_TRUE(dbs.count(m_db));
  EXPECT_FALSE(dbs.count(m_other_db));
}

} // namespace
} // namespace srsim::test
