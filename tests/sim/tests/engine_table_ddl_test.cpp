// CREATE TABLE in StarRocks form, SHOW CREATE TABLE layout (starrocks-surface.md §1), errors.

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class TableDdlTest : public EngineTest {};

TEST_F(TableDdlTest, ShowCreateTablePrintsFixedRangesAndDefaultProperties) {
  ok("CREATE TABLE t (k1 DATE, v1 INT SUM) AGGREGATE KEY(k1) COMMENT 'my table' "
     "PARTITION BY RANGE(k1) (PARTITION p1 VALUES LESS THAN ('2020-01-01'), "
     "PARTITION p2 VALUES LESS THAN ('2020-02-01')) DISTRIBUTED BY HASH(k1) BUCKETS 10 "
     "PROPERTIES ('replication_num' = '1')");
  ResultSet rs = rows("SHOW CREATE TABLE t");
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"Table", "Create Table"}));
  EXPECT_EQ(cell(rs, 0, "Table"), "t");
  EXPECT_EQ(cell(rs, 0, "Create Table"),
            "CREATE TABLE `t` (\n"
            "  `k1` date NULL COMMENT \"\",\n"
            "  `v1` int(11) SUM NULL COMMENT \"\"\n"
            ") ENGINE=OLAP \n"
            "AGGREGATE KEY(`k1`)\n"
            "COMMENT \"my table\"\n"
            "PARTITION BY RANGE(`k1`)\n"
            "(PARTITION p1 VALUES [(\"0000-01-01\"), (\"2020-01-01\")),\n"
            "PARTITION p2 VALUES [(\"2020-01-01\"), (\"2020-02-01\")))\n"
            "DISTRIBUTED BY HASH(`k1`) BUCKETS 10 \n"
            "PROPERTIES (\n"
            "\"replication_num\" = \"1\",\n"
            "\"in_memory\" = \"false\",\n"
            "\"enable_persistent_index\" = \"false\",\n"
            "\"replicated_storage\" = \"true\",\n"
            "\"compression\" = \"LZ4\"\n"
            ");");
}

TEST_F(TableDdlTest, TypesArePrintedTheStarRocksWay) {
  ok("CREATE TABLE t (a TINYINT, b SMALLINT, c INT NOT NULL, d BIGINT, e LARGEINT, "
     "f DECIMAL(10, 2), g VARCHAR(20), h CHAR(5), i DATETIME, j BOOLEAN, k STRING, "
     "l JSON, m ARRAY<INT>, n DOUBLE) DUPLICATE KEY(a) DISTRIBUTED BY HASH(a) BUCKETS 3");
  std::string ddl = cell(rows("SHOW CREATE TABLE t"), 0, "Create Table");
  for (const char* piece :
       {"`a` tinyint(4) NULL", "`b` smallint(6) NULL", "`c` int(11) NOT NULL",
        "`d` bigint(20) NULL", "`e` largeint(40) NULL", "`f` decimal64(10, 2) NULL",
        "`g` varchar(20) NULL", "`h` char(5) NULL", "`i` datetime NULL", "`j` boolean NULL",
        "`k` varchar(65533) NULL", "`l` json NULL", "`m` array<int(11)> NULL", "`n` double NULL",
        "DUPLICATE KEY(`a`)"}) {
    EXPECT_NE(ddl.find(piece), std::string::npos) << piece << "\n" << ddl;
  }
  ok("INSERT INTO t VALUES (1, 2, 3, 4, 170141183460469231731687303715884105727, 1.25, 'x', "
     "'y', '2024-01-01 10:00:00', true, 'long', '{\"a\":1}', '[1,2]', 0.5)");
  EXPECT_EQ(scalar("SELECT e FROM t"), "170141183460469231731687303715884105727");
}

TEST_F(TableDdlTest, ListAndExpressionPartitionsPrint) {
  ok("CREATE TABLE l (id INT, city VARCHAR(20)) DUPLICATE KEY(id) "
     "PARTITION BY LIST(city) (PARTITION pLA VALUES IN ('Los Angeles', 'San Diego'), "
     "PARTITION pNY VALUES IN ('New York')) DISTRIBUTED BY HASH(id) BUCKETS 2");
  EXPECT_NE(cell(rows("SHOW CREATE TABLE l"), 0, "Create Table")
                .find("PARTITION BY LIST(`city`)(\n  PARTITION pLA VALUES IN ('Los Angeles', "
                      "'San Diego'),\n  PARTITION pNY VALUES IN ('New York')\n)"),
            std::string::npos);
  ok("CREATE TABLE e (dt DATETIME, v INT) DUPLICATE KEY(dt) "
     "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY RANDOM");
  std::string ddl = cell(rows("SHOW CREATE TABLE e"), 0, "Create Table");
  EXPECT_NE(ddl.find("\nPARTITION BY date_trunc('day', dt)\nDISTRIBUTED BY RANDOM \n"),
            std::string::npos)
      << ddl;
}

TEST_F(TableDdlTest, ErrorsUseStarRocksTexts) {
  ok("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  EXPECT_EQ(error("CREATE TABLE t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)"),
            "Table 't' already exists");
  ok("CREATE TABLE IF NOT EXISTS t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  EXPECT_EQ(error("SHOW CREATE TABLE nope"),
            "Getting analyzing error. Detail message: Unknown table '" + m_db + ".nope'.");
  EXPECT_EQ(error("SHOW CREATE TABLE nodb_xyz.t"), "Unknown database 'nodb_xyz'");
  EXPECT_EQ(error("DROP TABLE nope"),
            "Getting analyzing error. Detail message: Unknown table '" + m_db + ".nope'.");
  ok("DROP TABLE IF EXISTS nope");
  ok("DROP TABLE t");
  EXPECT_NE(error("SELECT * FROM t").find("Unknown table '" + m_db + ".t'"), std::string::npos);
}

TEST_F(TableDdlTest, CreateTableLikeCopiesTheModelWithFreshVersions) {
  ok("CREATE TABLE src (k DATE, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) "
     "(PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02'))) DISTRIBUTED BY HASH(k) BUCKETS 2");
  ok("INSERT INTO src VALUES ('2024-01-01', 1)");
  ok("CREATE TABLE dst LIKE src");
  std::string a = cell(rows("SHOW CREATE TABLE src"), 0, "Create Table");
  std::string b = cell(rows("SHOW CREATE TABLE dst"), 0, "Create Table");
  EXPECT_EQ(a.substr(a.find('(')), b.substr(b.find('(')));
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM dst"), 0, "VisibleVersion"), "1");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM dst"), "0");
}

TEST_F(TableDdlTest, CreateTableAsSelectInfersStarRocksTypes) {
  ok("CREATE TABLE src (k INT NOT NULL, name VARCHAR(20), amount DECIMAL(10, 2), d DATE) "
     "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  ok("INSERT INTO src VALUES (1, 'a', 1.50, '2024-01-01'), (2, 'b', 2.25, '2024-01-02')");
  ok("CREATE TABLE copy AS SELECT k, name, amount, d FROM src WHERE k = 2");
  EXPECT_EQ(scalar("SELECT name FROM copy"), "b");
  std::string ddl = cell(rows("SHOW CREATE TABLE copy"), 0, "Create Table");
  for (const char* piece :
       {"`k` int(11) NOT NULL", "`name` varchar(20) NULL", "`amount` decimal64(10, 2) NULL",
        "`d` date NULL", "DUPLICATE KEY(`k`)", "DISTRIBUTED BY RANDOM"}) {
    EXPECT_NE(ddl.find(piece), std::string::npos) << piece << "\n" << ddl;
  }
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM copy"), 0, "VisibleVersion"), "2");
}

TEST_F(TableDdlTest, ShowTablesAndDatabases) {
  ok("CREATE TABLE t1 (k INT) DISTRIBUTED BY HASH(k)");
  ResultSet rs = rows("SHOW FULL TABLES");
  ASSERT_EQ(rs.columns, (std::vector<std::string>{"Tables_in_" + m_db, "Table_type"}));
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "Table_type"), "BASE TABLE");
  ResultSet dbs = rows("SHOW DATABASES");
  ASSERT_EQ(dbs.columns, std::vector<std::string>{"Database"});
  bool found = false, hidden = true;
  for (const auto& r : dbs.rows) {
    found |= r[0] == m_db;
    hidden &= r[0] != "__srsim" && r[0] != "mysql";
  }
  EXPECT_TRUE(found);
  EXPECT_TRUE(hidden);
}

TEST_F(TableDdlTest, ASessionSurvivesLosingItsStorageConnection) {
  std::string thread = scalar("SELECT CONNECTION_ID()");
  engine::Backend admin(m_config.storage);
  admin.exec("KILL " + thread);
  EXPECT_EQ(scalar("SELECT 1"), "1");
  EXPECT_NE(scalar("SELECT CONNECTION_ID()"), thread);
}

TEST_F(TableDdlTest, DroppingTheCurrentDatabaseElsewhereLeavesTheSessionUsable) {
  SessionContext other;
  other.connection_id = next_connection_id();
  ASSERT_TRUE(std::holds_alternative<OkReply>(m_engine->execute(other, "DROP DATABASE " + m_db)));
  m_engine->close_session(other);
  ResultSet dbs = rows("SHOW DATABASES");
  EXPECT_FALSE(dbs.rows.empty());
  EXPECT_NE(error("SELECT * FROM t").find("Unknown"), std::string::npos);
}

TEST_F(TableDdlTest, UnsupportedStatementsAreErrorsNamingThem) {
  EXPECT_EQ(error("GRANT SELECT ON *.* TO x").rfind("srsim does not support: GRANT", 0), 0u);
  EXPECT_NE(error("ALTER TABLE nope ADD COLUMN c INT").find("Unknown table"), std::string::npos);
  ok("CREATE TABLE t (k INT) DISTRIBUTED BY HASH(k)");
  EXPECT_EQ(error("ALTER TABLE t ADD COLUMN c INT").rfind("srsim does not support: ALTER TABLE", 0),
            0u);
}

} // namespace
} // namespace srsim::test

namespace srsim::test {
namespace {

// CREATE TABLE AS SELECT is bounded like INSERT: from v3.4 by insert_timeout, before that by
// query_timeout (System_variable.md: "insert_timeout ... since v3.4 ... INSERT, UPDATE, DELETE,
// CTAS, materialized view refresh ..."; starrocks-surface.md §4 "Timeouts"). The interrupted CTAS
// leaves no table.
class CtasTimeout34Test : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 4, 1}; }
};

TEST_F(CtasTimeout34Test, CtasObeysInsertTimeout) {
  m_session.variables["insert_timeout"] = "1";
  Reply r = run("CREATE TABLE slow AS SELECT SLEEP(20) AS s");
  auto* e = std::get_if<ErrorReply>(&r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, 5024);
  EXPECT_EQ(e->message, "Insert reached its timeout of 1 seconds, please increase the "
                        "'insert_timeout' session variable and retry");
  EXPECT_NE(error("SELECT * FROM slow").find("Unknown table"), std::string::npos);
  // query_timeout does not bound it on 3.4.
  m_session.variables["insert_timeout"] = "14400";
  m_session.variables["query_timeout"] = "1";
  ok("CREATE TABLE fine AS SELECT SLEEP(2) AS s");
}

class CtasTimeout33Test : public EngineTest {};

TEST_F(CtasTimeout33Test, CtasObeysQueryTimeoutBefore34) {
  m_session.variables["query_timeout"] = "1";
  Reply r = run("CREATE TABLE slow AS SELECT SLEEP(20) AS s");
  auto* e = std::get_if<ErrorReply>(&r);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->code, 5024);
  EXPECT_EQ(e->message, "Query timeout. Increase the query_timeout session variable and retry");
  EXPECT_NE(error("SELECT * FROM slow").find("Unknown table"), std::string::npos);
}

} // namespace
} // namespace srsim::test

namespace srsim::test {
namespace {

// Before v3.1 a table needs DISTRIBUTED BY: random bucketing, the default when it is left out,
// arrived in v3.1 (docs table_design/data_distribution/feature-support-data-distribution.md:
// "Random Bucketing (from v3.1 onwards)"); older analyzers refuse with "Create olap table should
// contain distribution desc" (CreateTableStmt / CreateTableAnalyzer, distributionDesc == null).
class TableDdl25Test : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{2, 5, 13}; }
};

TEST_F(TableDdl25Test, DistributedByIsRequiredBefore31) {
  EXPECT_EQ(error("CREATE TABLE t (k INT, v INT) DUPLICATE KEY(k)"),
            "Getting analyzing error. Detail message: Create olap table should contain "
            "distribution desc.");
  EXPECT_EQ(error("CREATE TABLE u (k INT, v INT) UNIQUE KEY(k)"),
            "Getting analyzing error. Detail message: Create olap table should contain "
            "distribution desc.");
  ok("CREATE TABLE h (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k)");
  std::string ddl = rows("SHOW CREATE TABLE h").rows[0][1].value_or("");
  EXPECT_NE(ddl.find("DISTRIBUTED BY HASH(`k`)"), std::string::npos) << ddl;
}

} // namespace
} // namespace srsim::test
