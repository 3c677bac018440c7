// ALTER TABLE ADD/DROP PARTITION and SHOW PARTITIONS (starrocks-surface.md §2, §3).

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class PartitionsTest : public EngineTest {
protected:
  void make_daily() {
    ok("CREATE TABLE t (dt DATE, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p20240101 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p20240102 VALUES [('2024-01-02'), ('2024-01-03'))) "
       "DISTRIBUTED BY HASH(dt) BUCKETS 4");
  }
  std::vector<std::string> names(const std::string& table) {
    std::vector<std::string> out;
    for (const auto& r : rows("SHOW PARTITIONS FROM " + table).rows)
      out.push_back(*r[1]);
    return out;
  }
};

TEST_F(PartitionsTest, ShowPartitionsHasTheSeventeenColumns) {
  make_daily();
  ResultSet rs = rows("SHOW PARTITIONS FROM t");
  EXPECT_EQ(rs.columns,
            (std::vector<std::string>{
                "PartitionId", "PartitionName", "VisibleVersion", "VisibleVersionTime",
                "VisibleVersionHash", "State", "PartitionKey", "Range", "DistributionKey",
                "Buckets", "ReplicationNum", "StorageMedium", "CooldownTime",
                "LastConsistencyCheckTime", "DataSize", "IsInMemory", "RowCount"}));
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "p20240101");
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "1");
  EXPECT_EQ(cell(rs, 0, "Range"),
            "[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-01-02]; )");
  EXPECT_EQ(cell(rs, 0, "DistributionKey"), "dt");
  EXPECT_EQ(cell(rs, 0, "Buckets"), "4");
  EXPECT_EQ(cell(rs, 0, "DataSize"), "0B");
  EXPECT_EQ(cell(rs, 0, "RowCount"), "0");
  EXPECT_EQ(cell(rs, 0, "CooldownTime"), "9999-12-31 23:59:59");
  ResultSet one = rows("SHOW PARTITIONS FROM t WHERE PartitionName = 'p20240102'");
  ASSERT_EQ(one.rows.size(), 1u);
  EXPECT_EQ(error("SHOW PARTITIONS FROM t WHERE nope = 1"), "Incorrect column name 'nope'");
}

TEST_F(PartitionsTest, UnpartitionedTableHasOnePartitionNamedLikeIt) {
  ok("CREATE TABLE u (k INT) DUPLICATE KEY(k) DISTRIBUTED BY RANDOM");
  ResultSet rs = rows("SHOW PARTITIONS FROM u");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(cell(rs, 0, "PartitionName"), "u");
  EXPECT_EQ(cell(rs, 0, "DistributionKey"), "ALL KEY");
}

TEST_F(PartitionsTest, AddPartitionVariants) {
  make_daily();
  ok("ALTER TABLE t ADD PARTITION p20240110 VALUES [('2024-01-10'), ('2024-01-11'))");
  ok("ALTER TABLE t ADD PARTITIONS START ('2024-01-03') END ('2024-01-06') EVERY (INTERVAL 1 DAY)");
  ok("ALTER TABLE t ADD PARTITION pmax VALUES LESS THAN (MAXVALUE)");
  EXPECT_EQ(names("t"), (std::vector<std::string>{"p20240101", "p20240102", "p20240103",
                                                  "p20240104", "p20240105", "p20240110", "pmax"}));
  ResultSet rs = rows("SHOW PARTITIONS FROM t WHERE PartitionName = 'pmax'");
  EXPECT_EQ(cell(rs, 0, "Range"),
            "[types: [DATE]; keys: [2024-01-11]; ..types: [DATE]; keys: [MAXVALUE]; )");
  // Rows go where the ranges say; the gap 01-06..01-10 has no partition.
  ok("INSERT INTO t VALUES ('2024-01-04', 1), ('2030-01-01', 2)");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "2");
  EXPECT_NE(error("INSERT INTO t VALUES ('2024-01-07', 3)").find("Insert has filtered data"),
            std::string::npos);
  ok("ALTER TABLE t ADD PARTITION IF NOT EXISTS p20240110 VALUES [('2024-01-10'), "
     "('2024-01-11'))");
}

TEST_F(PartitionsTest, AddPartitionErrors) {
  make_daily();
  EXPECT_EQ(error("ALTER TABLE t ADD PARTITION p20240101 VALUES [('2024-02-01'), ('2024-02-02'))"),
            "Getting analyzing error. Detail message: Duplicate partition name p20240101.");
  EXPECT_EQ(error("ALTER TABLE t ADD PARTITION px VALUES [('2024-02-05'), ('2024-02-01'))"),
            "Getting analyzing error. Detail message: Invalid range value format: The lower "
            "values must smaller than upper values.");
  EXPECT_NE(error("ALTER TABLE t ADD PARTITION px VALUES [('2024-01-01'), ('2024-01-05'))")
                .find("is intersected with range"),
            std::string::npos);
}

TEST_F(PartitionsTest, IntegerBatchAndLessThan) {
  ok("CREATE TABLE n (id BIGINT, v INT) DUPLICATE KEY(id) PARTITION BY RANGE(id) "
     "(PARTITION p0 VALUES LESS THAN ('10')) DISTRIBUTED BY HASH(id) BUCKETS 1");
  ok("ALTER TABLE n ADD PARTITIONS START ('10') END ('30') EVERY (10)");
  ok("ALTER TABLE n ADD PARTITION p3 VALUES LESS THAN ('40')");
  ResultSet rs = rows("SHOW PARTITIONS FROM n");
  ASSERT_EQ(rs.rows.size(), 4u);
  EXPECT_EQ(cell(rs, 0, "Range"), "[types: [BIGINT]; keys: [-9223372036854775808]; ..types: "
                                  "[BIGINT]; keys: [10]; )");
  EXPECT_EQ(cell(rs, 1, "PartitionName"), "p10");
  EXPECT_EQ(cell(rs, 3, "Range"), "[types: [BIGINT]; keys: [30]; ..types: [BIGINT]; keys: [40]; )");
  ok("INSERT INTO n VALUES (-5, 1), (15, 1), (39, 1)");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM n"), "3");
}

TEST_F(PartitionsTest, DropPartitionDeletesItsRowsAndLeavesAHole) {
  make_daily();
  ok("ALTER TABLE t ADD PARTITION p20240103 VALUES [('2024-01-03'), ('2024-01-04'))");
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2), ('2024-01-03', 3)");
  ok("ALTER TABLE t DROP PARTITION p20240102 FORCE");
  EXPECT_EQ(names("t"), (std::vector<std::string>{"p20240101", "p20240103"}));
  EXPECT_EQ(scalar("SELECT SUM(v) FROM t"), "4");
  EXPECT_NE(error("INSERT INTO t VALUES ('2024-01-02', 9)").find("Insert has filtered data"),
            std::string::npos);
  // ErrorCode.ERR_DROP_PARTITION_NON_EXISTENT (1507) from LocalMetastore.dropPartition; before
  // 3.4 the one name fills "%s" (the default simulated release is 3.3).
  Reply missing = run("ALTER TABLE t DROP PARTITION nope");
  ASSERT_TRUE(std::holds_alternative<ErrorReply>(missing));
  EXPECT_EQ(std::get<ErrorReply>(missing).code, 1507);
  EXPECT_EQ(std::get<ErrorReply>(missing).message, "Error in list of partitions to nope");
  ok("ALTER TABLE t DROP PARTITION IF EXISTS nope");
  ok("ALTER TABLE t DROP PARTITION p20240103");
  EXPECT_EQ(error("ALTER TABLE t DROP PARTITION p20240101"),
            "Cannot remove all partitions, use DROP TABLE instead");
  // Re-adding the dropped range works (the hole became a gap partition in MariaDB).
  ok("ALTER TABLE t ADD PARTITION p20240102 VALUES [('2024-01-02'), ('2024-01-03'))");
  ok("INSERT INTO t VALUES ('2024-01-02', 5)");
  EXPECT_EQ(scalar("SELECT SUM(v) FROM t"), "6");
}

TEST_F(PartitionsTest, ListPartitionsAddDropAndShow) {
  ok("CREATE TABLE l (id INT, city VARCHAR(20)) DUPLICATE KEY(id) "
     "PARTITION BY LIST(city) (PARTITION pLA VALUES IN ('LA', 'SD')) DISTRIBUTED BY HASH(id)");
  ok("ALTER TABLE l ADD PARTITION pNY VALUES IN ('NY')");
  ResultSet rs = rows("SHOW PARTITIONS FROM l");
  ASSERT_EQ(rs.columns[7], "List");
  EXPECT_EQ(cell(rs, 0, "List"), "('LA', 'SD')");
  ok("INSERT INTO l VALUES (1, 'NY'), (2, 'LA')");
  EXPECT_NE(error("INSERT INTO l VALUES (3, 'SF')").find("Insert has filtered data"),
            std::string::npos);
  ok("ALTER TABLE l DROP PARTITION pNY");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM l"), "1");
}

TEST_F(PartitionsTest, TruncatePartitionEmptiesOnlyIt) {
  make_daily();
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-02', 2)");
  ok("TRUNCATE TABLE t PARTITION (p20240101)");
  EXPECT_EQ(scalar("SELECT SUM(v) FROM t"), "2");
  ResultSet rs = rows("SHOW PARTITIONS FROM t");
  EXPECT_EQ(cell(rs, 0, "VisibleVersion"), "1");
  EXPECT_EQ(cell(rs, 1, "VisibleVersion"), "2");
  ok("TRUNCATE TABLE t");
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM t"), "0");
}

class Partitions34Test : public PartitionsTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 4, 0}; }
};

// 3.4: DROP PARTITIONS START .. END .. EVERY drops the partitions ADD PARTITIONS would name
// (AlterTableClauseAnalyzer.visitDropPartitionClause); missing ones are refused as a list
// ("Error in list of partitions to [..]", LocalMetastore.dropPartition) unless IF EXISTS.
TEST_F(Partitions34Test, DropPartitionsByRange) {
  make_daily();
  ok("ALTER TABLE t ADD PARTITIONS START ('2024-01-03') END ('2024-01-06') EVERY (INTERVAL 1 DAY)");
  ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-03', 3), ('2024-01-04', 4)");
  ok("ALTER TABLE t DROP PARTITIONS START ('2024-01-03') END ('2024-01-05') EVERY (INTERVAL 1 "
     "DAY)");
  EXPECT_EQ(names("t"), (std::vector<std::string>{"p20240101", "p20240102", "p20240105"}));
  EXPECT_EQ(scalar("SELECT SUM(v) FROM t"), "1");
  Reply missing = run("ALTER TABLE t DROP PARTITIONS START ('2024-01-04') END ('2024-01-06') EVERY "
                      "(INTERVAL 1 DAY)");
  ASSERT_TRUE(std::holds_alternative<ErrorReply>(missing));
  EXPECT_EQ(std::get<ErrorReply>(missing).code, 1507);
  EXPECT_EQ(std::get<ErrorReply>(missing).message, "Error in list of partitions to [p20240104]");
  EXPECT_EQ(names("t"), (std::vector<std::string>{"p20240101", "p20240102", "p20240105"}));
  ok("ALTER TABLE t DROP PARTITIONS IF EXISTS START ('2024-01-04') END ('2024-01-06') "
     "EVERY (INTERVAL 1 DAY)");
  EXPECT_EQ(names("t"), (std::vector<std::string>{"p20240101", "p20240102"}));
  ok("ALTER TABLE t DROP PARTITION IF EXISTS nope");
  EXPECT_EQ(error("ALTER TABLE t DROP PARTITION nope"), "Error in list of partitions to [nope]");
}

// PartitionDescAnalyzer.analyzePartitionDescWithExistsTable / checkManualAddPartitionDateAligned:
// an automatically partitioned table takes only whole-unit batches of step 1 in its own unit.
TEST_F(PartitionsTest, ManualPartitionsOnAnAutomaticTable) {
  ok("CREATE TABLE e (dt DATETIME, v INT) DUPLICATE KEY(dt) "
     "PARTITION BY date_trunc('day', dt) DISTRIBUTED BY RANDOM");
  const std::string pre = "Getting analyzing error. Detail message: ";
  EXPECT_EQ(error("ALTER TABLE e ADD PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02'))"),
            pre + "Currently, you cannot manually add a single range partition to a table that "
                  "is automatically partition.");
  EXPECT_EQ(error("ALTER TABLE e ADD PARTITIONS START ('2024-01-01') END ('2024-01-05') "
                  "EVERY (INTERVAL 2 DAY)"),
            pre + "The step of the auto-partitioned table should be 1.");
  EXPECT_EQ(error("ALTER TABLE e ADD PARTITIONS START ('2024-01-01 10:00:00') "
                  "END ('2024-01-03 00:00:00') EVERY (INTERVAL 1 DAY)"),
            pre + "Batch build partition range [2024-01-01 10:00:00,2024-01-03 00:00:00) should "
                  "be a standard unit of time (DAY) . suggest range [2024-01-01 00:00:00,"
                  "2024-01-03 00:00:00)If you want to create partial partitions in batch, you can "
                  "turn off this check by setting the FE config "
                  "enable_create_partial_partition_in_batch=true.");
  EXPECT_TRUE(names("e").empty());
  ok("ALTER TABLE e ADD PARTITIONS START ('2024-01-01') END ('2024-01-03') EVERY (INTERVAL 1 DAY)");
  EXPECT_EQ(names("e"), (std::vector<std::string>{"p20240101", "p20240102"}));
  // Each partition of a batch is IF NOT EXISTS (MultiRangePartitionDesc): a batch over existing
  // partitions adds only the missing ones, and the batch form takes no IF NOT EXISTS itself.
  ok("ALTER TABLE e ADD PARTITIONS START ('2024-01-02') END ('2024-01-04') EVERY (INTERVAL 1 DAY)");
  EXPECT_EQ(names("e"), (std::vector<std::string>{"p20240101", "p20240102", "p20240103"}));
  EXPECT_EQ(error("ALTER TABLE e ADD PARTITIONS IF NOT EXISTS START ('2024-01-05') "
                  "END ('2024-01-06') EVERY (INTERVAL 1 DAY)")
                .rfind("Getting syntax error", 0),
            0u);
}

} // namespace
} // namespace srsim::test
