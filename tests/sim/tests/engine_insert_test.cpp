// INSERT / INSERT OVERWRITE semantics (starrocks-surface.md §4, §13.1-5, §13.12).

#include "engine_test_support.hpp"

#include <atomic>

#include <regex>
#include <thread>

namespace srsim::test {
namespace {

class InsertTest : public EngineTest {
protected:
  void make_daily() {
    ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03')), "
       "PARTITION p3 VALUES [('2024-01-03'), ('2024-01-04'))) DISTRIBUTED BY HASH(dt) BUCKETS 2");
  }
  std::vector<std::string> versions() {
    std::vector<std::string> out;
    for (const auto& r : rows("SHOW PARTITIONS FROM t").rows)
      out.push_back(*r[2]);
    return out;
  }
};

TEST_F(InsertTest, OkInfoCarriesLabelStatusAndTxnId) {
  make_daily();
  OkReply r = ok("INSERT INTO t WITH LABEL my_label VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  EXPECT_EQ(r.affected_rows, 2u);
  EXPECT_TRUE(std::regex_match(
      r.info, std::regex(R"(\{'label':'my_label', 'status':'VISIBLE', 'txnId':'\d+'\})")))
      << r.info;
  OkReply auto_label = ok("INSERT INTO t VALUES ('2024-01-03', 3)");
  EXPECT_TRUE(std::regex_search(auto_label.info, std::regex("'label':'insert_[0-9a-f-]+'")))
      << auto_label.info;
}

TEST_F(InsertTest, LabelReuseIsRefused) {
  make_daily();
  ok("INSERT INTO t WITH LABEL l1 VALUES ('2024-01-01', 1)");
  EXPECT_EQ(error("INSERT INTO t WITH LABEL l1 VALUES ('2024-01-01', 1)"),
            "Label [l1] has already been used.");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "1");
}

TEST_F(InsertTest, EachLoadBumpsOnlyTouchedPartitions) {
  make_daily();
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  ok("INSERT INTO t SELECT dt, v FROM t WHERE dt = '2024-01-01'");
  EXPECT_EQ(versions(), (std::vector<std::string>{"3", "2", "1"}));
}

TEST_F(InsertTest, PartitionClauseErrors) {
  make_daily();
  EXPECT_EQ(error("INSERT INTO t PARTITION (p9) VALUES ('2024-01-01', 1)"),
            "Getting analyzing error. Detail message: Unknown partition 'p9' in table 't'.");
  EXPECT_NE(error("INSERT INTO t PARTITION (p1) VALUES ('2024-01-02', 1)")
                .rfind("Insert has filtered data in strict mode, tracking_url=", 0),
            std::string::npos);
  EXPECT_NE(error("INSERT INTO t VALUES ('2023-01-01', 1)").find("Insert has filtered data"),
            std::string::npos);
  ok("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k)");
  EXPECT_EQ(error("INSERT INTO u PARTITION (u) VALUES (1)"),
            "Getting analyzing error. Detail message: PARTITION clause is not valid for INSERT "
            "into unpartitioned table.");
}

TEST_F(InsertTest, NonStrictInsertFiltersRowsWithoutAPartition) {
  make_daily();
  m_session.variables["enable_insert_strict"] = "false";
  OkReply r = ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2030-01-01', 2), ('2024-01-03', 3)");
  EXPECT_EQ(r.affected_rows, 2u);
  OkReply named = ok("INSERT INTO t PARTITION (p2) VALUES ('2024-01-02', 4), ('2024-01-01', 5)");
  EXPECT_EQ(named.affected_rows, 1u);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "1,4,3");
  EXPECT_EQ(versions(), (std::vector<std::string>{"2", "2", "2"}));
}

TEST_F(InsertTest, StaticOverwriteReplacesNamedOrAllPartitions) {
  make_daily();
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2), ('2024-01-03', 3)");
  ok("INSERT OVERWRITE t PARTITION (p2) VALUES ('2024-01-02', 20)");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "1,20,3");
  ok("INSERT OVERWRITE t VALUES ('2024-01-03', 30)");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "30");
  EXPECT_EQ(versions(), (std::vector<std::string>{"1", "1", "2"}));
}

TEST_F(InsertTest, OverwriteIsAtomicWhenARowFails) {
  make_daily();
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  // The second row has no partition: nothing of the statement may become visible.
  EXPECT_NE(error("INSERT OVERWRITE t VALUES ('2024-01-01', 100), ('2030-01-01', 200)")
                .find("Insert has filtered data"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "1,2");
  // A failure in the copy step (NOT NULL violated by a computed value) also leaves old data.
  ok("CREATE TABLE nn (dt DATE, v INT NOT NULL) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) "
     "(PARTITION p1 VALUES [('2024-01-01'), ('2024-01-05'))) DISTRIBUTED BY HASH(dt)");
  ok("INSERT INTO nn VALUES ('2024-01-01', 1)");
  EXPECT_FALSE(
      error("INSERT OVERWRITE nn SELECT '2024-01-02', IF(v = 1, NULL, v) FROM nn").empty());
  EXPECT_EQ(scalar("SELECT v FROM nn"), "1");
}

TEST_F(InsertTest, DynamicOverwriteKeepsUntouchedPartitionsOn34) {
  m_config.version = Version{3, 4, 0};
  m_engine = make_engine(m_config);
  make_daily();
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  m_session.variables["dynamic_overwrite"] = "true";
  ok("INSERT OVERWRITE t VALUES ('2024-01-02', 20)");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "1,20");
}

TEST_F(InsertTest, ExpressionPartitionsAreCreatedOnInsert) {
  ok("CREATE TABLE e (dt DATETIME, v INT) DUPLICATE KEY(dt) "
     "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY RANDOM");
  ok("INSERT INTO e VALUES ('2024-03-01 10:00:00', 1), ('2024-03-02 11:00:00', 2), "
     "('2024-03-01 12:00:00', 3)");
  ResultSet rs = rows("SHOW PARTITIONS FROM e");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "p20240301");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "2");
  EXPECT_EQ(cell(rs, 1, "Range"), "[types: [DATETIME]; keys: [2024-03-02 00:00:00]; ..types: "
                                  "[DATETIME]; keys: [2024-03-03 00:00:00]; )");
}

// A NULL partition key routes as the type's minimum (PR #10679: "take null value as the minimum
// value of its column type"); an automatic table creates that minimum's partition and keeps the
// row, strict or not (issue #19487: INSERT of NULL into a date_trunc table must succeed).
TEST_F(InsertTest, NullKeyOfAnAutomaticTableLandsInTheMinimumPartition) {
  ok("CREATE TABLE e (dt DATE, v INT) DUPLICATE KEY(dt) "
     "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY RANDOM");
  ok("INSERT INTO e VALUES (NULL, 1), ('2024-03-01', 2)");
  m_session.variables["enable_insert_strict"] = "false";
  OkReply r = ok("INSERT INTO e VALUES (NULL, 3)");
  EXPECT_EQ(r.affected_rows, 1u);
  ResultSet rs = rows("SHOW PARTITIONS FROM e");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "p00000101");
  EXPECT_EQ(cell(rs, 0, "Range"), "[types: [DATE]; keys: [0000-01-01]; ..types: [DATE]; keys: "
                                  "[0000-01-02]; )");
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "3");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY v) FROM e WHERE dt IS NULL"), "1,3");
}

// One load that needs a partition between two existing ones and one past the last creates both
// (expression_partitioning.md: partitions are created for every value the load brings).
TEST_F(InsertTest, ExpressionPartitionsInAGapAndPastTheEndInOneLoad) {
  ok("CREATE TABLE e (dt DATETIME, v INT) DUPLICATE KEY(dt) "
     "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY RANDOM");
  ok("INSERT INTO e VALUES ('2024-03-01 10:00:00', 1), ('2024-03-03 10:00:00', 3)");
  ok("INSERT INTO e VALUES ('2024-03-02 10:00:00', 2), ('2024-03-05 10:00:00', 5)");
  std::vector<std::string> names;
  for (const auto& row : rows("SHOW PARTITIONS FROM e").rows)
    names.push_back(*row[1]);
  EXPECT_EQ(names, (std::vector<std::string>{"p20240301", "p20240302", "p20240303", "p20240305"}));
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM e"), "1,2,3,5");
}

TEST_F(InsertTest, KeyModelsMergeRows) {
  ok("CREATE TABLE a (k INT, s BIGINT SUM, m INT MAX) AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
  ok("INSERT INTO a VALUES (1, 10, 5), (1, 5, 7)");
  ok("INSERT INTO a VALUES (1, 1, 2)");
  EXPECT_EQ(scalar("SELECT CONCAT(s, ',', m) FROM a"), "16,7");
  ok("CREATE TABLE p (k INT NOT NULL, v VARCHAR(10)) PRIMARY KEY(k) DISTRIBUTED BY HASH(k)");
  ok("INSERT INTO p VALUES (1, 'a'), (2, 'b')");
  ok("INSERT INTO p VALUES (1, 'c')");
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY k) FROM p"), "c,b");
}

class StatsLagTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.stats_interval_s = 3600; }
};

TEST_F(StatsLagTest, RowCountLagsUntilTheRefreshInterval) {
  ok("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k)");
  ok("INSERT INTO u VALUES (1), (2)");
  EXPECT_EQ(cell(rows("SHOW PARTITIONS FROM u"), 0, "RowCount"), "2");
  ok("INSERT INTO u VALUES (3)");
  ResultSet rs = rows("SHOW PARTITIONS FROM u");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "2");       // statistics not refreshed yet
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "3"); // versions are exact
}

TEST_F(InsertTest, QueryTimeoutCancelsTheStatement) {
  m_session.variables["query_timeout"] = "1";
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error("SELECT SLEEP(20)"),
            "Query timeout. Increase the query_timeout session variable and retry");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  m_config.version = Version{3, 4, 1};
  m_engine = make_engine(m_config);
  m_session.variables["insert_timeout"] = "1";
  m_session.variables["query_timeout"] = "300";
  ok("USE " + m_db);
  ok("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k)");
  EXPECT_EQ(error("INSERT INTO u SELECT SLEEP(20)"),
            "Insert reached its timeout of 1 seconds, please increase the 'insert_timeout' "
            "session variable and retry");
}

class Insert34Test : public InsertTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 4, 0}; }
};

// InsertAnalyzer.analyzeProperties -> LoadStmt.checkProperties: an unknown key is an analyzer
// error, `match_column_by` included (PR #54120 replaced it by BY NAME before 3.4.0), so no row
// lands by position in a column it was not meant for.
TEST_F(Insert34Test, UnknownInsertPropertiesAreRefused) {
  ok("CREATE TABLE u (a INT, b INT) DISTRIBUTED BY HASH(a)");
  EXPECT_EQ(
      error("INSERT INTO u PROPERTIES (\"match_column_by\" = \"name\") SELECT 2 AS b, 1 AS a"),
      "Getting analyzing error. Detail message: match_column_by is invalid property.");
  EXPECT_EQ(error("INSERT INTO u PROPERTIES (\"no_such\" = \"1\") VALUES (1, 2)"),
            "Getting analyzing error. Detail message: no_such is invalid property.");
  EXPECT_EQ(error("INSERT INTO u PROPERTIES (\"strict_mode\" = \"yes\") VALUES (1, 2)"),
            "Getting analyzing error. Detail message: strict_mode is not a boolean.");
  EXPECT_EQ(error("INSERT INTO u PROPERTIES (\"timeout\" = \"soon\") VALUES (1, 2)"),
            "Getting analyzing error. Detail message: timeout is not a number..");
  EXPECT_EQ(error("INSERT INTO u PROPERTIES (\"max_filter_ratio\" = \"2\") VALUES (1, 2)"),
            "Getting analyzing error. Detail message: max_filter_ratio must between 0.0 and 1.0..");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM u"), "0");
}

// 3.4 matches columns by name with BY NAME (PR #54120, InsertAnalyzer): the query's output names
// are the column list; VALUES and two equal names are refused (ERR_DUP_FIELDNAME).
TEST_F(Insert34Test, ByNameMatchesColumnsByTheQuerysNames) {
  ok("CREATE TABLE u (a INT, b INT, c INT) DISTRIBUTED BY HASH(a)");
  OkReply r = ok("INSERT INTO u BY NAME SELECT 2 AS b, 1 AS A");
  EXPECT_EQ(r.affected_rows, 1u);
  EXPECT_EQ(scalar("SELECT CONCAT_WS(',', a, b, IFNULL(c, 'null')) FROM u"), "1,2,null");
  EXPECT_EQ(error("INSERT INTO u BY NAME VALUES (1, 2, 3)"),
            "Getting analyzing error. Detail message: Insert match column by name does not "
            "support values().");
  EXPECT_EQ(error("INSERT INTO u BY NAME SELECT 1 AS a, 2 AS A"),
            "Getting analyzing error. Detail message: Duplicate column name 'A'.");
  EXPECT_EQ(error("INSERT INTO u BY NAME SELECT 1 AS a, 2 AS z"),
            "Getting analyzing error. Detail message: Unknown column 'z' in 'u'.");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM u"), "1");
}

// PROPERTIES("strict_mode") replaces enable_insert_strict for the statement
// (InsertAnalyzer.analyzeProperties falls back to the session only when it is absent).
TEST_F(Insert34Test, StrictModePropertyOverridesTheSession) {
  make_daily();
  OkReply r = ok("INSERT INTO t PROPERTIES (\"strict_mode\" = \"false\") "
                 "VALUES ('2024-01-01', 1), ('2030-01-01', 2)");
  EXPECT_EQ(r.affected_rows, 1u);
  m_session.variables["enable_insert_strict"] = "false";
  EXPECT_NE(error("INSERT INTO t PROPERTIES (\"strict_mode\" = \"true\") "
                  "VALUES ('2024-01-02', 3), ('2030-01-01', 4)")
                .find("Insert has filtered data"),
            std::string::npos);
  EXPECT_EQ(scalar("SELECT GROUP_CONCAT(v ORDER BY dt) FROM t"), "1");
}

// PROPERTIES("timeout") is the statement's limit instead of insert_timeout (InsertAnalyzer
// .analyzeProperties; InsertInto.md "timeout"); the ERR_TIMEOUT template names its seconds.
TEST_F(Insert34Test, TimeoutPropertyReplacesInsertTimeout) {
  ok("CREATE TABLE u (k INT) DISTRIBUTED BY HASH(k)");
  m_session.variables["insert_timeout"] = "1";
  OkReply r = ok("INSERT INTO u PROPERTIES (\"timeout\" = \"60\") SELECT SLEEP(2)");
  EXPECT_EQ(r.affected_rows, 1u);
  m_session.variables["insert_timeout"] = "300";
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(error("INSERT INTO u PROPERTIES (\"timeout\" = \"1\") SELECT SLEEP(20)"),
            "Insert reached its timeout of 1 seconds, please increase the 'insert_timeout' "
            "session variable and retry");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST_F(InsertTest, KillQueryInterruptsARunningStatement) {
  // A single KILL sent after a guessed delay could land before the statement starts and be
  // lost; the killer repeats it until the statement has answered instead.
  std::atomic<bool> answered{false};
  std::thread killer([&] {
    while (!answered) {
      m_engine->kill_query(m_session.connection_id);
      std::this_thread::sleep_for(std::chrono::milliseconds(50)); // retry interval
    }
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(error("SELECT SLEEP(20)"), "Query execution was interrupted");
  answered = true;
  killer.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

} // namespace
} // namespace srsim::test
