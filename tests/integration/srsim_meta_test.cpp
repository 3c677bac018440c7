// Cross-check of the other metadata exlSchema reads: the printer's layout against srsim's
// SHOW CREATE text, information_schema.partitions_meta against SHOW PARTITIONS, views,
// current_version(), SHOW FULL TABLES and SHOW CATALOGS LIKE.
// Reference: starrocks-surface.md §1, §2, §6, §8.
#include "srsim_test_support.hpp"

#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

namespace exl::test::xcheck {
namespace {

const std::vector<std::string> k_tables = {"events", "users", "sales", "regions", "shops", "logs"};

std::string show_create_text(db::Connection& conn, const starrocks::TableRef& table) {
  const auto rs = conn.query(starrocks::build_show_create_table(table));
  return rs.rows.at(0).at(1).value_or("");
}

class SrsimMetaTableTest : public testing::TestWithParam<std::string> {};

// exlSchema's printer does not reproduce SHOW CREATE byte for byte, on purpose (partition names
// always quoted, no trailing blanks, list values double-quoted, expression columns quoted), but
// the table it creates must be the same: srsim's SHOW CREATE of the copy (unchanged model, no
// rewrite) must equal that of the source, text for text.
TEST_P(SrsimMetaTableTest, PrintedDdlCreatesATableWithTheSameShowCreateText) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto table = ref("demo", GetParam());
  const auto model = show_create_model(src, table);
  const auto reparsed = starrocks::parse_create_table(starrocks::print_create_table(model));
  ASSERT_TRUE(reparsed.ok()) << reparsed.error().message();
  EXPECT_EQ(*reparsed, model);

  const std::string database = unique_database("print");
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::print_create_table(model, {.database = database}));
  EXPECT_EQ(show_create_text(dst, ref(database, GetParam())), show_create_text(src, table));
}

TEST_P(SrsimMetaTableTest, PartitionsMetaAgreesWithShowPartitions) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto shown = show_partitions(src, ref("demo", GetParam()));
  const auto rs = src.query(starrocks::build_partitions_meta_query("demo", GetParam()));
  const auto meta = starrocks::parse_show_partitions(rs.columns, rs.rows);
  ASSERT_TRUE(meta.ok()) << meta.error().message();
  ASSERT_EQ(meta->size(), shown.size());
  for (std::size_t i = 0; i < shown.size(); ++i) {
    SCOPED_TRACE("partition " + shown[i].name);
    const auto& m = (*meta)[i];
    EXPECT_EQ(m.name, shown[i].name);
    EXPECT_EQ(m.id, shown[i].id);
    EXPECT_EQ(m.bounds, shown[i].bounds);
    EXPECT_EQ(m.key_columns, shown[i].key_columns);
    EXPECT_EQ(m.visible_version, shown[i].visible_version);
    EXPECT_EQ(m.buckets, shown[i].buckets);
    EXPECT_EQ(m.row_count, shown[i].row_count);
    // SHOW PARTITIONS prints DataSize as text (`16KB`), partitions_meta as bytes (§2).
    EXPECT_EQ(m.data_size_bytes, shown[i].data_size_bytes);
    EXPECT_EQ(m.replication_num, shown[i].replication_num);
  }
}

INSTANTIATE_TEST_SUITE_P(Demo, SrsimMetaTableTest, testing::ValuesIn(k_tables),
                         [](const auto& info) { return info.param; });

TEST(SrsimMetaTest, ViewParsesAndIsRecreatedOnTheTarget) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto view_ref = ref("demo", "events_per_day");
  const auto rs = src.query(starrocks::build_show_create_view(view_ref));
  ASSERT_EQ(rs.columns.at(0), "View");
  const auto view = starrocks::parse_create_view(rs.rows.at(0).at(1).value_or(""));
  ASSERT_TRUE(view.ok()) << view.error().message();
  EXPECT_EQ(view->name, "events_per_day");
  ASSERT_EQ(view->columns.size(), 2U);
  EXPECT_EQ(view->columns[0].name, "dt");
  EXPECT_EQ(view->columns[1].name, "events");

  // SHOW CREATE TABLE pointed at a view returns the view's DDL (reference §1).
  const auto any = starrocks::parse_show_create(show_create_text(src, view_ref));
  ASSERT_TRUE(any.ok()) << any.error().message();
  EXPECT_TRUE(std::holds_alternative<starrocks::ViewModel>(*any));

  // The view on the target, over a copy of its table, answers like the source's.
  const std::string database = unique_database("view");
  dst.execute(starrocks::build_create_database(database));
  dst.execute(
      starrocks::build_create_table(show_create_model(src, ref("demo", "events")), database));
  starrocks::ViewModel copy = *view;
  const auto query = starrocks::rewrite_query_databases(copy.definition, {{"demo", database}});
  ASSERT_TRUE(query.ok()) << query.error().message();
  copy.definition = query.value();
  dst.execute(starrocks::print_create_view(copy, {.database = database}));
  const auto back =
      starrocks::parse_create_view(show_create_text(dst, ref(database, "events_per_day")));
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back->columns, view->columns);
  EXPECT_EQ(count_rows(dst, ref(database, "events_per_day")), 0);
}

TEST(SrsimMetaTest, CurrentVersionIsReadable) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto rs = src.query(starrocks::build_current_version());
  const auto version = starrocks::parse_version(rs.rows.at(0).at(0).value_or(""));
  EXPECT_TRUE(version.known) << version.text;
  EXPECT_EQ(version, (starrocks::Version{3, 3, 5, true, {}})); // sandbox.sh's default version
  EXPECT_TRUE(starrocks::supports(version, starrocks::Feature::JdbcCatalog));
  EXPECT_TRUE(starrocks::supports(version, starrocks::Feature::PartitionsMeta));
}

TEST(SrsimMetaTest, ShowFullTablesTellsTablesFromViews) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  const auto rs = src.query(starrocks::build_show_full_tables("demo"));
  ASSERT_EQ(rs.columns.size(), 2U);
  std::map<std::string, std::string> kinds;
  for (const auto& row : rs.rows) {
    kinds[row.at(0).value_or("")] = row.at(1).value_or("");
  }
  for (const auto& t : k_tables) {
    EXPECT_EQ(kinds[t], "BASE TABLE") << t;
  }
  EXPECT_EQ(kinds["events_per_day"], "VIEW");
}

// Reference §6/§14: exlSchema's `clean` lists its leftover catalogs by prefix. SHOW CATALOGS LIKE
// parses only from 3.5, so on the sandbox's 3.3.5 the builder lists every catalog and
// catalogs_with_prefix keeps the ones starting with the prefix, `_` matching only itself.
TEST(SrsimMetaTest, CatalogsWithPrefixListsOnlyMatchingCatalogs) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection dst(sb.dst);
  const auto version = cluster_version(dst);
  starrocks::JdbcCatalogSpec spec;
  spec.name = unique_database("likecat");
  spec.host = sb.src.host;
  spec.port = sb.src.port;
  spec.user = sb.src.user;
  spec.password = sb.src.password;
  spec.driver_url = "file:///opt/starrocks/drivers/mysql-connector-j-8.0.33.jar";
  starrocks::JdbcCatalogSpec lookalike = spec; // `_` -> `x`: matched by an unescaped `_`
  lookalike.name[spec.name.find('_')] = 'x';
  dst.execute(starrocks::build_create_jdbc_catalog(spec));
  dst.execute(starrocks::build_create_jdbc_catalog(lookalike));
  const auto rs = dst.query(starrocks::build_show_catalogs(version, spec.name));
  dst.execute(starrocks::build_drop_catalog(spec.name, version));
  dst.execute(starrocks::build_drop_catalog(lookalike.name, version));
  std::vector<std::string> names;
  for (const auto& row : rs.rows) {
    names.push_back(row.at(0).value_or(""));
  }
  EXPECT_EQ(starrocks::catalogs_with_prefix(names, spec.name), std::vector<std::string>{spec.name});
}

} // namespace
} // namespace exl::test::xcheck
