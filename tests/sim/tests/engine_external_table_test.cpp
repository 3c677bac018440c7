// External tables (starrocks-surface.md §7, §13.15). The "remote" server here is the fixture's
// own MariaDB, reached over TCP like another cluster would be.

#include "engine_test_support.hpp"
#include "support/eventually.hpp"

namespace srsim::test {
namespace {

class ExternalTableTest : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.olap_external_delay_s = 1; }
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE target (k INT, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
    ok("INSERT INTO target VALUES (1, 'a')");
  }
  std::string connection(const std::string& table) {
    const StorageConfig& s = m_config.storage;
    return "PROPERTIES ('host' = '127.0.0.1', 'port' = '" + std::to_string(s.port) +
           "', 'user' = '" + s.user + "', 'password' = '" + s.password + "', 'database' = '" +
           m_db + "', 'table' = '" + table + "')";
  }
};

TEST_F(ExternalTableTest, MysqlExternalTableIsReadable) {
  ok("CREATE EXTERNAL TABLE ext (k INT, v VARCHAR(10)) ENGINE=MYSQL " + connection("target"));
  EXPECT_EQ(scalar("SELECT v FROM ext WHERE k = 1"), "a");
  std::string ddl = cell(rows("SHOW CREATE TABLE ext"), 0, "Create Table");
  EXPECT_EQ(ddl.rfind("CREATE EXTERNAL TABLE `ext` (\n", 0), 0u) << ddl;
  EXPECT_NE(ddl.find(") ENGINE=MYSQL \nPROPERTIES (\n\"host\" = \"127.0.0.1\",\n"),
            std::string::npos)
      << ddl;
  EXPECT_NE(ddl.find("\"password\" = \"\",\n\"database\" = \"" + m_db +
                     "\",\n\"table\" = "
                     "\"target\"\n);"),
            std::string::npos)
      << ddl;
  ok("DROP TABLE ext");
}

TEST_F(ExternalTableTest, OlapExternalTableIsInsertOnlyAndWaitsForMetadata) {
  ok("CREATE EXTERNAL TABLE ext (k INT, v VARCHAR(10)) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
     connection("target"));
  EXPECT_EQ(error("INSERT INTO ext VALUES (2, 'b')"),
            "data cannot be inserted into table with empty partition.Use `SHOW PARTITIONS FROM "
            "ext` to see the currently partitions of this table. ");
  Reply r;
  exl::test::eventually(
      [&] {
        r = run("INSERT INTO ext SELECT k + 1, CONCAT(v, 'x') FROM target");
        return !std::holds_alternative<ErrorReply>(r);
      },
      std::chrono::seconds(10), std::chrono::milliseconds(100));
  ASSERT_TRUE(std::holds_alternative<OkReply>(r)) << std::get<ErrorReply>(r).message;
  EXPECT_EQ(std::get<OkReply>(r).affected_rows, 1u);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY k) FROM target"), "a,ax");
  EXPECT_NE(error("SELECT * FROM ext").find("only supports INSERT INTO"), std::string::npos);
  EXPECT_NE(cell(rows("SHOW CREATE TABLE ext"), 0, "Create Table").find(") ENGINE=OLAP_EXTERNAL "),
            std::string::npos);
}

TEST_F(ExternalTableTest, MetadataDelayFollowsTheLiveSetting) {
  // ADMIN SET SIM OLAP EXTERNAL DELAY changes the shared live value; the engine must read it at
  // every INSERT rather than the start-up copy.
  m_config.live->olap_external_delay_s = 3600;
  ok("CREATE EXTERNAL TABLE ext2 (k INT, v VARCHAR(10)) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
     connection("target"));
  EXPECT_NE(error("INSERT INTO ext2 VALUES (5, 'e')").find("empty partition"), std::string::npos);
  m_config.live->olap_external_delay_s = 0;
  ok("INSERT INTO ext2 VALUES (5, 'e')");
  EXPECT_EQ(scalar("SELECT v FROM target WHERE k = 5"), "e");
}

} // namespace
} // namespace srsim::test
