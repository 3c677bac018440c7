// Cross-check of SHOW CREATE TABLE / SHOW PARTITIONS: srsim's text (written from the reference,
// independently of src/starrocks) must parse with exlSchema's parsers into the sample tables of
// tests/sim/load_sample.sh, and exlSchema's CREATE TABLE must be accepted by srsim and read back
// as the same table. Reference: starrocks-surface.md §1 (SHOW CREATE), §2 (SHOW PARTITIONS).
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/model_compare.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

using starrocks::Distribution;
using starrocks::KeyType;
using starrocks::Partitioning;

// What load_sample.sh creates (see its CREATE TABLE statements).
struct SampleTable {
  std::string name;
  KeyType key_type;
  std::vector<std::string> key_columns;
  Partitioning::Kind partitioning;
  std::vector<std::string> partition_columns; // empty: not checked (expression)
  Distribution::Kind distribution;
  std::vector<std::string> distribution_columns;
  std::optional<long long> buckets; // nullopt: not checked
  std::size_t partition_count;      // SHOW PARTITIONS rows
};

// events: START 2024-01-01 END 2024-03-31 EVERY 1 DAY = 31 + 29 + 30 days. logs: 3000 rows 7
// minutes apart from 2024-02-01 span 15 days, one date_trunc('day') partition each.
const std::vector<SampleTable>& samples() {
  static const std::vector<SampleTable> k_samples = {
      {"events",
       KeyType::Duplicate,
       {"dt", "id"},
       Partitioning::Kind::Range,
       {"dt"},
       Distribution::Kind::Hash,
       {"id"},
       8,
       90},
      {"users",
       KeyType::Primary,
       {"user_id"},
       Partitioning::Kind::None,
       {},
       Distribution::Kind::Hash,
       {"user_id"},
       4,
       1},
      {"sales",
       KeyType::Aggregate,
       {"dt", "shop_id"},
       Partitioning::Kind::None,
       {},
       Distribution::Kind::Hash,
       {"shop_id"},
       4,
       1},
      {"regions",
       KeyType::Duplicate,
       {"region_id"},
       Partitioning::Kind::None,
       {},
       Distribution::Kind::Hash,
       {"region_id"},
       1,
       1},
      {"shops",
       KeyType::Duplicate,
       {"shop_id"},
       Partitioning::Kind::List,
       {"city"},
       Distribution::Kind::Hash,
       {"shop_id"},
       2,
       3},
      {"logs",
       KeyType::Duplicate,
       {"ts"},
       Partitioning::Kind::Expression,
       {"ts"},
       Distribution::Kind::Random,
       {},
       std::nullopt,
       15},
  };
  return k_samples;
}

std::string sample_name(const testing::TestParamInfo<SampleTable>& info) {
  return info.param.name;
}

class SrsimShowCreateTest : public testing::TestWithParam<SampleTable> {};

TEST_P(SrsimShowCreateTest, ShowCreateTableParsesIntoTheSampleDefinition) {
  EXL_REQUIRE_SANDBOX(sb);
  const SampleTable& want = GetParam();
  db::Connection src(sb.src);
  const auto model = show_create_model(src, ref("demo", want.name));

  EXPECT_EQ(model.name, want.name);
  EXPECT_EQ(model.engine, "OLAP");
  EXPECT_EQ(model.key_type, want.key_type);
  EXPECT_EQ(model.key_columns, want.key_columns);
  EXPECT_EQ(model.partitioning.kind, want.partitioning);
  if (!want.partition_columns.empty()) {
    EXPECT_EQ(model.partitioning.columns, want.partition_columns);
  }
  EXPECT_EQ(model.distribution.kind, want.distribution);
  EXPECT_EQ(model.distribution.columns, want.distribution_columns);
  if (want.buckets) {
    EXPECT_EQ(model.distribution.buckets, want.buckets);
  }

  const auto partitions = show_partitions(src, ref("demo", want.name));
  EXPECT_EQ(partitions.size(), want.partition_count);
  // Range and list tables print their partitions; unpartitioned ones print none, and an
  // automatic expression-partitioned table prints no list either (reference §1).
  if (want.partitioning == Partitioning::Kind::Range ||
      want.partitioning == Partitioning::Kind::List) {
    EXPECT_EQ(model.partitioning.partitions.size(), partitions.size());
  } else {
    EXPECT_TRUE(model.partitioning.partitions.empty());
  }
}

TEST_P(SrsimShowCreateTest, ShowPartitionsBoundsAgreeWithShowCreateTable) {
  EXL_REQUIRE_SANDBOX(sb);
  const SampleTable& want = GetParam();
  db::Connection src(sb.src);
  const auto model = show_create_model(src, ref("demo", want.name));
  const auto partitions = show_partitions(src, ref("demo", want.name));
  ASSERT_FALSE(partitions.empty());

  for (const auto& p : partitions) {
    SCOPED_TRACE("partition " + p.name);
    EXPECT_TRUE(p.id.has_value());
    EXPECT_TRUE(p.visible_version.has_value());
    switch (want.partitioning) {
    case Partitioning::Kind::None:
      // Reference §2: an unpartitioned table's one partition is named after the table.
      EXPECT_EQ(p.name, want.name);
      EXPECT_EQ(p.bounds.kind, starrocks::PartitionBounds::Kind::None);
      EXPECT_TRUE(p.key_columns.empty());
      break;
    case Partitioning::Kind::Expression:
      EXPECT_EQ(p.bounds.kind, starrocks::PartitionBounds::Kind::Range);
      EXPECT_EQ(p.key_columns, want.partition_columns);
      break;
    default: {
      EXPECT_EQ(p.key_columns, want.partition_columns);
      const auto& defs = model.partitioning.partitions;
      const auto it =
          std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.name == p.name; });
      ASSERT_NE(it, defs.end()) << "in SHOW PARTITIONS but not in SHOW CREATE TABLE";
      EXPECT_EQ(p.bounds, it->bounds);
    }
    }
  }
}

TEST_P(SrsimShowCreateTest, TargetCreateTableIsAcceptedAndReadsBackAsTheSameTable) {
  EXL_REQUIRE_SANDBOX(sb);
  const SampleTable& want = GetParam();
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto source = show_create_model(src, ref("demo", want.name));
  const auto rewritten = starrocks::rewrite_for_target(source, {.replication_num = 1});

  const std::string database = unique_database("ddl");
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(rewritten.table, database));
  const auto target = show_create_model(dst, ref(database, want.name));

  EXPECT_EQ(starrocks::compare_tables(source, target), std::nullopt);
  // Where the rewrite differs on purpose: replication_num := the override; nothing else.
  const auto* replicas = starrocks::find_property(target.properties, "replication_num");
  ASSERT_NE(replicas, nullptr);
  EXPECT_EQ(*replicas, "1");
  EXPECT_EQ(target.properties, rewritten.table.properties);
  EXPECT_EQ(target.columns, source.columns);
  EXPECT_EQ(target.key_columns, source.key_columns);
  EXPECT_EQ(target.distribution, source.distribution);
  // The copied partition list: range and list tables get every source partition; an automatic
  // expression-partitioned table starts with none (partitions are created by loads).
  const auto src_parts = show_partitions(src, ref("demo", want.name));
  const auto dst_parts = show_partitions(dst, ref(database, want.name));
  if (want.partitioning == Partitioning::Kind::Expression) {
    EXPECT_TRUE(dst_parts.empty());
  } else {
    ASSERT_EQ(dst_parts.size(), src_parts.size());
    for (std::size_t i = 0; i < src_parts.size(); ++i) {
      EXPECT_EQ(dst_parts[i].name, src_parts[i].name);
      EXPECT_EQ(dst_parts[i].bounds, src_parts[i].bounds) << src_parts[i].name;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Demo, SrsimShowCreateTest, testing::ValuesIn(samples()), sample_name);

// Views and MVs on each simulated release: srsim's SHOW CREATE VIEW / MATERIALIZED VIEW
// (reference §1: SECURITY NONE from 3.4.1, tables qualified by their database) must parse with
// exlSchema's parsers, and the DDL exlSchema prints for another database (query re-pointed by
// rewrite_query_databases) must be accepted by the same release and answer the same rows.
class SrsimViewCopyTest : public testing::TestWithParam<std::string> {};

std::string second_cell(db::Connection& conn, const std::string& sql) {
  const auto rs = conn.query(sql);
  if (rs.rows.size() != 1 || rs.columns.size() < 2 || !rs.rows[0][1]) {
    throw std::runtime_error(sql + ": unexpected result shape");
  }
  return *rs.rows[0][1];
}

TEST_P(SrsimViewCopyTest, ViewAndMaterializedViewCopyIntoAnotherDatabase) {
  EXL_REQUIRE_SANDBOX(sb);
  (void)sb; // each release's own target cluster is both source and target here
  const auto params = target_of_version(GetParam());
  ASSERT_TRUE(params.has_value()) << "the sandbox has no cluster of " << GetParam();
  db::Connection conn(*params);
  const bool secure_views = cluster_version(conn) >= starrocks::parse_version("3.4.1");
  const std::string from = unique_database("vsrc");
  const std::string to = unique_database("vdst");
  const starrocks::DatabaseMap map = {{from, to}};
  for (const std::string& database : {from, to}) {
    conn.execute(starrocks::build_create_database(database));
    conn.execute("CREATE TABLE `" + database +
                 "`.`t` (k INT, v INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) BUCKETS 1 "
                 "PROPERTIES (\"replication_num\" = \"1\")");
    conn.execute("INSERT INTO `" + database + "`.`t` VALUES (1, 10), (2, 20), (2, 5)");
  }
  conn.execute("CREATE VIEW `" + from +
               "`.`v` (k, total) COMMENT \"sums\" AS SELECT k, SUM(v) "
               "FROM `" +
               from + "`.`t` GROUP BY k");
  conn.execute("CREATE MATERIALIZED VIEW `" + from +
               "`.`mv` DISTRIBUTED BY HASH(k) BUCKETS 1 "
               "REFRESH MANUAL PROPERTIES (\"replication_num\" = \"1\") AS SELECT k, SUM(v) AS "
               "total FROM `" +
               from + "`.`t` GROUP BY k");

  const std::string view_ddl = second_cell(conn, "SHOW CREATE VIEW `" + from + "`.`v`");
  EXPECT_EQ(view_ddl.find(" SECURITY NONE AS ") != std::string::npos, secure_views) << view_ddl;
  auto view = starrocks::parse_create_view(view_ddl);
  ASSERT_TRUE(view.ok()) << view.error().message() << "\n" << view_ddl;
  auto view_query = starrocks::rewrite_query_databases(view->definition, map);
  ASSERT_TRUE(view_query.ok()) << view_query.error().message() << "\n" << view->definition;
  starrocks::ViewModel copy = view.value();
  copy.definition = view_query.value();
  conn.execute(starrocks::print_create_view(copy, {to, "", false}));

  const std::string mv_ddl = second_cell(conn, "SHOW CREATE MATERIALIZED VIEW `" + from + "`.`mv`");
  auto mv = starrocks::parse_create_materialized_view(mv_ddl);
  ASSERT_TRUE(mv.ok()) << mv.error().message() << "\n" << mv_ddl;
  EXPECT_NE(mv->definition.find("`" + from + "`.`t`"), std::string::npos) << mv->definition;
  // What MaterializedView.getMaterializedViewDdlStmt prints besides the query: explicit
  // distribution, the REFRESH clause, replication_num and storage_medium (engine/mv_show_create).
  EXPECT_EQ(mv->distribution.kind, starrocks::Distribution::Kind::Hash) << mv_ddl;
  EXPECT_EQ(mv->distribution.columns, std::vector<std::string>{"k"}) << mv_ddl;
  EXPECT_EQ(mv->distribution.buckets, 1) << mv_ddl;
  EXPECT_EQ(mv->refresh, "MANUAL") << mv_ddl;
  ASSERT_NE(starrocks::find_property(mv->properties, "replication_num"), nullptr) << mv_ddl;
  EXPECT_EQ(*starrocks::find_property(mv->properties, "replication_num"), "1");
  ASSERT_NE(starrocks::find_property(mv->properties, "storage_medium"), nullptr) << mv_ddl;
  EXPECT_EQ(mv->columns.empty(), cluster_version(conn) < starrocks::parse_version("3.0.0"))
      << mv_ddl;
  auto mv_query = starrocks::rewrite_query_databases(mv->definition, map);
  ASSERT_TRUE(mv_query.ok()) << mv_query.error().message() << "\n" << mv->definition;
  starrocks::MaterializedViewModel mv_copy = mv.value();
  mv_copy.definition = mv_query.value();
  conn.execute(starrocks::print_create_materialized_view(mv_copy, {to, "", false}));

  // The copies read the target database's tables: change it and compare.
  conn.execute("INSERT INTO `" + to + "`.`t` VALUES (3, 7)");
  conn.execute("REFRESH MATERIALIZED VIEW `" + to + "`.`mv`");
  for (const char* object : {"v", "mv"}) {
    EXPECT_EQ(scalar(conn, "SELECT COUNT(*) FROM `" + to + "`.`" + object + "`"), 3) << object;
    EXPECT_EQ(scalar(conn, "SELECT COUNT(*) FROM `" + from + "`.`" + object + "`"), 2) << object;
  }
  const std::string copied_view = second_cell(conn, "SHOW CREATE VIEW `" + to + "`.`v`");
  auto reparsed = starrocks::parse_create_view(copied_view);
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().message() << "\n" << copied_view;
  EXPECT_EQ(reparsed->comment, view->comment);
  EXPECT_EQ(reparsed->columns, view->columns);
}

INSTANTIATE_TEST_SUITE_P(Releases, SrsimViewCopyTest, testing::ValuesIn(simulated_versions()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = "v" + info.param;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

} // namespace
} // namespace exl::test::xcheck
