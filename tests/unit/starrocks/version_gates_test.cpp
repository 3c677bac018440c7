// unsupported_on: the feature rows of version.hpp applied to a table model (first releases from
// StarRocks docs CREATE_TABLE.md, list_partitioning.md, expression_partitioning.md).
#include "ddl_samples.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/version_gates.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

TableModel gated_sample(std::string_view text) {
  Result<TableModel> t = parse_create_table(text);
  EXPECT_TRUE(t.ok());
  return t.ok() ? t.value() : TableModel{};
}

std::string gate(const TableModel& table, std::string_view version) {
  return unsupported_on(table, parse_version(version)).value_or("");
}

TEST(VersionGatesTest, EverySampleIsCreatableOnANewRelease) {
  for (std::string_view text : test::all_table_samples()) {
    EXPECT_EQ(gate(gated_sample(text), "3.5.0 abc"), "") << text;
  }
}

TEST(VersionGatesTest, NamesWhereTheReleaseAndTheFeature) {
  EXPECT_EQ(gate(gated_sample(test::k_primary_list), "2.5.22 x"),
            "column `id`: the target runs 2.5.22, which has no AUTO_INCREMENT (from 3.0)");
  EXPECT_EQ(gate(gated_sample(test::k_expr_bare), "2.5.22 x"),
            "PARTITION BY date_trunc('day', `dt`): the target runs 2.5.22, which has no "
            "expression partitioning (from 3.0)");
  EXPECT_EQ(gate(gated_sample(test::k_column_list), "3.0.9 x"),
            "PARTITION BY column list: the target runs 3.0.9, which has no column-expression "
            "partitioning (from 3.1)");
  EXPECT_EQ(gate(gated_sample(test::k_unique_multi_list), "3.0.9 x"),
            "PARTITION BY LIST: the target runs 3.0.9, which has no list partitioning (from 3.1)");
  EXPECT_EQ(gate(gated_sample(test::k_unique_multi_list), "3.1.0 x"), "");
}

TEST(VersionGatesTest, ColumnsAndLayout) {
  TableModel t = gated_sample(test::k_aggregate_range);
  EXPECT_EQ(gate(t, "2.5.0 x"), "");
  t.columns[1].generated = "`k1` + 1";
  EXPECT_EQ(gate(t, "3.0.9 x"), "column `" + t.columns[1].name +
                                    "`: the target runs 3.0.9, which has no generated columns "
                                    "(from 3.1)");
  EXPECT_EQ(gate(t, "3.1.0 x"), "");
  t = gated_sample(test::k_aggregate_range);
  t.distribution.buckets.reset();
  EXPECT_EQ(gate(t, "2.5.6 x"), "DISTRIBUTED BY without BUCKETS: the target runs 2.5.6, which "
                                "has no automatic buckets (from 2.5.7)");
  EXPECT_EQ(gate(t, "2.5.7 x"), "");
  t.distribution.kind = Distribution::Kind::Random;
  EXPECT_EQ(gate(t, "3.0.9 x"), "DISTRIBUTED BY RANDOM: the target runs 3.0.9, which has no "
                                "DISTRIBUTED BY RANDOM (from 3.1)");
  t = gated_sample(test::k_aggregate_range);
  t.order_by = {"k2"};
  EXPECT_EQ(gate(t, "3.2.9 x"), "ORDER BY: the target runs 3.2.9, which has no ORDER BY on a "
                                "duplicate, aggregate or unique key table (from 3.3)");
  t.key_type = KeyType::Primary;
  EXPECT_EQ(gate(t, "3.2.9 x"), "");
  EXPECT_EQ(gate(t, "2.5.9 x"), "ORDER BY: the target runs 2.5.9, which has no ORDER BY on a "
                                "primary key table (from 3.0)");
  EXPECT_EQ(gate(gated_sample(test::k_shared_data), "3.0.9 x"),
            "PROPERTIES: the target runs 3.0.9, which has no storage_volume property (from 3.1)");
}

TEST(VersionGatesTest, AnUnreadableVersionGatesNothing) {
  EXPECT_EQ(gate(gated_sample(test::k_expr_bare), "garbage"), "");
}

} // namespace
} // namespace exl::starrocks
