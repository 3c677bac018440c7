// Cross-check of the partition layouts the sample data does not have: LESS THAN with the type
// minimum, MAXVALUE, NULL keys, multi-column ranges, DATETIME ranges, integer and multi-column
// lists. Each table is created on src by hand-written StarRocks DDL; exlSchema must parse what
// srsim prints, its audit predicates must put every row in the partition srsim stored it in
// (`SELECT COUNT(*) FROM t PARTITION (p)`, srsim's own placement, is the oracle), and its DDL
// must recreate the same partitions on dst.
// Reference: starrocks-surface.md §1 (fixed ranges, type minimum, MAXVALUE, list layout), §2
// (Range/List cells), §3 (ranges are left-closed, right-open; LESS THAN takes the previous bound).
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/model_compare.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

struct EdgeTable {
  std::string name;
  std::string columns_and_partitions; // everything after CREATE TABLE `db`.`name`
  std::string rows;                   // VALUES list
  std::size_t partitions;
};

const std::vector<EdgeTable>& edge_tables() {
  static const std::vector<EdgeTable> k_tables = {
      // NULL and the INT minimum belong to the first LESS THAN partition (Doris lineage, the
      // assumption documented in partition_predicate.hpp); MAXVALUE ends the last one.
      {"range_int_null",
       "(k INT NULL, v VARCHAR(8)) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
       "PARTITION p1 VALUES LESS THAN ('10'), PARTITION p2 VALUES LESS THAN ('20'), "
       "PARTITION p3 VALUES LESS THAN (MAXVALUE)) DISTRIBUTED BY HASH(k) BUCKETS 2",
       "(NULL, 'n'), (-2147483648, 'min'), (5, 'a'), (9, 'a'), (10, 'b'), (19, 'c'), (20, 'd'), "
       "(2147483647, 'max')",
       3},
      {"range_tinyint_null",
       "(k TINYINT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
       "PARTITION p1 VALUES LESS THAN ('10'), PARTITION p2 VALUES LESS THAN (MAXVALUE)) "
       "DISTRIBUTED BY HASH(v) BUCKETS 1",
       "(NULL, 1), (-128, 2), (9, 3), (10, 4), (127, 5)", 2},
      {"range_bigint_null",
       "(k BIGINT NULL, v INT) DUPLICATE KEY(k) PARTITION BY RANGE(k) ("
       "PARTITION p1 VALUES LESS THAN ('10'), PARTITION p2 VALUES LESS THAN (MAXVALUE)) "
       "DISTRIBUTED BY HASH(v) BUCKETS 1",
       "(NULL, 1), (-9223372036854775808, 2), (9, 3), (10, 4), (9223372036854775807, 5)", 2},
      {"range_date_null",
       "(dt DATE NULL, v INT) DUPLICATE KEY(dt) PARTITION BY RANGE(dt) ("
       "PARTITION p1 VALUES LESS THAN ('2024-01-01'), PARTITION p2 VALUES LESS THAN ('2024-02-01'))"
       " DISTRIBUTED BY HASH(v) BUCKETS 1",
       "(NULL, 1), ('0000-01-01', 2), ('2023-12-31', 3), ('2024-01-01', 4), ('2024-01-31', 5)", 2},
      {"range_two_columns",
       "(a INT NOT NULL, b INT NOT NULL, v INT) DUPLICATE KEY(a, b) PARTITION BY RANGE(a, b) ("
       "PARTITION p1 VALUES [('0', '0'), ('1', '5')), PARTITION p2 VALUES [('1', '5'), ('2', '0')),"
       " PARTITION p3 VALUES [('2', '0'), (MAXVALUE, MAXVALUE))) DISTRIBUTED BY HASH(a) BUCKETS 1",
       "(0, 0, 1), (0, 9, 1), (1, 4, 1), (1, 5, 2), (1, 9, 2), (2, 0, 3), (7, -3, 3)", 3},
      {"range_datetime_null",
       "(ts DATETIME NULL, v INT) DUPLICATE KEY(ts) PARTITION BY RANGE(ts) ("
       "PARTITION p2023 VALUES LESS THAN ('2024-01-01 00:00:00'), "
       "PARTITION p202401 VALUES LESS THAN ('2024-02-01 00:00:00')) "
       "DISTRIBUTED BY HASH(v) BUCKETS 1",
       "(NULL, 1), ('2023-05-05 10:00:00', 2), ('2024-01-01 00:00:00', 3), "
       "('2024-01-31 23:59:59', 4)",
       2},
      {"list_int",
       "(k INT NOT NULL, v INT) DUPLICATE KEY(k) PARTITION BY LIST(k) ("
       "PARTITION p12 VALUES IN ('1', '2'), PARTITION p3 VALUES IN ('3')) "
       "DISTRIBUTED BY HASH(k) BUCKETS 1",
       "(1, 1), (2, 2), (2, 3), (3, 4)", 2},
      {"list_two_columns",
       "(dt DATE NOT NULL, city VARCHAR(16) NOT NULL, v INT) DUPLICATE KEY(dt, city) "
       "PARTITION BY LIST(dt, city) ("
       "PARTITION pla VALUES IN (('2022-04-01', 'LA'), ('2022-04-02', 'LA')), "
       "PARTITION pny VALUES IN (('2022-04-01', 'NY'))) DISTRIBUTED BY HASH(dt) BUCKETS 1",
       "('2022-04-01', 'LA', 1), ('2022-04-02', 'LA', 2), ('2022-04-01', 'NY', 3)", 2},
  };
  return k_tables;
}

class SrsimEdgeTest : public testing::TestWithParam<EdgeTable> {
protected:
  // The table on src, in a database of its own, with its rows.
  starrocks::TableRef create_on_src(db::Connection& src) {
    const EdgeTable& t = GetParam();
    const std::string database = unique_database("edge");
    src.execute(starrocks::build_create_database(database));
    const auto table = ref(database, t.name);
    src.execute("CREATE TABLE " + table.sql() + " " + t.columns_and_partitions);
    src.execute("INSERT INTO " + table.sql() + " VALUES " + t.rows);
    return table;
  }
};

TEST_P(SrsimEdgeTest, ShowCreateAndShowPartitionsAgree) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto table = create_on_src(src);
  const auto model = show_create_model(src, table);
  const auto partitions = show_partitions(src, table);
  ASSERT_EQ(partitions.size(), GetParam().partitions);
  ASSERT_EQ(model.partitioning.partitions.size(), partitions.size());
  for (std::size_t i = 0; i < partitions.size(); ++i) {
    EXPECT_EQ(model.partitioning.partitions[i].name, partitions[i].name);
    EXPECT_EQ(model.partitioning.partitions[i].bounds, partitions[i].bounds) << partitions[i].name;
  }
}

TEST_P(SrsimEdgeTest, AuditPutsEveryRowInThePartitionSrsimStoredItIn) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto table = create_on_src(src);
  const auto model = show_create_model(src, table);
  const auto partitions = show_partitions(src, table);
  const auto columns = starrocks::partition_columns(model, partitions).value();
  const auto queries =
      starrocks::build_partition_count_queries(table, columns, starrocks::named_bounds(partitions));
  ASSERT_TRUE(queries.ok()) << queries.error().message();
  std::map<std::string, std::int64_t> audited;
  for (const auto& sql : *queries) {
    const auto rs = src.query(sql);
    for (std::size_t r = 0; r < rs.rows.size(); ++r) {
      audited[rs.value(r, "exl_partition").value_or("<none>")] +=
          std::stoll(rs.value(r, "exl_rows").value_or("0"));
    }
  }
  EXPECT_EQ(audited.count("<none>"), 0U) << "rows the predicates put in no partition";

  std::int64_t stored_total = 0;
  for (const auto& p : partitions) {
    SCOPED_TRACE("partition " + p.name);
    const std::int64_t stored = scalar(src, "SELECT COUNT(*) FROM " + table.sql() + " PARTITION (" +
                                                starrocks::quote_identifier(p.name) + ")");
    stored_total += stored;
    EXPECT_EQ(audited[p.name], stored);
    const auto predicate = starrocks::partition_predicate(columns, p.bounds);
    ASSERT_TRUE(predicate.ok()) << predicate.error().message();
    EXPECT_EQ(count_rows(src, table, *predicate), stored) << *predicate;
  }
  EXPECT_EQ(stored_total, count_rows(src, table));
}

TEST_P(SrsimEdgeTest, TargetTableHasTheSamePartitions) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(src);
  const auto source = show_create_model(src, table);
  const auto rewritten = starrocks::rewrite_for_target(source, {.replication_num = 1});
  const std::string database = unique_database("edge_dst");
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(rewritten.table, database));
  const auto target_ref = ref(database, GetParam().name);
  EXPECT_EQ(starrocks::compare_tables(source, show_create_model(dst, target_ref)), std::nullopt);
  const auto src_parts = show_partitions(src, table);
  const auto dst_parts = show_partitions(dst, target_ref);
  ASSERT_EQ(dst_parts.size(), src_parts.size());
  for (std::size_t i = 0; i < src_parts.size(); ++i) {
    EXPECT_EQ(dst_parts[i].name, src_parts[i].name);
    EXPECT_EQ(dst_parts[i].bounds, src_parts[i].bounds) << src_parts[i].name;
  }
}

// Only the last partition created on dst, the others added back one by one with
// build_add_partition from the source's SHOW PARTITIONS bounds (a type-minimum lower bound comes
// out as LESS THAN, MAXVALUE and multi-column tuples as they are).
TEST_P(SrsimEdgeTest, AddPartitionRebuildsEverySourcePartition) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = create_on_src(src);
  auto model = show_create_model(src, table);
  const auto src_parts = show_partitions(src, table);
  auto& defs = model.partitioning.partitions;
  defs.erase(defs.begin(), defs.end() - 1);
  const std::string database = unique_database("edge_add");
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(
      starrocks::rewrite_for_target(model, {.replication_num = 1}).table, database));
  const auto target = ref(database, GetParam().name);
  for (std::size_t i = 0; i + 1 < src_parts.size(); ++i) {
    dst.execute(starrocks::build_add_partition(target, src_parts[i].name, src_parts[i].bounds));
  }
  const auto dst_parts = show_partitions(dst, target);
  ASSERT_EQ(dst_parts.size(), src_parts.size());
  for (const auto& want : src_parts) {
    const auto it = std::find_if(dst_parts.begin(), dst_parts.end(),
                                 [&](const auto& p) { return p.name == want.name; });
    ASSERT_NE(it, dst_parts.end()) << want.name;
    EXPECT_EQ(it->bounds, want.bounds) << want.name;
  }
}

INSTANTIATE_TEST_SUITE_P(Edge, SrsimEdgeTest, testing::ValuesIn(edge_tables()),
                         [](const auto& info) { return info.param.name; });

// Column types and defaults as srsim prints them must parse back to what was created, and
// survive the copy to dst.
TEST(SrsimEdgeTypesTest, ColumnTypesAndDefaultsSurviveTheCopy) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const std::string database = unique_database("types");
  src.execute(starrocks::build_create_database(database));
  const auto table = ref(database, "types");
  src.execute("CREATE TABLE " + table.sql() +
              " (k BIGINT NOT NULL, c1 TINYINT, c2 SMALLINT, c3 LARGEINT, c4 BOOLEAN, c5 FLOAT, "
              "c6 DOUBLE, c7 DECIMAL(27, 9), c8 DECIMAL(5, 1), c9 CHAR(10), c10 STRING, "
              "c11 DATETIME, c12 JSON, c13 ARRAY<INT>, c14 VARCHAR(100) DEFAULT 'x', "
              "c15 INT NOT NULL DEFAULT '0' COMMENT 'the count') "
              "DUPLICATE KEY(k) COMMENT 'types table' DISTRIBUTED BY HASH(k) "
              "PROPERTIES ('replication_num' = '1')");
  const auto model = show_create_model(src, table);
  ASSERT_EQ(model.columns.size(), 16U);
  EXPECT_EQ(model.columns[3].type.base, "largeint");
  EXPECT_EQ(model.columns[7].type.base, "decimal128");
  EXPECT_EQ(model.columns[7].type.precision(), 27);
  EXPECT_EQ(model.columns[7].type.scale(), 9);
  EXPECT_EQ(model.columns[13].type.base, "array");
  ASSERT_TRUE(model.columns[14].default_value.has_value());
  EXPECT_EQ(model.columns[14].default_value->text, "x");
  EXPECT_FALSE(model.columns[15].nullable);
  EXPECT_EQ(model.columns[15].comment, "the count");
  EXPECT_EQ(model.comment, std::optional<std::string>("types table"));
  EXPECT_FALSE(model.distribution.buckets.has_value()) << "BUCKETS omitted: automatic";

  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(model, database));
  const auto copy = show_create_model(dst, table);
  EXPECT_EQ(starrocks::compare_tables(model, copy), std::nullopt);
  EXPECT_EQ(copy.columns, model.columns);
  EXPECT_EQ(copy.comment, model.comment);
}

// A comment holding `"` and `\` must come back as written. Real StarRocks escapes both with a
// backslash when it prints a comment (FE Column.getDisplayComment ->
// CatalogUtils.addEscapeCharacter), which is what exlSchema's parser undoes.
TEST(SrsimEdgeTypesTest, CommentWithQuoteAndBackslashRoundTrips) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const std::string database = unique_database("comment");
  src.execute(starrocks::build_create_database(database));
  const auto table = ref(database, "t");
  src.execute("CREATE TABLE " + table.sql() +
              " (k INT NOT NULL COMMENT 'say \"hi\" \\\\ bye') DUPLICATE KEY(k) "
              "DISTRIBUTED BY HASH(k) BUCKETS 1");
  const auto model = show_create_model(src, table);
  ASSERT_EQ(model.columns.size(), 1U);
  EXPECT_EQ(model.columns[0].comment, "say \"hi\" \\ bye");
}

} // namespace
} // namespace exl::test::xcheck
