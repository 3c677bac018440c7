// SHOW CREATE TABLE output must be accepted back by CREATE TABLE and print identically: a
// migration tool replays it on the destination cluster.

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class RoundTripTest : public EngineTest {
protected:
  void expect_round_trip(const std::string& ddl) {
    ok(ddl);
    std::string first = cell(rows("SHOW CREATE TABLE t"), 0, "Create Table");
    ok("DROP TABLE t");
    ok(first);
    EXPECT_EQ(cell(rows("SHOW CREATE TABLE t"), 0, "Create Table"), first);
    ok("DROP TABLE t");
  }
};

TEST_F(RoundTripTest, RangeTableWithEveryFeature) {
  expect_round_trip(
      "CREATE TABLE t (dt DATE NOT NULL COMMENT 'day', id BIGINT NOT NULL, "
      "name VARCHAR(32) DEFAULT 'x', amount DECIMAL(20, 4), big LARGEINT, tags ARRAY<VARCHAR(8)>, "
      "doc JSON, s STRING) DUPLICATE KEY(dt, id) COMMENT 'events' "
      "PARTITION BY RANGE(dt) (PARTITION p1 VALUES LESS THAN ('2024-01-01'), "
      "PARTITION p2 VALUES [('2024-02-01'), ('2024-03-01'))) "
      "DISTRIBUTED BY HASH(id) BUCKETS 8 ORDER BY(id) "
      "PROPERTIES ('replication_num' = '1', 'dynamic_partition.enable' = 'false', "
      "'compression' = 'ZSTD')");
}

TEST_F(RoundTripTest, KeyModelsListAndExpressionTables) {
  expect_round_trip("CREATE TABLE t (k INT NOT NULL, v BIGINT SUM, m DATETIME MAX) "
                    "AGGREGATE KEY(k) DISTRIBUTED BY HASH(k)");
  expect_round_trip("CREATE TABLE t (k INT NOT NULL, v VARCHAR(10)) PRIMARY KEY(k) "
                    "DISTRIBUTED BY HASH(k) BUCKETS 4");
  expect_round_trip("CREATE TABLE t (k INT, c VARCHAR(10), d DATE) DUPLICATE KEY(k) "
                    "PARTITION BY LIST(c, d) (PARTITION pa VALUES IN (('a', '2024-01-01'), "
                    "('b', '2024-01-02'))) DISTRIBUTED BY RANDOM BUCKETS 2");
  expect_round_trip("CREATE TABLE t (ts DATETIME, v INT) DUPLICATE KEY(ts) "
                    "PARTITION BY date_trunc('month', ts) DISTRIBUTED BY RANDOM");
  expect_round_trip("CREATE TABLE t (a INT, b INT) DUPLICATE KEY(a) "
                    "PARTITION BY RANGE(a, b) (PARTITION p1 VALUES LESS THAN ('10', '5'), "
                    "PARTITION p2 VALUES LESS THAN (MAXVALUE)) DISTRIBUTED BY HASH(a) BUCKETS 1");
}

TEST_F(RoundTripTest, IndexesAutoIncrementAndEscapedComments) {
  ok(R"(CREATE TABLE t (k INT NOT NULL COMMENT 'say \"hi\" \\ bye', )"
     "id BIGINT NOT NULL AUTO_INCREMENT, u VARCHAR(10), "
     "INDEX idx_u (u) USING BITMAP COMMENT 'bitmap on u') PRIMARY KEY(k) "
     R"(COMMENT 'a \"table\"' DISTRIBUTED BY HASH(k) BUCKETS 1)");
  std::string ddl = cell(rows("SHOW CREATE TABLE t"), 0, "Create Table");
  EXPECT_NE(ddl.find(R"(  `k` int(11) NOT NULL COMMENT "say \"hi\" \\ bye",)"), std::string::npos)
      << ddl;
  EXPECT_NE(ddl.find("  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT \"\",\n"),
            std::string::npos)
      << ddl;
  EXPECT_NE(ddl.find(",\n  INDEX idx_u (`u`) USING BITMAP COMMENT 'bitmap on u'\n) ENGINE=OLAP "),
            std::string::npos)
      << ddl;
  EXPECT_NE(ddl.find(R"(COMMENT "a \"table\"")"), std::string::npos) << ddl;
  ok("INSERT INTO t (k, u) VALUES (1, 'a'), (2, 'b')");
  EXPECT_EQ(scalar("SELECT COUNT(DISTINCT id) FROM t"), "2");
  ok("DROP TABLE t");
  ok(ddl);
  EXPECT_EQ(cell(rows("SHOW CREATE TABLE t"), 0, "Create Table"), ddl);
}

TEST_F(RoundTripTest, ViewAndMaterializedViewTextsReplay) {
  ok("CREATE TABLE base (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  ok("INSERT INTO base VALUES (1, 2), (1, 3)");
  ok("CREATE VIEW v AS SELECT k, SUM(v) AS s FROM base GROUP BY k");
  ok("CREATE MATERIALIZED VIEW mv DISTRIBUTED BY HASH(k) BUCKETS 2 REFRESH ASYNC "
     "AS SELECT k, SUM(v) AS s FROM base GROUP BY k");
  std::string view = cell(rows("SHOW CREATE VIEW v"), 0, "Create View");
  std::string mv = cell(rows("SHOW CREATE MATERIALIZED VIEW mv"), 0, "Create Materialized View");
  ok("DROP VIEW v");
  ok("DROP MATERIALIZED VIEW mv");
  ok(view);
  ok(mv);
  EXPECT_EQ(cell(rows("SHOW CREATE VIEW v"), 0, "Create View"), view);
  EXPECT_EQ(cell(rows("SHOW CREATE MATERIALIZED VIEW mv"), 0, "Create Materialized View"), mv);
  EXPECT_EQ(scalar("SELECT s FROM mv"), "5");
}

class OldPrintTest : public RoundTripTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 1, 11}; }
};

TEST_F(OldPrintTest, ExpressionPartitionsPrintAsRangeBefore32) {
  ok("CREATE TABLE e (ts DATETIME, v INT) DUPLICATE KEY(ts) "
     "PARTITION BY date_trunc('day', ts) DISTRIBUTED BY RANDOM");
  std::string ddl = cell(rows("SHOW CREATE TABLE e"), 0, "Create Table");
  EXPECT_NE(ddl.find("\nPARTITION BY RANGE(date_trunc('day', ts))\n()\n"), std::string::npos)
      << ddl;
  expect_round_trip("CREATE TABLE t (ts DATETIME, v INT) DUPLICATE KEY(ts) "
                    "PARTITION BY RANGE(date_trunc('day', ts)) () DISTRIBUTED BY RANDOM");
}

} // namespace
} // namespace srsim::test
