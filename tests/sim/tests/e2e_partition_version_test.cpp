// ADMIN SET SIM PARTITION VERSION (docs/srsim.md), the stand-in for the target FE's replication
// job that tests/scs_standin uses, and the reads a replication tool needs: SELECT ... PARTITION
// (p) and SHOW PARTITIONS' VisibleVersion.

#include "support_client.hpp"

#include <gtest/gtest.h>

#include <random>

namespace srsim::test {
namespace {

class E2ePartitionVersionTest : public ::testing::Test {
protected:
  void SetUp() override {
    if (!std::getenv("EXL_TEST_SANDBOX_DIR")) {
      GTEST_FAIL() << "EXL_TEST_SANDBOX_DIR not set (run through ctest)";
    }
    m_c = Client::root("DST");
    ASSERT_TRUE(m_c);
    static std::mt19937 rng{std::random_device{}()};
    m_db = "e2e_pver_" + std::to_string(rng() % 100000000);
    ok("CREATE DATABASE " + m_db);
    ok("CREATE TABLE " + m_db +
       ".t (k INT, v VARCHAR(10)) DUPLICATE KEY(k) PARTITION BY RANGE(k) (PARTITION p1 VALUES "
       "LESS THAN (10), PARTITION p2 VALUES LESS THAN (20)) DISTRIBUTED BY HASH(k) BUCKETS 1 "
       "PROPERTIES ('replication_num' = '1')");
  }
  void TearDown() override {
    if (m_c) {
      m_c->query("DROP DATABASE IF EXISTS " + m_db);
    }
  }
  QueryResult ok(const std::string& sql) {
    QueryResult r = m_c->query(sql);
    EXPECT_TRUE(r.ok()) << sql << " -> " << r.error << " " << r.message;
    return r;
  }
  std::string version_of(const std::string& partition) {
    QueryResult r = ok("SHOW PARTITIONS FROM " + m_db + ".t");
    for (std::size_t i = 0; i < r.rows.size(); ++i) {
      if (r.cell(i, "PartitionName") == partition) {
        return r.cell(i, "VisibleVersion").value_or("NULL");
      }
    }
    return "missing";
  }

  std::unique_ptr<Client> m_c;
  std::string m_db;
};

TEST_F(E2ePartitionVersionTest, SetsTheVisibleVersionAndLoadsBumpItFromThere) {
  ok("INSERT INTO " + m_db + ".t VALUES (1, 'a'), (11, 'b')");
  EXPECT_EQ(version_of("p1"), "2");
  ok("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'t' 'p1' 17");
  EXPECT_EQ(version_of("p1"), "17");
  EXPECT_EQ(version_of("p2"), "2");
  ok("INSERT INTO " + m_db + ".t VALUES (2, 'c')");
  EXPECT_EQ(version_of("p1"), "18");
  // Identifiers are accepted as well as strings.
  ok("ADMIN SET SIM PARTITION VERSION `" + m_db + "`.`t` `p2` 5");
  EXPECT_EQ(version_of("p2"), "5");
}

TEST_F(E2ePartitionVersionTest, UnknownDatabaseTableOrPartitionIsAnError) {
  QueryResult r = m_c->query("ADMIN SET SIM PARTITION VERSION 'no_such_db'.'t' 'p1' 3");
  EXPECT_EQ(r.error, 1049u);
  EXPECT_EQ(r.message, "Unknown database 'no_such_db'");
  r = m_c->query("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'nope' 'p1' 3");
  EXPECT_EQ(r.error, 1064u);
  EXPECT_NE(r.message.find("Unknown table '" + m_db + ".nope'"), std::string::npos) << r.message;
  r = m_c->query("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'t' 'p9' 3");
  EXPECT_NE(r.message.find("Unknown partition 'p9' in table 't'"), std::string::npos) << r.message;
  r = m_c->query("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'t' 'p1' 0");
  EXPECT_EQ(r.error, 1064u);
  r = m_c->query("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'t' 'p1'");
  EXPECT_NE(r.message.find("ADMIN SET SIM PARTITION VERSION"), std::string::npos) << r.message;
  EXPECT_EQ(version_of("p1"), "1");
}

TEST_F(E2ePartitionVersionTest, NeedsTheAdminPrivilege) {
  std::string user = "pver_" + m_db.substr(m_db.size() - 6);
  ok("CREATE USER " + user + " IDENTIFIED BY 'pw1'");
  ok("GRANT SELECT ON " + m_db + ".* TO " + user);
  ConnectOptions o;
  o.port = Sandbox::get().port("DST_PORT");
  o.user = user;
  o.password = "pw1";
  auto c = Client::connect(o);
  ASSERT_TRUE(c);
  QueryResult r = c->query("ADMIN SET SIM PARTITION VERSION '" + m_db + "'.'t' 'p1' 3");
  EXPECT_EQ(r.error, 1227u);
  m_c->query("DROP USER " + user);
  EXPECT_EQ(version_of("p1"), "1");
}

TEST_F(E2ePartitionVersionTest, SelectFromOnePartitionReadsOnlyItsRows) {
  ok("INSERT INTO " + m_db + ".t VALUES (1, 'a'), (2, 'b'), (11, 'c')");
  QueryResult r = ok("SELECT k, v FROM " + m_db + ".t PARTITION (p1) ORDER BY k");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[1][1], "b");
  r = ok("SELECT k FROM " + m_db + ".t PARTITION (p2)");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][0], "11");
}

} // namespace
} // namespace srsim::test
