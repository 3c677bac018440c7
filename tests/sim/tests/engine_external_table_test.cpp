// External tables (starrocks-surface.md §7, docs/srsim-engine.md "Catalogs and external tables"):
// CREATE checks, SHOW CREATE per release, and the destination half of an OLAP external table (a
// session marked as coming in on the rpc port). The writing half needs a second srsim:
// e2e_external_table_test.cpp. The MYSQL table's "remote" server is the fixture's own MariaDB.

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class ExternalTableTest : public EngineTest {
protected:
  void configure(ClusterConfig& c) override { c.rpc_port = 19020; }
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE target (k INT, v VARCHAR(10)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
    ok("INSERT INTO target VALUES (1, 'a')");
  }
  std::string connection(const std::string& table, int port = 0) {
    const StorageConfig& s = m_config.storage;
    return "PROPERTIES ('host' = '127.0.0.1', 'port' = '" + std::to_string(port ? port : s.port) +
           "', 'user' = '" + s.user + "', 'password' = '" + s.password + "', 'database' = '" +
           m_db + "', 'table' = '" + table + "')";
  }
  // Runs `sql` as another cluster's FE would through the rpc port.
  Reply remote(const std::string& sql) {
    SessionContext rpc;
    rpc.connection_id = next_connection_id();
    rpc.user = "root";
    rpc.rpc_port = true;
    Reply r = m_engine->execute(rpc, sql);
    m_engine->close_session(rpc);
    return r;
  }
  std::string remote_error(const std::string& sql) {
    Reply r = remote(sql);
    auto* e = std::get_if<ErrorReply>(&r);
    return e ? e->message : "<no error>";
  }
  ResultSet remote_rows(const std::string& sql) {
    Reply r = remote(sql);
    if (auto* e = std::get_if<ErrorReply>(&r)) {
      ADD_FAILURE() << sql << " -> " << e->message;
      return {};
    }
    return std::get<ResultSet>(r);
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

// MysqlTable.validate and CreateTableAnalyzer's checks for a non-OLAP engine (3.3.5 here: one
// message for PARTITION and DISTRIBUTED; ExternalTable34Test has the 3.4 split).
TEST_F(ExternalTableTest, MysqlExternalTableRefusesWhatStarRocksRefuses) {
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e1 (k INT) ENGINE=MYSQL DUPLICATE KEY(k) " +
                  connection("target")),
            "Getting analyzing error. Detail message: Create mysql table should not contain keys "
            "desc.");
  EXPECT_EQ(
      error("CREATE EXTERNAL TABLE e2 (k INT, a ARRAY<INT>) ENGINE=MYSQL " + connection("target")),
      "Getting analyzing error. Detail message: mysql external table don't support complex "
      "type.");
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e3 (k INT) ENGINE=MYSQL DISTRIBUTED BY HASH(k) " +
                  connection("target")),
            "Getting analyzing error. Detail message: Create mysql table should not contain "
            "partition or distribution desc.");
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e4 (k INT) ENGINE=MYSQL PROPERTIES ('host' = 'h', "
                  "'port' = 'x', 'user' = 'u', 'password' = '', 'database' = 'd', 'table' = "
                  "'t')"),
            "Port of MySQL table must be a number.Please add properties('port'='3306') when "
            "create table");
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e5 (k INT) ENGINE=MYSQL PROPERTIES ('host' = 'h', "
                  "'port' = '1', 'user' = 'u', 'password' = '', 'database' = 'd')"),
            "Database of MySQL table is null. Please add properties('table'='xxxx') when create "
            "table");
}

TEST_F(ExternalTableTest, OlapExternalTableChecksItsPropertiesAndTarget) {
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e1 (k INT) ENGINE=OLAP DISTRIBUTED BY HASH(k) "
                  "PROPERTIES ('port' = '9020', 'user' = 'u', 'password' = '', 'database' = "
                  "'d', 'table' = 't')"),
            "Host of external table is null. Please add properties('host'='xxx.xxx.xxx.xxx') "
            "when create table");
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e2 (k INT) ENGINE=OLAP DISTRIBUTED BY HASH(k) "
                  "PROPERTIES ('host' = 'h', 'port' = '9020', 'user' = 'u', 'database' = 'd', "
                  "'table' = 't')"),
            "Password of external table is null. Please add properties('password'='xxxx') "
            "when create table");
  // The FE's own rpc port (OlapTableFactory: checkFeExistByRPCPort).
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e3 (k INT) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
                  connection("target", m_config.rpc_port)),
            "can not create OLAP external table of self cluster");
}

TEST_F(ExternalTableTest, OlapExternalTableIsWriteOnlyAndHidesThePassword) {
  ok("CREATE EXTERNAL TABLE ext (k INT, v VARCHAR(10)) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
     connection("target"));
  EXPECT_NE(error("SELECT * FROM ext").find("only supports INSERT INTO"), std::string::npos);
  // 3.3+: OlapTable.getProperties() (a TreeMap) through PrintableMap, password masked.
  std::string ddl = cell(rows("SHOW CREATE TABLE ext"), 0, "Create Table");
  EXPECT_NE(ddl.find(") ENGINE=OLAP_EXTERNAL "), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("PROPERTIES (\n\"database\" = \"" + m_db +
                     "\",\n\"host\" = \"127.0.0.1\",\n\"password\" = \"***\",\n\"port\" = \"" +
                     std::to_string(m_config.storage.port) +
                     "\",\n\"replication_num\" = \"3\",\n\"table\" = \"target\",\n\"user\" = \"" +
                     m_config.storage.user + "\"\n);"),
            std::string::npos)
      << ddl;
  EXPECT_EQ(ddl.find(m_config.storage.password.empty() ? "<none>" : m_config.storage.password),
            std::string::npos);
}

// ADMIN SET SIM OLAP EXTERNAL DELAY (a fault: StarRocks before 2.5.8 synced every 10 s) changes
// the shared live value; the engine reads it at every INSERT. Off, the INSERT goes on to the
// destination, here a plain MariaDB that cannot answer getTableMeta.
TEST_F(ExternalTableTest, MetadataDelayIsALiveFault) {
  EXPECT_EQ(m_config.live->olap_external_delay_s.load(), 0);
  m_config.live->olap_external_delay_s = 3600;
  ok("CREATE EXTERNAL TABLE ext2 (k INT, v VARCHAR(10)) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
     connection("target"));
  EXPECT_EQ(error("INSERT INTO ext2 VALUES (5, 'e')"),
            "data cannot be inserted into table with empty partition.Use `SHOW PARTITIONS FROM "
            "ext2` to see the currently partitions of this table. ");
  m_config.live->olap_external_delay_s = 0;
  std::string e = error("INSERT INTO ext2 VALUES (5, 'e')");
  EXPECT_EQ(e.rfind("get TableMeta failed from TNetworkAddress(hostname:127.0.0.1, port:" +
                        std::to_string(m_config.storage.port) + "), error: ",
                    0),
            0u)
      << e;
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM target"), "1");
}

TEST_F(ExternalTableTest, RemoteStatementsExistOnlyOnTheRpcPort) {
  EXPECT_EQ(error("SIM TABLE META " + m_db + ".target"),
            "srsim does not support: SIM statements outside the rpc port");
}

// LeaderImpl.getTableMeta as the writer sees it: the thrift partition type, every partition with
// is_temp, and the refusals.
TEST_F(ExternalTableTest, TableMetaAnswersAsGetTableMeta) {
  ResultSet one = remote_rows("SIM TABLE META " + m_db + ".target");
  ASSERT_EQ(one.rows.size(), 1u);
  EXPECT_EQ(one.rows[0][0], "UNPARTITIONED");
  EXPECT_EQ(one.rows[0][1], "target");
  ok("CREATE TABLE r (d DATE, v INT) DUPLICATE KEY(d) PARTITION BY RANGE(d) (PARTITION p1 VALUES "
     "LESS THAN ('2024-02-01'), PARTITION p2 VALUES LESS THAN ('2024-03-01')) DISTRIBUTED BY "
     "HASH(d)");
  ok("ALTER TABLE r ADD TEMPORARY PARTITION tp VALUES [('2024-01-01'), ('2024-02-01'))");
  ResultSet range = remote_rows("SIM TABLE META " + m_db + ".r");
  ASSERT_EQ(range.rows.size(), 3u);
  EXPECT_EQ(range.rows[0][0], "RANGE_PARTITIONED");
  EXPECT_EQ(range.rows[2][1], "tp");
  EXPECT_EQ(range.rows[2][2], "1");
  ok("CREATE TABLE l (c VARCHAR(8), v INT) DUPLICATE KEY(c) PARTITION BY LIST(c) (PARTITION pa "
     "VALUES IN ('a')) DISTRIBUTED BY HASH(c)");
  EXPECT_EQ(remote_error("SIM TABLE META " + m_db + ".l"), "getTableMeta failed: unknown result");
  EXPECT_EQ(remote_error("SIM TABLE META " + m_db + ".nope"), "table nope not exist");
  EXPECT_EQ(remote_error("SIM TABLE META no_such_db_x.t"), "db not exist");
  ok("CREATE VIEW v AS SELECT * FROM target");
  EXPECT_EQ(remote_error("SIM TABLE META " + m_db + ".v"), "only olap table supported");
}

// The remote transaction: one load with the label, recorded as a transaction (SHOW PROC
// '/transactions/<db>/finished') and never as a load job of this cluster; no automatic partition
// is created for it.
TEST_F(ExternalTableTest, RemoteInsertIsATransactionWithoutALoadJob) {
  Reply r =
      remote("INSERT INTO " + m_db + ".target WITH LABEL remote_l1 VALUES (2, 'b'), (3, 'c')");
  ASSERT_TRUE(std::holds_alternative<OkReply>(r)) << std::get<ErrorReply>(r).message;
  EXPECT_EQ(std::get<OkReply>(r).affected_rows, 2u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM target"), "3");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.loads WHERE LABEL = 'remote_l1'"), "0");
  ResultSet finished = rows("SHOW PROC '/transactions/" + m_db + "/finished'");
  bool listed = false;
  for (std::size_t i = 0; i < finished.rows.size(); ++i) {
    listed = listed || (cell(finished, i, "Label") == "remote_l1" &&
                        cell(finished, i, "TransactionStatus") == "VISIBLE");
  }
  EXPECT_TRUE(listed);
  ResultSet used = remote_rows("SIM LABEL STATE " + m_db + " 'remote_l1'");
  EXPECT_EQ(used.rows.at(0)[0], "1");
  EXPECT_EQ(remote_rows("SIM LABEL STATE " + m_db + " 'other'").rows.at(0)[0], "0");

  ok("CREATE TABLE auto_t (d DATE, v INT) DUPLICATE KEY(d) PARTITION BY date_trunc('day', d) "
     "DISTRIBUTED BY HASH(d)");
  ok("INSERT INTO auto_t VALUES ('2024-01-01', 1)");
  Reply outside = remote("INSERT INTO " + m_db +
                         ".auto_t WITH LABEL remote_l2 VALUES "
                         "('2024-01-05', 2)");
  ASSERT_TRUE(std::holds_alternative<ErrorReply>(outside));
  EXPECT_NE(std::get<ErrorReply>(outside).message.find("Insert has filtered data in strict mode"),
            std::string::npos);
  EXPECT_EQ(rows("SHOW PARTITIONS FROM auto_t").rows.size(), 1u);
}

// A VALUES list longer than the storage server's max_allowed_packet (16 MiB) still loads as one
// INSERT: the private stage is filled in pieces.
TEST_F(ExternalTableTest, VeryLongValuesListLoadsInOneInsert) {
  ok("CREATE TABLE wide (k INT, v VARCHAR(2000)) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  const std::string filler(1500, 'x');
  std::string sql = "INSERT INTO wide WITH LABEL wide_1 VALUES ";
  const int n = 12000; // about 18 MB of statement
  for (int i = 0; i < n; ++i) {
    sql += (i ? ", (" : "(") + std::to_string(i) + ", '" + filler + "')";
  }
  ASSERT_GT(sql.size(), 16u << 20);
  OkReply r = ok(sql);
  EXPECT_EQ(r.affected_rows, static_cast<std::uint64_t>(n));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM wide"), std::to_string(n));
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM wide"), 0, "VisibleVersion"), "2");
}

class ExternalTable31Test : public ExternalTableTest {
protected:
  void configure(ClusterConfig& c) override {
    ExternalTableTest::configure(c);
    c.version = Version{3, 1, 17};
  }
};

// Up to 3.2 GlobalStateMgr.getDdlStmt appends the connection properties with a blank password.
TEST_F(ExternalTable31Test, OlapExternalShowCreateBlanksThePassword) {
  ok("CREATE EXTERNAL TABLE ext (k INT, v VARCHAR(10)) ENGINE=OLAP DISTRIBUTED BY HASH(k) " +
     connection("target"));
  std::string ddl = cell(rows("SHOW CREATE TABLE ext"), 0, "Create Table");
  EXPECT_NE(ddl.find("PROPERTIES (\n\"host\" = \"127.0.0.1\",\n"), std::string::npos) << ddl;
  EXPECT_NE(ddl.find("\"password\" = \"\",\n\"database\" = \"" + m_db + "\""), std::string::npos)
      << ddl;
}

class ExternalTable34Test : public ExternalTableTest {
protected:
  void configure(ClusterConfig& c) override {
    ExternalTableTest::configure(c);
    c.version = Version{3, 4, 4};
  }
};

TEST_F(ExternalTable34Test, MysqlPartitionAndDistributionHaveTheirOwnMessages) {
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e1 (k INT) ENGINE=MYSQL DISTRIBUTED BY HASH(k) " +
                  connection("target")),
            "Getting analyzing error. Detail message: Create mysql table should not contain "
            "distribution desc.");
  EXPECT_EQ(error("CREATE EXTERNAL TABLE e2 (k INT) ENGINE=MYSQL PARTITION BY RANGE(k) "
                  "(PARTITION p1 VALUES LESS THAN ('10')) " +
                  connection("target")),
            "Getting analyzing error. Detail message: Create mysql table should not contain "
            "partition desc.");
}

} // namespace
} // namespace srsim::test
