// Cross-check of table features beyond the sample data: reserved-word names, ORDER BY, DEFAULT
// CURRENT_TIMESTAMP, UNIQUE KEY, indexes, AUTO_INCREMENT, dynamic partitioning with the target
// rewrite, and materialized views. srsim prints them; exlSchema parses, rewrites and recreates.
// Reference: starrocks-surface.md §1 (layout: "index definitions follow columns"; PROPERTIES),
// §3 (dynamic partitioning: dynamic_partition.start default = never drop).
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/model_compare.hpp"

#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

namespace exl::test::xcheck {
namespace {

// A fresh database on src holding `create` (with `{t}` standing for the table reference).
starrocks::TableRef create_on_src(db::Connection& src, const std::string& table,
                                  const std::string& create) {
  const std::string database = unique_database("feat");
  src.execute(starrocks::build_create_database(database));
  const auto t = ref(database, table);
  std::string sql = create;
  sql.replace(sql.find("{t}"), 3, t.sql());
  src.execute(sql);
  return t;
}

// The copy on dst (same database name) from the rewritten model, read back.
starrocks::TableModel copy_to_dst(db::Connection& dst, const starrocks::TableRef& table,
                                  const starrocks::TableModel& model) {
  const auto rewritten = starrocks::rewrite_for_target(model, {.replication_num = 1});
  dst.execute(starrocks::build_create_database(table.database));
  dst.execute(starrocks::build_create_table(rewritten.table, table.database));
  return show_create_model(dst, table);
}

TEST(SrsimFeaturesTest, ReservedNamesOrderByAndCurrentTimestampSurviveTheCopy) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table =
      create_on_src(src, "order",
                    "CREATE TABLE {t} (`select` INT NOT NULL, `from` VARCHAR(10), "
                    "ts DATETIME NULL DEFAULT CURRENT_TIMESTAMP) PRIMARY KEY(`select`) "
                    "DISTRIBUTED BY HASH(`select`) BUCKETS 1 ORDER BY(`from`)");
  const auto model = show_create_model(src, table);
  EXPECT_EQ(model.name, "order");
  EXPECT_EQ(model.key_type, starrocks::KeyType::Primary);
  EXPECT_EQ(model.key_columns, std::vector<std::string>{"select"});
  EXPECT_EQ(model.order_by, std::vector<std::string>{"from"});
  ASSERT_EQ(model.columns.size(), 3U);
  ASSERT_TRUE(model.columns[2].default_value.has_value());
  EXPECT_EQ(model.columns[2].default_value->kind, starrocks::ColumnDefault::Kind::Expression);

  const auto copy = copy_to_dst(dst, table, model);
  EXPECT_EQ(starrocks::compare_tables(model, copy), std::nullopt);
  EXPECT_EQ(copy.columns, model.columns);
}

TEST(SrsimFeaturesTest, UniqueKeyTableSurvivesTheCopy) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(src, "uk",
                                   "CREATE TABLE {t} (k INT NOT NULL, v INT) UNIQUE KEY(k) "
                                   "DISTRIBUTED BY HASH(k) BUCKETS 1");
  const auto model = show_create_model(src, table);
  EXPECT_EQ(model.key_type, starrocks::KeyType::Unique);
  EXPECT_EQ(starrocks::compare_tables(model, copy_to_dst(dst, table, model)), std::nullopt);
}

// Reference §1: "index definitions follow columns" in SHOW CREATE TABLE; a copy without its
// bitmap index would be a silently different table.
TEST(SrsimFeaturesTest, IndexIsPrintedAndCopied) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(src, "indexed",
                                   "CREATE TABLE {t} (k INT NOT NULL, u VARCHAR(10), "
                                   "INDEX idx_u (u) USING BITMAP COMMENT 'bitmap on u') "
                                   "DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1");
  const auto model = show_create_model(src, table);
  ASSERT_EQ(model.indexes.size(), 1U) << "SHOW CREATE TABLE lost the index";
  EXPECT_EQ(model.indexes[0].name, "idx_u");
  EXPECT_EQ(model.indexes[0].columns, std::vector<std::string>{"u"});
  EXPECT_EQ(model.indexes[0].using_type, "BITMAP");
  EXPECT_EQ(copy_to_dst(dst, table, model).indexes, model.indexes);
}

// StarRocks prints AUTO_INCREMENT on such a column (v3.0+, docs auto_increment.md; FE
// Column.toSql); a copy without it would stop generating ids.
TEST(SrsimFeaturesTest, AutoIncrementIsPrintedAndCopied) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(src, "autoinc",
                                   "CREATE TABLE {t} (k INT NOT NULL, id BIGINT NOT NULL "
                                   "AUTO_INCREMENT) PRIMARY KEY(k) "
                                   "DISTRIBUTED BY HASH(k) BUCKETS 1");
  const auto model = show_create_model(src, table);
  ASSERT_EQ(model.columns.size(), 2U);
  EXPECT_TRUE(model.columns[1].auto_increment) << "SHOW CREATE TABLE lost AUTO_INCREMENT";
  EXPECT_EQ(copy_to_dst(dst, table, model).columns, model.columns);
}

// The rewrite keeps colocate_with, defers dynamic_partition.start and overrides replication_num;
// srsim must accept the result, and the copy may differ from the source only there.
TEST(SrsimFeaturesTest, DynamicPartitionTableDiffersOnlyWhereTheRewriteSays) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(
      src, "dyn",
      "CREATE TABLE {t} (dt DATE NOT NULL, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
      "PARTITION p20240101 VALUES LESS THAN ('2024-01-02')) DISTRIBUTED BY HASH(v) BUCKETS 2 "
      "PROPERTIES ('replication_num' = '1', 'dynamic_partition.enable' = 'true', "
      "'dynamic_partition.time_unit' = 'DAY', 'dynamic_partition.start' = '-7', "
      "'dynamic_partition.end' = '3', 'dynamic_partition.prefix' = 'p', "
      "'colocate_with' = 'xck_group', 'bloom_filter_columns' = 'v')");
  const auto model = show_create_model(src, table);
  ASSERT_NE(starrocks::find_property(model.properties, "dynamic_partition.start"), nullptr);
  ASSERT_NE(starrocks::find_property(model.properties, "colocate_with"), nullptr);

  const auto copy = copy_to_dst(dst, table, model);
  EXPECT_EQ(starrocks::compare_tables(model, copy), std::nullopt);
  EXPECT_EQ(starrocks::find_property(copy.properties, "dynamic_partition.start"), nullptr);
  ASSERT_NE(starrocks::find_property(copy.properties, "colocate_with"), nullptr);
  EXPECT_EQ(*starrocks::find_property(copy.properties, "colocate_with"), "xck_group");
  starrocks::Properties kept = model.properties;
  starrocks::erase_property(kept, "dynamic_partition.start");
  EXPECT_EQ(copy.properties, kept);
  EXPECT_EQ(copy.partitioning, model.partitioning);
}

TEST(SrsimFeaturesTest, MaterializedViewParsesAndIsRecreated) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const std::string database = unique_database("mv");
  src.execute(starrocks::build_create_database(database));
  const auto mv = ref(database, "daily_mv");
  src.execute("CREATE MATERIALIZED VIEW " + mv.sql() +
              " DISTRIBUTED BY HASH(`dt`) BUCKETS 2 REFRESH MANUAL AS "
              "SELECT dt, COUNT(*) AS n FROM demo.events GROUP BY dt");
  const auto rs = src.query(starrocks::build_show_create_materialized_view(mv));
  ASSERT_EQ(rs.rows.size(), 1U);
  const auto parsed = starrocks::parse_create_materialized_view(rs.rows.at(0).at(1).value_or(""));
  ASSERT_TRUE(parsed.ok()) << parsed.error().message() << "\n" << rs.rows[0][1].value_or("");
  EXPECT_EQ(parsed->name, "daily_mv");
  EXPECT_EQ(parsed->distribution.kind, starrocks::Distribution::Kind::Hash);
  EXPECT_EQ(parsed->distribution.columns, std::vector<std::string>{"dt"});
  // StarRocks prints the query with tables qualified by their database (reference §1).
  EXPECT_NE(parsed->definition.find("`demo`.`events`"), std::string::npos) << parsed->definition;

  // SHOW CREATE TABLE pointed at the MV dispatches to the MV model (reference §1).
  const auto any = starrocks::parse_show_create(
      src.query(starrocks::build_show_create_table(mv)).rows.at(0).at(1).value_or(""));
  ASSERT_TRUE(any.ok()) << any.error().message();
  EXPECT_TRUE(std::holds_alternative<starrocks::MaterializedViewModel>(*any));

  // Printed on dst (the base table copied there first), it is accepted and reads back the same.
  dst.execute(starrocks::build_create_database(database));
  dst.execute(
      starrocks::build_create_table(show_create_model(src, ref("demo", "events")), database));
  starrocks::MaterializedViewModel copy = *parsed;
  const auto query = starrocks::rewrite_query_databases(copy.definition, {{"demo", database}});
  ASSERT_TRUE(query.ok()) << query.error().message();
  copy.definition = query.value();
  dst.execute(starrocks::print_create_materialized_view(copy, {.database = database}));
  const auto back = starrocks::parse_create_materialized_view(
      dst.query(starrocks::build_show_create_materialized_view(mv)).rows.at(0).at(1).value_or(""));
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->distribution, parsed->distribution);
  EXPECT_EQ(back->refresh, parsed->refresh);
  EXPECT_EQ(back->columns, parsed->columns);
}

} // namespace
} // namespace exl::test::xcheck
