#include "ddl_samples.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/model_compare.hpp"
#include "exlschema/starrocks/partition_sql.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace exl::starrocks {
namespace {

TableModel sample(std::string_view text) {
  Result<TableModel> t = parse_create_table(text);
  EXPECT_TRUE(t.ok());
  return t.ok() ? t.value() : TableModel{};
}

TEST(DdlRewriteTest, OverridesReplicationAndNeutralisesTheDynamicStart) {
  RewriteResult r = rewrite_for_target(sample(test::k_dynamic), {2, false});
  const Properties& p = r.table.properties;
  EXPECT_EQ(*find_property(p, "replication_num"), "2");
  EXPECT_EQ(find_property(p, "dynamic_partition.start"), nullptr);
  EXPECT_EQ(*find_property(p, "dynamic_partition.end"), "3");
  EXPECT_EQ(r.table.partitioning, sample(test::k_dynamic).partitioning);
  ASSERT_EQ(r.warnings.size(), 2U);
  EXPECT_NE(r.warnings[0].find("replication_num set to 2 (source: 3)"), std::string::npos);
  EXPECT_EQ(r.warnings[1],
            "removed \"dynamic_partition.start\" = \"-7\" so that the target does not drop "
            "partitions of the copied history; set it again once the data is in: ALTER TABLE .. "
            "SET (\"dynamic_partition.start\" = \"-7\")");
  EXPECT_EQ(r.deferred, (Properties{{"dynamic_partition.start", "-7"}}));
}

// The group is created on the target by its first member (the caller orders the tables), with
// the bucket count the source prints.
TEST(DdlRewriteTest, KeepsTheColocationGroupAndBucketCount) {
  RewriteResult r = rewrite_for_target(sample(test::k_dynamic), {});
  EXPECT_EQ(*find_property(r.table.properties, "colocate_with"), "g1");
  EXPECT_EQ(r.table.distribution.buckets, 2);
  EXPECT_NE(build_create_table(r.table, "d").find("\"colocate_with\" = \"g1\""), std::string::npos);
  TableModel automatic = sample(test::k_dynamic);
  automatic.distribution.buckets.reset();
  RewriteResult warned = rewrite_for_target(automatic, {});
  EXPECT_EQ(*find_property(warned.table.properties, "colocate_with"), "g1");
  ASSERT_FALSE(warned.warnings.empty());
  EXPECT_EQ(warned.warnings[0],
            "\"colocate_with\" = \"g1\" kept, but the source prints no bucket count: the "
            "group's first table on the target sets one, which may differ from the source's");
}

TEST(DdlRewriteTest, NeutralisesEverySettingThatDropsHistory) {
  TableModel t = sample(test::k_expr_bare);
  set_property(t.properties, "partition_live_number", "3");
  set_property(t.properties, "partition_ttl", "3 month");
  set_property(t.properties, "partition_retention_condition",
               "dt >= current_date() - interval 3 "
               "day");
  set_property(t.properties, "compression", "ZSTD");
  RewriteResult r = rewrite_for_target(t, {});
  EXPECT_EQ(find_property(r.table.properties, "partition_live_number"), nullptr);
  EXPECT_EQ(find_property(r.table.properties, "partition_ttl"), nullptr);
  EXPECT_EQ(find_property(r.table.properties, "partition_retention_condition"), nullptr);
  EXPECT_EQ(*find_property(r.table.properties, "compression"), "ZSTD");
  EXPECT_EQ(r.deferred, (Properties{{"partition_live_number", "3"},
                                    {"partition_ttl", "3 month"},
                                    {"partition_retention_condition",
                                     "dt >= current_date() - interval 3 day"}}));
  ASSERT_EQ(r.warnings.size(), 3U);
  EXPECT_NE(r.warnings[0].find("removed \"partition_live_number\" = \"3\""), std::string::npos);
  EXPECT_NE(r.warnings[2].find("ALTER TABLE .. SET (\"partition_retention_condition\" = "),
            std::string::npos);
}

TEST(DdlRewriteTest, DeferredSettingIsSetAgainWithOneStatementEach) {
  EXPECT_EQ(build_set_table_property({"", "d`x", "t"}, "partition_live_number", "3"),
            "ALTER TABLE `d``x`.`t` SET (\"partition_live_number\" = \"3\")");
  EXPECT_EQ(
      build_set_table_property({"", "d", "t"}, "partition_retention_condition",
                               "dt >= '2024-01-01'"),
      "ALTER TABLE `d`.`t` SET (\"partition_retention_condition\" = \"dt >= \\'2024-01-01\\'\")");
}

TEST(DdlRewriteTest, KeepsEverythingWithoutOverrides) {
  TableModel source = sample(test::k_aggregate_range);
  RewriteResult r = rewrite_for_target(source, {});
  EXPECT_EQ(r.table, source);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(DdlRewriteTest, PerPartitionReplicationFollowsTheOverride) {
  RewriteResult r = rewrite_for_target(sample(test::k_multi_range_maxvalue), {1, false});
  EXPECT_EQ(*find_property(r.table.partitioning.partitions[1].properties, "replication_num"), "1");
  EXPECT_EQ(*find_property(r.table.properties, "replication_num"), "1");
}

TEST(DdlRewriteTest, StorageVolumeOnlyForSharedDataTargets) {
  RewriteResult nothing = rewrite_for_target(sample(test::k_shared_data), {3, false});
  EXPECT_EQ(find_property(nothing.table.properties, "storage_volume"), nullptr);
  EXPECT_EQ(find_property(nothing.table.properties, "datacache.enable"), nullptr);
  EXPECT_EQ(find_property(nothing.table.properties, "enable_async_write_back"), nullptr);
  EXPECT_EQ(*find_property(nothing.table.properties, "compression"), "LZ4");
  RewriteResult shared = rewrite_for_target(sample(test::k_shared_data), {3, true});
  EXPECT_EQ(*find_property(shared.table.properties, "storage_volume"), "builtin_storage_volume");
  EXPECT_EQ(find_property(shared.table.properties, "replication_num"), nullptr);
}

TEST(DdlRewriteTest, NeverDropStartIsKept) {
  TableModel t = sample(test::k_dynamic);
  set_property(t.properties, "dynamic_partition.start", "-2147483648");
  RewriteResult r = rewrite_for_target(t, {});
  EXPECT_EQ(*find_property(r.table.properties, "dynamic_partition.start"), "-2147483648");
}

// The path every mode takes: source SHOW CREATE text -> model -> rewrite -> CREATE TABLE on the
// target; the statement must parse back to the rewritten model and compare equal to the source.
TEST(DdlRewriteTest, RewrittenDdlParsesBackForEverySample) {
  for (std::string_view text : test::all_table_samples()) {
    TableModel source = sample(text);
    for (bool shared : {false, true}) {
      RewriteResult r = rewrite_for_target(source, {1, shared});
      std::string ddl = build_create_table(r.table, "tgt", true);
      Result<TableModel> back = parse_create_table(ddl);
      ASSERT_TRUE(back.ok()) << back.error().message() << "\n" << ddl;
      EXPECT_EQ(back.value(), r.table) << ddl;
      EXPECT_EQ(compare_tables(source, back.value()), std::nullopt) << ddl;
      const std::string* group = find_property(source.properties, "colocate_with");
      const std::string* kept = find_property(back->properties, "colocate_with");
      EXPECT_EQ(kept != nullptr ? *kept : "", group != nullptr ? *group : "") << ddl;
    }
  }
}

TEST(ModelCompareTest, SameStructureDespiteCosmeticDifferences) {
  TableModel a = sample(test::k_dynamic);
  TableModel b = rewrite_for_target(a, {1, false}).table;
  b.distribution.buckets = 16;
  b.comment = "other comment";
  b.partitioning.partitions.pop_back();
  std::reverse(b.properties.begin(), b.properties.end());
  b.columns[0].name = "DT";
  EXPECT_EQ(compare_tables(a, b), std::nullopt);
  EXPECT_EQ(compare_tables(a, a), std::nullopt);
}

struct Mutation {
  const char* what;
  void (*apply)(TableModel&);
  const char* expected;
};

TEST(ModelCompareTest, NamesTheFirstDifference) {
  const Mutation mutations[] = {
      {"type",
       [](TableModel& t) {
         t.columns[1].type = ColumnType{"bigint", {20}, {}, {}};
       },
       "column `v1` type: int(11) on the source, bigint(20) on the target"},
      {"nullability", [](TableModel& t) { t.columns[0].nullable = false; },
       "column `k1`: NULL on the source, NOT NULL on the target"},
      {"aggregate", [](TableModel& t) { t.columns[1].aggregate = "MAX"; },
       "column `v1` aggregate: SUM on the source, MAX on the target"},
      {"extra column", [](TableModel& t) { t.columns.push_back(t.columns[1]); },
       "column count: 2 on the source, 3 on the target"},
      {"key", [](TableModel& t) { t.key_type = KeyType::Duplicate; },
       "key: AGGREGATE KEY(k1) on the source, DUPLICATE KEY(k1) on the target"},
      {"partitioning", [](TableModel& t) { t.partitioning = {}; },
       "partitioning: PARTITION BY RANGE(`k1`) on the source, no partitioning on the target"},
      {"distribution", [](TableModel& t) { t.distribution.kind = Distribution::Kind::Random; },
       "distribution: DISTRIBUTED BY HASH(`k1`) on the source, DISTRIBUTED BY RANDOM on the "
       "target"},
      {"order", [](TableModel& t) { t.order_by = {"v1"}; },
       "ORDER BY: () on the source, (v1) on the target"},
      {"property", [](TableModel& t) { set_property(t.properties, "bloom_filter_columns", "v"); },
       "property \"bloom_filter_columns\": unset on the source, \"v\" on the target"},
  };
  TableModel source = sample(test::k_aggregate_range);
  for (const Mutation& m : mutations) {
    TableModel target = source;
    m.apply(target);
    EXPECT_EQ(compare_tables(source, target).value_or("(equal)"), m.expected) << m.what;
  }
}

} // namespace
} // namespace exl::starrocks
