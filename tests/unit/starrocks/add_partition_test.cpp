#include "exlschema/starrocks/partition_sql.hpp"

#include <gtest/gtest.h>

namespace {

using exl::starrocks::build_add_source_partition;
using exl::starrocks::Literal;
using exl::starrocks::PartitionBounds;
using exl::starrocks::Partitioning;
using exl::starrocks::TableRef;

PartitionBounds range(const std::string& lo, const std::string& hi) {
  PartitionBounds b;
  b.kind = PartitionBounds::Kind::Range;
  b.lower = {Literal::value(lo)};
  b.upper = {Literal::value(hi)};
  return b;
}

Partitioning automatic(const std::string& expression) {
  Partitioning p;
  p.kind = Partitioning::Kind::Expression;
  p.columns = {"ts"};
  p.expression = expression;
  return p;
}

const TableRef k_table{"", "db", "logs"};

} // namespace

TEST(AddSourcePartitionTest, RangeTablesGetASingleAddPartition) {
  Partitioning by;
  by.kind = Partitioning::Kind::Range;
  by.columns = {"dt"};
  const auto sql = build_add_source_partition(k_table, "p1", range("2024-01-01", "2024-01-02"), by);
  ASSERT_TRUE(sql.ok());
  EXPECT_EQ(*sql, "ALTER TABLE `db`.`logs` ADD PARTITION IF NOT EXISTS `p1` VALUES "
                  "[(\"2024-01-01\"), (\"2024-01-02\"))");
}

// StarRocks refuses a single range partition on an automatically partitioned table
// (PartitionDescAnalyzer): a one-step batch named by StarRocks as the source partition is.
TEST(AddSourcePartitionTest, AutomaticTablesGetAOneStepBatch) {
  const auto day = build_add_source_partition(k_table, "p20240203",
                                              range("2024-02-03 00:00:00", "2024-02-04 00:00:00"),
                                              automatic("date_trunc('day', `ts`)"));
  ASSERT_TRUE(day.ok()) << day.error().message();
  EXPECT_EQ(*day, "ALTER TABLE `db`.`logs` ADD PARTITIONS START (\"2024-02-03 00:00:00\") END "
                  "(\"2024-02-04 00:00:00\") EVERY (INTERVAL 1 day)");
  EXPECT_TRUE(build_add_source_partition(k_table, "p202402", range("2024-02-01", "2024-03-01"),
                                         automatic("date_trunc('month', `ts`)"))
                  .ok());
  EXPECT_TRUE(build_add_source_partition(k_table, "p2024", range("2024-01-01", "2025-01-01"),
                                         automatic("date_trunc('year', `ts`)"))
                  .ok());
  EXPECT_TRUE(build_add_source_partition(k_table, "p2024022923",
                                         range("2024-02-29 23:00:00", "2024-03-01 00:00:00"),
                                         automatic("time_slice(`ts`, INTERVAL 1 hour)"))
                  .ok());
  EXPECT_TRUE(build_add_source_partition(k_table, "p20241231", range("2024-12-31", "2025-01-01"),
                                         automatic("date_trunc('day', `ts`)"))
                  .ok());
}

TEST(AddSourcePartitionTest, AutomaticPartitionsThatCannotBeMadeExactlyAreRefused) {
  const auto by_day = automatic("date_trunc('day', `ts`)");
  // Another name than StarRocks gives the batch partition.
  EXPECT_FALSE(
      build_add_source_partition(k_table, "p_manual", range("2024-02-03", "2024-02-04"), by_day)
          .ok());
  // Two days, or unaligned: a batch would make two partitions, or a different one.
  EXPECT_FALSE(
      build_add_source_partition(k_table, "p20240203", range("2024-02-03", "2024-02-05"), by_day)
          .ok());
  EXPECT_FALSE(build_add_source_partition(k_table, "p20240203",
                                          range("2024-02-03 06:00:00", "2024-02-04 06:00:00"),
                                          by_day)
                   .ok());
  // A step of several units, a unit without a known name format, an uninterpreted expression.
  EXPECT_FALSE(build_add_source_partition(k_table, "p2024020300",
                                          range("2024-02-03 00:00:00", "2024-02-03 06:00:00"),
                                          automatic("time_slice(`ts`, INTERVAL 6 hour)"))
                   .ok());
  EXPECT_FALSE(build_add_source_partition(k_table, "p20240203", range("2024-02-03", "2024-02-10"),
                                          automatic("date_trunc('week', `ts`)"))
                   .ok());
  const auto other =
      build_add_source_partition(k_table, "p20240203", range("2024-02-03", "2024-02-04"),
                                 automatic("str2date(`s`, '%Y%m%d')"));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message().find("str2date"), std::string::npos);
}
