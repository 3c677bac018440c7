// information_schema tables StarRocks fills itself: partitions_meta (§2), tables, columns (§8).

#include "engine_test_support.hpp"

namespace srsim::test {
namespace {

class InfoSchemaTest : public EngineTest {
protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (!m_engine)
      return;
    ok("CREATE TABLE t (dt DATE NOT NULL, v INT COMMENT 'value') DUPLICATE KEY(dt) "
       "PARTITION BY RANGE(dt) (PARTITION p1 VALUES [('2024-01-01'), ('2024-01-02')), "
       "PARTITION p2 VALUES [('2024-01-02'), ('2024-01-03'))) DISTRIBUTED BY HASH(dt) BUCKETS 3 "
       "PROPERTIES ('replication_num' = '1')");
    ok("INSERT INTO t VALUES ('2024-01-01', 1), ('2024-01-01', 2)");
  }
};

TEST_F(InfoSchemaTest, PartitionsMetaAnswersSelectStarAndSubsets) {
  ResultSet all = rows("SELECT * FROM information_schema.partitions_meta WHERE DB_NAME = '" + m_db +
                       "' AND TABLE_NAME = 't' ORDER BY PARTITION_NAME");
  ASSERT_EQ(all.columns.size(), 30u);
  EXPECT_EQ(all.columns[0], "DB_NAME");
  EXPECT_EQ(all.columns[29], "METADATA_SWITCH_VERSION");
  ASSERT_EQ(all.rows.size(), 2u);
  EXPECT_EQ(cell(all, 0, "PARTITION_NAME"), "p1");
  EXPECT_EQ(cell(all, 0, "VISIBLE_VERSION"), "2");
  EXPECT_EQ(cell(all, 1, "VISIBLE_VERSION"), "1");
  EXPECT_EQ(cell(all, 0, "ROW_COUNT"), "2");
  EXPECT_EQ(cell(all, 0, "PARTITION_VALUE"),
            "[types: [DATE]; keys: [2024-01-01]; ..types: [DATE]; keys: [2024-01-02]; )");
  EXPECT_EQ(cell(all, 0, "BUCKETS"), "3");
  ResultSet subset = rows("SELECT PARTITION_NAME, VISIBLE_VERSION FROM "
                          "information_schema.partitions_meta WHERE DB_NAME = '" +
                          m_db + "' AND VISIBLE_VERSION > 1");
  ASSERT_EQ(subset.rows.size(), 1u);
  EXPECT_EQ(subset.rows[0][0], "p1");
}

TEST_F(InfoSchemaTest, PartitionsTableIsAlwaysEmpty) {
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM information_schema.partitions WHERE TABLE_SCHEMA = '" +
                   m_db + "'"),
            "0");
}

class OldInfoSchemaTest : public EngineTest {
  void configure(ClusterConfig& c) override { c.version = Version{3, 2, 9}; }
};

TEST_F(OldInfoSchemaTest, PartitionsMetaNeedsVersion33) {
  EXPECT_NE(error("SELECT * FROM information_schema.partitions_meta").find("Unknown table"),
            std::string::npos);
}

TEST_F(InfoSchemaTest, TablesReportRowsAndStarRocksEngine) {
  ok("CREATE VIEW v AS SELECT * FROM t");
  ResultSet rs = rows("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS FROM "
                      "information_schema.tables WHERE TABLE_SCHEMA = '" +
                      m_db + "' ORDER BY TABLE_NAME");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"t", "BASE TABLE", "StarRocks", "2"}));
  EXPECT_EQ(rs.rows[1][1], "VIEW");
}

TEST_F(InfoSchemaTest, ColumnsShowStarRocksTypes) {
  ResultSet rs = rows("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY, "
                      "COLUMN_COMMENT FROM information_schema.columns WHERE TABLE_SCHEMA = '" +
                      m_db + "' AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0], (Row{"dt", "date", "date", "NO", "DUP", ""}));
  EXPECT_EQ(rs.rows[1], (Row{"v", "int", "int(11)", "YES", "", "value"}));
}

} // namespace
} // namespace srsim::test
