#include "exlschema/starrocks/partition_info.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

// Column lists of SHOW PARTITIONS (src PartitionsProcDir.java, reference §2).
const std::vector<std::string> k_range_columns = {"PartitionId",
                                                  "PartitionName",
                                                  "VisibleVersion",
                                                  "VisibleVersionTime",
                                                  "VisibleVersionHash",
                                                  "State",
                                                  "PartitionKey",
                                                  "Range",
                                                  "DistributionKey",
                                                  "Buckets",
                                                  "ReplicationNum",
                                                  "StorageMedium",
                                                  "CooldownTime",
                                                  "LastConsistencyCheckTime",
                                                  "DataSize",
                                                  "IsInMemory",
                                                  "RowCount"};

const std::vector<std::string> k_shared_data_columns = {
    "PartitionId",     "PartitionName", "CompactVersion",
    "VisibleVersion",  "NextVersion",   "State",
    "PartitionKey",    "List",          "DistributionKey",
    "Buckets",         "DataSize",      "RowCount",
    "EnableDataCache", "AsyncWrite",    "AvgCS",
    "P50CS",           "MaxCS"};

ResultRow range_row(std::string name, std::string cell, std::string size, std::string rows) {
  return {"10001", name, "3",   "2024-01-02 10:00:00", "0",    "NORMAL", "dt",    cell, "dt",
          "8",     "3",  "HDD", "9999-12-31 23:59:59", "NULL", size,     "false", rows};
}

TEST(PartitionParserTest, ParsesRangeRowsWithBothSeparators) {
  std::vector<ResultRow> rows = {
      range_row("p1", "[types: [DATE]; keys: [0000-01-01]; ..types: [DATE]; keys: [2020-01-01]; )",
                "2.5KB", "12"),
      range_row("p2",
                "[types: [DATE]; keys: [2020-01-01]; \u2025types: [DATE]; keys: [MAXVALUE]; )",
                "0B", "0")};
  Result<std::vector<PartitionInfo>> parsed = parse_show_partitions(k_range_columns, rows);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const PartitionInfo& p1 = parsed.value()[0];
  EXPECT_EQ(p1.name, "p1");
  EXPECT_EQ(p1.id, 10001);
  EXPECT_EQ(p1.visible_version, 3);
  EXPECT_EQ(p1.buckets, 8);
  EXPECT_EQ(p1.replication_num, 3);
  EXPECT_EQ(p1.data_size_bytes, 2560U);
  EXPECT_EQ(p1.row_count, 12);
  EXPECT_EQ(p1.key_columns, std::vector<std::string>{"dt"});
  EXPECT_EQ(p1.bounds.kind, PartitionBounds::Kind::Range);
  EXPECT_EQ(p1.bounds.lower, Tuple{Literal::value("0000-01-01")});
  EXPECT_EQ(p1.bounds.upper, Tuple{Literal::value("2020-01-01")});
  EXPECT_EQ(parsed.value()[1].bounds.upper, Tuple{Literal::max_value()});
}

TEST(PartitionParserTest, ParsesMultiColumnRangeCell) {
  Result<PartitionBounds> bounds = parse_range_cell(
      "[types: [DATE, INT]; keys: [2020-01-01, -5]; ..types: [DATE, INT]; keys: [2020-02-01, "
      "MAXVALUE]; )");
  ASSERT_TRUE(bounds.ok()) << bounds.error().message();
  EXPECT_EQ(bounds->lower, (Tuple{Literal::value("2020-01-01"), Literal::value("-5")}));
  EXPECT_EQ(bounds->upper, (Tuple{Literal::value("2020-02-01"), Literal::max_value()}));
}

TEST(PartitionParserTest, KeepsDatetimeKeysWithSpaces) {
  Result<PartitionBounds> bounds =
      parse_range_cell("[types: [DATETIME]; keys: [2024-01-01 00:00:00]; ..types: [DATETIME]; "
                       "keys: [2024-01-02 00:00:00]; )");
  ASSERT_TRUE(bounds.ok());
  EXPECT_EQ(bounds->upper, Tuple{Literal::value("2024-01-02 00:00:00")});
}

TEST(PartitionParserTest, ParsesSharedDataListRows) {
  ResultRow row = {
      "2001", "pLA", "1",        "4", "5",    "NORMAL", "city", "('Los Angeles', 'San Diego')",
      "id",   "8",   "1.400 KB", "7", "true", "false",  "0.00", "0.00",
      "0.00"};
  Result<PartitionInfo> info = parse_partition_row(k_shared_data_columns, row);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->visible_version, 4);
  EXPECT_EQ(info->replication_num, std::nullopt);
  EXPECT_EQ(info->data_size_bytes, 1434U);
  EXPECT_EQ(info->bounds.kind, PartitionBounds::Kind::List);
  EXPECT_EQ(info->bounds.values,
            (std::vector<Tuple>{{Literal::value("Los Angeles")}, {Literal::value("San Diego")}}));
}

TEST(PartitionParserTest, ParsesMultiColumnListCell) {
  Result<PartitionBounds> bounds =
      parse_list_cell("(('2022-04-01', 'Houston'), ('2022-04-02', 'LA'))");
  ASSERT_TRUE(bounds.ok());
  ASSERT_EQ(bounds->values.size(), 2U);
  EXPECT_EQ(bounds->values[1], (Tuple{Literal::value("2022-04-02"), Literal::value("LA")}));
}

TEST(PartitionParserTest, UnpartitionedTableIsOnePartitionWithoutBounds) {
  ResultRow row = range_row("orders", "", "4KB", "100");
  row[6] = "";
  Result<PartitionInfo> info = parse_partition_row(k_range_columns, row);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->name, "orders");
  EXPECT_EQ(info->bounds.kind, PartitionBounds::Kind::None);
  EXPECT_EQ(info->data_size_bytes, 4096U);
}

// A row of a partitioned table needs both its PartitionKey and its bounds; half of it would
// otherwise pass for the whole table.
TEST(PartitionParserTest, RefusesARowWithOnlyHalfOfKeyAndBounds) {
  ResultRow no_key =
      range_row("p1", "[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]; )",
                "1KB", "1");
  no_key[6] = "";
  Result<PartitionInfo> info = parse_partition_row(k_range_columns, no_key);
  ASSERT_FALSE(info.ok());
  EXPECT_NE(info.error().message().find("p1"), std::string::npos) << info.error().message();
  ResultRow no_bounds = range_row("p1", "", "1KB", "1");
  EXPECT_FALSE(parse_partition_row(k_range_columns, no_bounds).ok());
  no_bounds[7] = std::nullopt;
  EXPECT_FALSE(parse_partition_row(k_range_columns, no_bounds).ok());
}

// Only an unpartitioned table's one partition has no key; several such rows would each select
// the whole table.
TEST(PartitionParserTest, RefusesSeveralPartitionsWithoutKeys) {
  ResultRow one = range_row("p1", "", "1KB", "1");
  ResultRow two = range_row("p2", "", "1KB", "1");
  one[6] = "";
  two[6] = "";
  Result<std::vector<PartitionInfo>> rows = parse_show_partitions(k_range_columns, {one, two});
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.error().message().find("p1"), std::string::npos) << rows.error().message();
  Result<std::vector<PartitionInfo>> single = parse_show_partitions(k_range_columns, {one});
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->at(0).bounds.kind, PartitionBounds::Kind::None);
  ResultRow keyed =
      range_row("p3", "[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]; )",
                "1KB", "1");
  EXPECT_FALSE(parse_show_partitions(k_range_columns, {keyed, one}).ok());
}

TEST(PartitionParserTest, ReadsPartitionsMetaColumns) {
  std::vector<std::string> columns = {"DB_NAME",         "TABLE_NAME",      "PARTITION_NAME",
                                      "PARTITION_ID",    "VISIBLE_VERSION", "PARTITION_KEY",
                                      "PARTITION_VALUE", "BUCKETS",         "REPLICATION_NUM",
                                      "DATA_SIZE",       "ROW_COUNT"};
  ResultRow row = {"db",
                   "t",
                   "p1",
                   "7",
                   "2",
                   "dt",
                   "[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]; )",
                   "4",
                   "1",
                   "123456",
                   "99"};
  Result<PartitionInfo> info = parse_partition_row(columns, row);
  ASSERT_TRUE(info.ok()) << info.error().message();
  EXPECT_EQ(info->data_size_bytes, 123456U);
  EXPECT_EQ(info->row_count, 99);
  EXPECT_EQ(info->bounds.lower, Tuple{Literal::value("2020-01-01")});
}

TEST(PartitionParserTest, RejectsMalformedCellsWithAReason) {
  const char* bad_cells[] = {
      "",
      "[types: [DATE]; keys: [2020-01-01]; )",
      "[types: [DATE]; keys: [2020-01-01]; ..types: [DATE]; keys: [2020-02-01]",
      "[keys: [1]; ..keys: [2]; )",
      "[types: [DATE, INT]; keys: [a, b, c]; ..types: [DATE, INT]; keys: [d, e]; )",
      "[types: [INT]; keys: [1]; ..types: [INT, INT]; keys: [2, 3]; )",
  };
  for (const char* cell : bad_cells) {
    Result<PartitionBounds> bounds = parse_range_cell(cell);
    EXPECT_FALSE(bounds.ok()) << cell;
    if (!bounds.ok()) {
      EXPECT_FALSE(bounds.error().expected.empty());
    }
  }
  EXPECT_FALSE(parse_list_cell("('a', ").ok());
  EXPECT_FALSE(parse_list_cell("('a') trailing").ok());
  ResultRow row = range_row("p1", "[garbage)", "1KB", "1");
  Result<std::vector<PartitionInfo>> rows = parse_show_partitions(k_range_columns, {row});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().expected.rfind("row 0: ", 0), 0U);
}

struct SizeCase {
  const char* text;
  std::uint64_t bytes;
};

TEST(DataSizeTest, ParsesEveryPrintedForm) {
  const SizeCase cases[] = {{"0B", 0},
                            {"2.5KB", 2560},
                            {"4KB", 4096},
                            {"1.400 KB", 1434},
                            {"900.000 B", 900},
                            {"10.000MB", 10485760},
                            {"1024.000 GB", 1099511627776ULL},
                            {"1 TB", 1099511627776ULL},
                            {"123456", 123456},
                            {"3.000 bytes", 3},
                            {"1.5 gb", 1610612736}};
  for (const SizeCase& c : cases) {
    Result<std::uint64_t> bytes = parse_data_size(c.text);
    ASSERT_TRUE(bytes.ok()) << c.text << ": " << bytes.error().message();
    EXPECT_EQ(bytes.value(), c.bytes) << c.text;
  }
}

TEST(DataSizeTest, RejectsNonsense) {
  for (const char* text : {"", "KB", "1.2.3KB", "12 furlongs", ".", "99999999999 EB"}) {
    EXPECT_FALSE(parse_data_size(text).ok()) << text;
  }
}

} // namespace
} // namespace exl::starrocks
