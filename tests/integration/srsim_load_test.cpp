// Cross-check of the copy path: exlSchema's JDBC catalog, INSERT INTO / INSERT OVERWRITE with a
// label and a partition predicate, DROP CATALOG, ADD PARTITION from a source partition's bounds
// and TRUNCATE PARTITION, all executed by srsim between the sandbox's two clusters.
// Reference: starrocks-surface.md §3 (partition DDL), §4 (INSERT, labels), §6 (JDBC catalogs).
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

using starrocks::TableModel;

// The source table `demo.<name>` created on dst in a new database by exlSchema's builders,
// without the partitions named in `skip`. Returns the new database.
std::string copy_structure(db::Connection& src, db::Connection& dst, const std::string& name,
                           const std::vector<std::string>& skip = {}) {
  TableModel model = show_create_model(src, ref("demo", name));
  auto& defs = model.partitioning.partitions;
  defs.erase(std::remove_if(defs.begin(), defs.end(),
                            [&](const auto& d) {
                              return std::find(skip.begin(), skip.end(), d.name) != skip.end();
                            }),
             defs.end());
  const auto rewritten = starrocks::rewrite_for_target(model, {.replication_num = 1});
  const std::string database = unique_database(name);
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(rewritten.table, database));
  return database;
}

const starrocks::PartitionInfo& partition_named(const std::vector<starrocks::PartitionInfo>& parts,
                                                const std::string& name) {
  const auto it =
      std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.name == name; });
  if (it == parts.end()) {
    throw std::runtime_error("no partition " + name);
  }
  return *it;
}

// Plain SHOW CATALOGS, by name: SHOW CATALOGS LIKE is srsim_meta_test's business.
bool catalog_listed(db::Connection& conn, const std::string& name) {
  const auto rs = conn.query(starrocks::build_show_catalogs(cluster_version(conn)));
  return std::any_of(rs.rows.begin(), rs.rows.end(),
                     [&](const auto& row) { return row.at(0).value_or("") == name; });
}

std::string unique_label(const std::string& what) {
  return unique_database("label_" + what); // same uniqueness rule, [A-Za-z0-9_] only
}

TEST(SrsimCopyTest, JdbcCatalogInsertAndOverwriteCopyTheRows) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const std::string database = copy_structure(src, dst, "events");
  const auto source = ref("demo", "events");
  const auto target = ref(database, "events");

  starrocks::JdbcCatalogSpec spec;
  spec.name = unique_database("cat");
  spec.host = sb.src.host;
  spec.port = sb.src.port;
  spec.user = sb.src.user;
  spec.password = sb.src.password;
  spec.driver_url = "file:///opt/starrocks/drivers/mysql-connector-j-8.0.33.jar";
  spec.comment = "xcheck source";
  dst.execute(starrocks::build_create_jdbc_catalog(spec));
  const auto via_catalog = ref("demo", "events", spec.name);

  starrocks::InsertSpec insert;
  insert.target = target;
  insert.label = unique_label("insert");
  insert.query = starrocks::build_select_rows(via_catalog, {});
  const auto inserted = dst.execute(starrocks::build_insert(insert, cluster_version(dst)));
  EXPECT_NE(inserted.info.find(insert.label), std::string::npos) << inserted.info;
  const std::int64_t total = count_rows(src, source);
  EXPECT_EQ(count_rows(dst, target), total);

  // One partition doubled on purpose, then overwritten from the source with exlSchema's
  // predicate: afterwards it holds the source's rows again, and no other partition changed.
  const auto model = show_create_model(src, source);
  const auto partitions = show_partitions(src, source);
  const auto& p = partition_named(partitions, "p20240210");
  const auto predicate = starrocks::partition_predicate(
      starrocks::partition_columns(model, partitions).value(), p.bounds);
  ASSERT_TRUE(predicate.ok()) << predicate.error().message();
  const std::int64_t in_partition = count_rows(src, source, *predicate);
  ASSERT_GT(in_partition, 0);
  starrocks::InsertSpec twice = insert;
  twice.label = unique_label("twice");
  twice.query = starrocks::build_select_rows(via_catalog, {*predicate});
  dst.execute(starrocks::build_insert(twice, cluster_version(dst)));
  ASSERT_EQ(count_rows(dst, target, *predicate), 2 * in_partition);

  starrocks::InsertSpec overwrite = twice;
  overwrite.overwrite = true;
  overwrite.partitions = {p.name};
  overwrite.label = unique_label("overwrite");
  const auto overwritten = dst.execute(starrocks::build_insert(overwrite, cluster_version(dst)));
  EXPECT_NE(overwritten.info.find(overwrite.label), std::string::npos) << overwritten.info;
  EXPECT_EQ(count_rows(dst, target, *predicate), in_partition);
  EXPECT_EQ(count_rows(dst, target), total);

  EXPECT_TRUE(catalog_listed(dst, spec.name));
  dst.execute(starrocks::build_drop_catalog(spec.name, cluster_version(dst)));
  EXPECT_FALSE(catalog_listed(dst, spec.name)) << "catalog still listed after DROP CATALOG";
  EXPECT_THROW(count_rows(dst, via_catalog), db::SqlError);
  // IF EXISTS (the sandbox's dst is 3.3.5): dropping it again is not an error.
  EXPECT_NO_THROW(dst.execute(starrocks::build_drop_catalog(spec.name, cluster_version(dst))));
}

// ADD PARTITION from the source partition's SHOW PARTITIONS bounds, for a range table (a gap in
// the middle), a list table and an automatically partitioned table (date_trunc: StarRocks
// refuses a single range partition there, so a one-step ADD PARTITIONS batch).
struct AddCase {
  std::string table;
  std::string partition;
};

class SrsimAddPartitionTest : public testing::TestWithParam<AddCase> {};

TEST_P(SrsimAddPartitionTest, AddPartitionFromSourceBoundsRecreatesThePartition) {
  EXL_REQUIRE_SANDBOX(sb);
  const AddCase& c = GetParam();
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const std::string database = copy_structure(src, dst, c.table, {c.partition});
  const auto target = ref(database, c.table);
  const auto src_parts = show_partitions(src, ref("demo", c.table));
  const auto& wanted = partition_named(src_parts, c.partition);
  const auto before = show_partitions(dst, target);
  ASSERT_THROW(partition_named(before, c.partition), std::runtime_error);

  const auto by = show_create_model(src, ref("demo", c.table)).partitioning;
  const auto add = starrocks::build_add_source_partition(target, c.partition, wanted.bounds, by);
  ASSERT_TRUE(add.ok()) << add.error().message();
  dst.execute(*add);
  const auto after = show_partitions(dst, target);
  EXPECT_EQ(after.size(), before.size() + 1);
  EXPECT_EQ(partition_named(after, c.partition).bounds, wanted.bounds);
  // IF NOT EXISTS (a batch skips the partitions that exist): adding it again changes nothing.
  EXPECT_NO_THROW(dst.execute(*add));
  EXPECT_EQ(show_partitions(dst, target).size(), after.size());
}

INSTANTIATE_TEST_SUITE_P(Demo, SrsimAddPartitionTest,
                         testing::Values(AddCase{"events", "p20240215"}, AddCase{"shops", "pNY"},
                                         AddCase{"logs", "p20240203"}),
                         [](const auto& info) { return info.param.table; });

TEST(SrsimCopyTest, TruncatePartitionEmptiesOnlyThatPartition) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const std::string database = copy_structure(src, dst, "shops");
  const auto target = ref(database, "shops");
  dst.execute("INSERT INTO " + target.sql() +
              " VALUES (1, 'LA', 'a'), (2, 'NY', 'b'), (3, 'NY', 'c'), (4, 'SF', 'd')");
  ASSERT_EQ(count_rows(dst, target), 4);

  dst.execute(starrocks::build_truncate(target, {"pNY"}));
  EXPECT_EQ(count_rows(dst, target, "city = 'NY'"), 0);
  EXPECT_EQ(count_rows(dst, target), 2);
  EXPECT_EQ(show_partitions(dst, target).size(), 3U) << "TRUNCATE must keep the partition";

  dst.execute(starrocks::build_truncate(target, {"pLA", "pSF"}));
  EXPECT_EQ(count_rows(dst, target), 0);
}

} // namespace
} // namespace exl::test::xcheck
