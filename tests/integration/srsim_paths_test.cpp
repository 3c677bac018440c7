// Cross-check of the other copy paths exlSchema builds SQL for: an expression-partitioned table
// filled through a JDBC catalog (partitions created by the load, compared by the auditor),
// SUBMIT TASK with the task_runs poll, MYSQL and OLAP external tables, and a reused label.
// Reference: starrocks-surface.md §1 (expression partitioning), §4 (labels), §5 (tasks),
// §6 (JDBC catalogs), §7 (external tables).
#include "srsim_test_support.hpp"
#include "support/eventually.hpp"

#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/task_sql.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace exl::test::xcheck {
namespace {

starrocks::TableRef copy_structure(db::Connection& src, db::Connection& dst,
                                   const std::string& name) {
  const auto model = show_create_model(src, ref("demo", name));
  const auto rewritten = starrocks::rewrite_for_target(model, {.replication_num = 1});
  const std::string database = unique_database(name);
  dst.execute(starrocks::build_create_database(database));
  dst.execute(starrocks::build_create_table(rewritten.table, database));
  return ref(database, name);
}

// A JDBC catalog on dst reading src; dropped when the test ends.
class SourceCatalog {
public:
  SourceCatalog(db::Connection& dst, const db::ConnectionParams& src) : m_dst(dst) {
    starrocks::JdbcCatalogSpec spec;
    spec.name = unique_database("cat");
    spec.host = src.host;
    spec.port = src.port;
    spec.user = src.user;
    spec.password = src.password;
    spec.driver_url = "file:///opt/starrocks/drivers/mysql-connector-j-8.0.33.jar";
    m_dst.execute(starrocks::build_create_jdbc_catalog(spec));
    m_name = spec.name;
  }
  ~SourceCatalog() {
    try {
      m_dst.execute(starrocks::build_drop_catalog(m_name, cluster_version(m_dst)));
    } catch (const std::exception&) {
      // The test already failed if dst went away; nothing to clean then.
    }
  }
  SourceCatalog(const SourceCatalog&) = delete;
  SourceCatalog& operator=(const SourceCatalog&) = delete;
  starrocks::TableRef table(const std::string& name) const { return ref("demo", name, m_name); }

private:
  db::Connection& m_dst;
  std::string m_name;
};

// Partition name -> rows, by the auditor's statement.
std::map<std::string, std::int64_t> audit(db::Connection& conn, const starrocks::TableRef& table) {
  const auto model = show_create_model(conn, table);
  const auto partitions = show_partitions(conn, table);
  const auto queries = starrocks::build_partition_count_queries(
      table, starrocks::partition_columns(model, partitions).value(),
      starrocks::named_bounds(partitions));
  if (!queries) {
    throw std::runtime_error(queries.error().message());
  }
  std::map<std::string, std::int64_t> counts;
  for (const auto& sql : *queries) {
    const auto rs = conn.query(sql);
    for (std::size_t r = 0; r < rs.rows.size(); ++r) {
      counts[rs.value(r, "exl_partition").value_or("<none>")] +=
          std::stoll(rs.value(r, "exl_rows").value_or("0"));
    }
  }
  return counts;
}

TEST(SrsimPathsTest, ExpressionPartitionedCopyCreatesTheSourcePartitions) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "logs");
  SourceCatalog catalog(dst, sb.src);
  starrocks::InsertSpec insert;
  insert.target = target;
  insert.label = unique_database("label_logs");
  insert.query = starrocks::build_select_rows(catalog.table("logs"), {});
  dst.execute(starrocks::build_insert(insert, cluster_version(dst)));

  const auto src_parts = show_partitions(src, ref("demo", "logs"));
  const auto dst_parts = show_partitions(dst, target);
  ASSERT_EQ(dst_parts.size(), src_parts.size());
  for (std::size_t i = 0; i < src_parts.size(); ++i) {
    EXPECT_EQ(dst_parts[i].name, src_parts[i].name);
    EXPECT_EQ(dst_parts[i].bounds, src_parts[i].bounds) << src_parts[i].name;
  }
  EXPECT_EQ(audit(dst, target), audit(src, ref("demo", "logs")));

  // One auto-created partition doubled, then overwritten from the source with exlSchema's
  // predicate: back to the source's rows.
  const auto model = show_create_model(src, ref("demo", "logs"));
  const auto& p = src_parts.at(2);
  const auto predicate = starrocks::partition_predicate(
      starrocks::partition_columns(model, src_parts).value(), p.bounds);
  ASSERT_TRUE(predicate.ok()) << predicate.error().message();
  starrocks::InsertSpec twice = insert;
  twice.label = unique_database("label_logs_twice");
  twice.query = starrocks::build_select_rows(catalog.table("logs"), {*predicate});
  dst.execute(starrocks::build_insert(twice, cluster_version(dst)));
  ASSERT_EQ(audit(dst, target)[p.name], 2 * audit(src, ref("demo", "logs"))[p.name]);
  starrocks::InsertSpec overwrite = twice;
  overwrite.overwrite = true;
  overwrite.partitions = {p.name};
  overwrite.label = unique_database("label_logs_ow");
  const auto done = dst.execute(starrocks::build_insert(overwrite, cluster_version(dst)));
  EXPECT_NE(done.info.find(overwrite.label), std::string::npos) << done.info;
  EXPECT_EQ(audit(dst, target), audit(src, ref("demo", "logs")));
}

TEST(SrsimPathsTest, ReusedLabelIsRefused) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "regions");
  starrocks::InsertSpec insert;
  insert.target = target;
  insert.label = unique_database("label_reuse");
  insert.query = "SELECT 1, 'one'";
  dst.execute(starrocks::build_insert(insert, cluster_version(dst)));
  try {
    dst.execute(starrocks::build_insert(insert, cluster_version(dst)));
    ADD_FAILURE() << "a reused label was accepted";
  } catch (const db::SqlError& e) {
    // Reference §4: `Label [l] has already been used.`
    EXPECT_NE(e.message().find("Label [" + insert.label + "] has already been used"),
              std::string::npos)
        << e.message();
  }
  EXPECT_EQ(count_rows(dst, target), 1);
}

// The reuse check reads SHOW CREATE CATALOG back: same jdbc_uri and user, password masked.
TEST(SrsimPathsTest, ShowCreateCatalogPropertiesIdentifyTheSource) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection dst(sb.dst);
  SourceCatalog catalog(dst, sb.src);
  const auto rs = dst.query(starrocks::build_show_create_catalog(catalog.table("x").catalog));
  ASSERT_EQ(rs.rows.size(), 1U);
  const auto props = starrocks::parse_catalog_properties(rs.rows[0].at(1).value_or(""));
  ASSERT_TRUE(props.ok()) << props.error().message() << "\n" << rs.rows[0].at(1).value_or("");
  const auto* uri = starrocks::find_property(*props, "jdbc_uri");
  const auto* user = starrocks::find_property(*props, "user");
  const auto* password = starrocks::find_property(*props, "password");
  ASSERT_NE(uri, nullptr);
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(*uri, starrocks::jdbc_uri(sb.src.host, sb.src.port));
  EXPECT_EQ(*user, sb.src.user);
  ASSERT_NE(password, nullptr);
  EXPECT_NE(*password, sb.src.password) << "SHOW CREATE CATALOG must mask the password (§6)";
}

// Column list after the label (reference §4: label and column list in either order), then
// DROP TABLE ... FORCE.
TEST(SrsimPathsTest, InsertWithLabelAndColumnListThenDropTableForce) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "regions");
  starrocks::InsertSpec insert;
  insert.target = target;
  insert.label = unique_database("label_columns");
  insert.columns = {"name", "region_id"};
  insert.query = "SELECT 'far', 7";
  const auto done = dst.execute(starrocks::build_insert(insert, cluster_version(dst)));
  EXPECT_EQ(done.affected_rows, 1U);
  EXPECT_EQ(count_rows(dst, target, "region_id = 7 AND name = 'far'"), 1);
  dst.execute(starrocks::build_drop_table(target, true, true));
  EXPECT_THROW(count_rows(dst, target), db::SqlError);
}

TEST(SrsimPathsTest, SubmitTaskRunsTheInsertAndTaskRunsReportsIt) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "users");
  SourceCatalog catalog(dst, sb.src);
  const auto version = cluster_version(dst);
  ASSERT_TRUE(starrocks::supports(version, starrocks::Feature::SubmitTaskInsert));

  starrocks::InsertSpec insert;
  insert.target = target;
  insert.label = unique_database("label_task");
  insert.query = starrocks::build_select_rows(catalog.table("users"), {});
  const std::string task = unique_database("task");
  dst.query(
      starrocks::build_submit_task(task, starrocks::build_insert(insert, version), 600, version));

  std::string error;
  const std::string state = final_task_state(dst, task, error);
  const bool finished = state == "SUCCESS" || state == "FAILED";
  ASSERT_TRUE(finished) << "last state " << state;
  EXPECT_EQ(state, "SUCCESS") << error;
  EXPECT_EQ(count_rows(dst, target), count_rows(src, ref("demo", "users")));

  const auto listed = dst.query(starrocks::build_list_tasks(task));
  ASSERT_EQ(listed.rows.size(), 1U);
  EXPECT_EQ(listed.rows[0][0].value_or(""), task);
  dst.execute(starrocks::build_drop_task(task, version));
  EXPECT_TRUE(dst.query(starrocks::build_list_tasks(task)).empty());
}

TEST(SrsimPathsTest, MysqlExternalTableOnTheTargetReadsTheSource) {
  EXL_REQUIRE_SANDBOX(sb);
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "shops");
  const auto model = show_create_model(src, ref("demo", "shops"));
  ASSERT_EQ(starrocks::mysql_external_unsupported(model), std::nullopt);
  const auto external = ref(target.database, "ext_shops");
  dst.execute(starrocks::build_create_mysql_external_table(
      external, model, {sb.src.host, sb.src.port, sb.src.user, sb.src.password, "demo", "shops"}));
  const std::int64_t total = count_rows(src, ref("demo", "shops"));
  EXPECT_EQ(count_rows(dst, external), total);

  dst.execute("INSERT INTO " + target.sql() + " SELECT * FROM " + external.sql());
  EXPECT_EQ(audit(dst, target), audit(src, ref("demo", "shops")));
}

// The OLAP external table lives on the source and writes into the target through the target's
// RPC port; INSERT is refused until the FE has synced the target's metadata (about 10 s, §7).
TEST(SrsimPathsTest, OlapExternalTableOnTheSourceWritesTheTarget) {
  EXL_REQUIRE_SANDBOX(sb);
  const auto env = load_sandbox_env();
  db::Connection src(sb.src);
  db::Connection dst(sb.dst);
  const auto target = copy_structure(src, dst, "regions");
  const auto target_model = show_create_model(dst, target);
  const std::string database = unique_database("ext");
  src.execute(starrocks::build_create_database(database));
  const auto external = ref(database, "ext_regions");
  src.execute(starrocks::build_create_olap_external_table(
      external, target_model,
      {sb.dst.host, std::stoi(env->at("DST_RPC_PORT")), sb.dst.user, sb.dst.password,
       target.database, target.table}));

  const std::string insert =
      "INSERT INTO " + external.sql() + " SELECT * FROM " + ref("demo", "regions").sql();
  std::string last_error;
  const bool loaded = eventually(
      [&] {
        try {
          src.execute(insert);
          return true;
        } catch (const db::SqlError& e) {
          last_error = e.message();
          return e.message().find("empty partition") == std::string::npos; // other: give up
        }
      },
      std::chrono::seconds(25), std::chrono::milliseconds(100));
  ASSERT_TRUE(loaded) << last_error;
  EXPECT_EQ(count_rows(dst, target), count_rows(src, ref("demo", "regions"))) << last_error;
}

} // namespace
} // namespace exl::test::xcheck
