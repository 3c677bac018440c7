// The auditor's count of some partitions only (cheap rounds, -p): the same CASE statement, with a
// WHERE that keeps only those partitions' rows so that StarRocks prunes the others.
#include "exlschema/starrocks/partition_predicate.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

PartitionColumn date_column(std::string name) {
  return {std::move(name), ColumnType{"date", {}, {}, {}}, false};
}

PartitionBounds day(const std::string& from, const std::string& to) {
  return {PartitionBounds::Kind::Range, {Literal::value(from)}, {Literal::value(to)}, {}};
}

TEST(AuditSubsetQueryTest, TwoPartitionsAreCountedWithTheirRowsOnly) {
  const std::vector<PartitionColumn> dt = {date_column("dt")};
  const std::vector<NamedBounds> parts = {{"p1", day("2024-01-01", "2024-01-02")},
                                          {"p3", day("2024-01-03", "2024-01-04")}};
  const auto sql = build_partition_subset_count_queries({"", "db", "t"}, dt, parts).value();
  ASSERT_EQ(sql.size(), 1U);
  EXPECT_EQ(sql[0],
            "SELECT exl_partition, COUNT(*) AS exl_rows FROM (SELECT CASE WHEN `dt` >= "
            "\"2024-01-01\" AND `dt` < \"2024-01-02\" THEN \"p1\" WHEN `dt` >= \"2024-01-03\" AND "
            "`dt` < \"2024-01-04\" THEN \"p3\" END AS exl_partition FROM `db`.`t` WHERE ((`dt` >= "
            "\"2024-01-01\" AND `dt` < \"2024-01-02\") OR (`dt` >= \"2024-01-03\" AND `dt` < "
            "\"2024-01-04\"))) AS exl_audit GROUP BY exl_partition");
}

TEST(AuditSubsetQueryTest, OnePartitionAndTheOperatorsFilter) {
  const std::vector<PartitionColumn> dt = {date_column("dt")};
  const auto sql = build_partition_subset_count_queries(
                       {"", "db", "t"}, dt, {{"p1", day("2024-01-01", "2024-01-02")}}, "`v` > 0")
                       .value();
  ASSERT_EQ(sql.size(), 1U);
  EXPECT_EQ(sql[0], "SELECT exl_partition, COUNT(*) AS exl_rows FROM (SELECT CASE WHEN `dt` >= "
                    "\"2024-01-01\" AND `dt` < \"2024-01-02\" THEN \"p1\" END AS exl_partition "
                    "FROM `db`.`t` WHERE ((`v` > 0) AND (`dt` >= \"2024-01-01\" AND `dt` < "
                    "\"2024-01-02\"))) AS exl_audit GROUP BY exl_partition");
}

TEST(AuditSubsetQueryTest, TheSinglePartitionOfAnUnpartitionedTableNeedsNoFilter) {
  const auto sql =
      build_partition_subset_count_queries({"", "db", "orders"}, {}, {{"orders", {}}}).value();
  ASSERT_EQ(sql.size(), 1U);
  EXPECT_EQ(sql[0], "SELECT \"orders\" AS exl_partition, COUNT(*) AS exl_rows FROM `db`.`orders`");
}

TEST(AuditSubsetQueryTest, AnyPartitionPredicate) {
  const std::vector<PartitionColumn> city = {{"city", ColumnType{"varchar", {32}, {}, {}}, true}};
  const PartitionBounds la{PartitionBounds::Kind::List, {}, {}, {{Literal::value("LA")}}};
  const PartitionBounds sf{PartitionBounds::Kind::List, {}, {}, {{Literal::value("SF")}}};
  EXPECT_EQ(any_partition_predicate(city, {{"pla", la}, {"psf", sf}}).value(),
            "(`city` = \"LA\") OR (`city` = \"SF\")");
  EXPECT_EQ(any_partition_predicate(city, {}).value(), "FALSE");
  EXPECT_EQ(any_partition_predicate({}, {{"t", {}}}).value(), "TRUE");
}

// A partition whose predicate cannot be exact refuses the statement and is named.
TEST(AuditSubsetQueryTest, RefusesAndNamesAPartitionWithoutExactPredicate) {
  const std::vector<PartitionColumn> dt = {date_column("dt")};
  const PartitionBounds two_columns{PartitionBounds::Kind::Range,
                                    {Literal::value("2024-01-01"), Literal::value("1")},
                                    {Literal::value("2024-01-02"), Literal::value("1")},
                                    {}};
  const auto sql = build_partition_subset_count_queries({"", "db", "t"}, dt, {{"p9", two_columns}});
  ASSERT_FALSE(sql.ok());
  EXPECT_NE(sql.error().expected.find("partition p9"), std::string::npos);
}

} // namespace
} // namespace exl::starrocks
