// Every builder of tasks, catalogs, INSERT, external tables, table and partition DDL, metadata
// reads and the audit count query, run against a target of every
// release srsim simulates (2.5.22, 3.1.17, 3.3.5, 3.4.4; reference §14): the statements must
// parse there (srsim answers StarRocks's syntax error for forms a release's grammar lacks) and do
// what exlSchema relies on. The builders pick their form from the version the target reports.
#include "srsim_test_support.hpp"
#include "support/eventually.hpp"

#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/task_sql.hpp"
#include "exlschema/starrocks/version.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace exl::test::xcheck {
namespace {

// A fixture per simulated release: the target of that release, its reported version, and a
// database holding a range-partitioned table `t` (a form every release parses) with rows in `src`.
class SrsimVersionsTest : public testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    const auto sb = sandbox();
    const auto params = target_of_version(GetParam());
    if (!sb || !params) {
      GTEST_FAIL() << "no sandbox target of StarRocks " << GetParam()
                   << ": run through ctest (fixture `xcheck_sandbox`, sandbox.sh --also-dst)";
    }
    m_src_params = sb->src;
    m_target.emplace(*params);
    m_version =
        starrocks::parse_version(scalar_text(*m_target, starrocks::build_current_version()));
    ASSERT_EQ(m_version.text.substr(0, GetParam().size() + 1), GetParam() + " ");
    m_database =
        unique_database("v" + std::to_string(m_version.major) + std::to_string(m_version.minor));
    m_target->execute(starrocks::build_create_database(m_database));
    for (const char* name : {"t", "src"}) {
      m_target->execute("CREATE TABLE " + ref(m_database, name).sql() +
                        " (`dt` DATE, `id` INT, `name` VARCHAR(20)) DUPLICATE KEY(`dt`) "
                        "PARTITION BY RANGE(`dt`) (PARTITION p1 VALUES LESS THAN ('2024-02-01'), "
                        "PARTITION p2 VALUES LESS THAN ('2024-03-01')) "
                        "DISTRIBUTED BY HASH(`id`) BUCKETS 1");
    }
    m_target->execute("INSERT INTO " + ref(m_database, "src").sql() +
                      " VALUES ('2024-01-05', 1, 'a'), ('2024-01-06', 2, 'b'), "
                      "('2024-02-07', 3, 'c')");
  }
  void TearDown() override {
    if (m_target) {
      if (m_no_delay) { // back to the start-up delay: dst is shared with the other cross-checks
        m_target->execute("ADMIN SET SIM RESET");
      }
      m_target->execute("DROP DATABASE IF EXISTS `" + m_database + "`");
    }
  }

  starrocks::JdbcCatalogSpec catalog_spec(const std::string& name) const {
    starrocks::JdbcCatalogSpec spec;
    spec.name = name;
    spec.host = m_src_params.host;
    spec.port = m_src_params.port;
    spec.user = m_src_params.user;
    spec.password = m_src_params.password;
    spec.driver_url = "file:///opt/starrocks/drivers/mysql-connector-j-8.0.33.jar";
    return spec;
  }

  // The catalogs SHOW CATALOGS (as exlSchema builds it for this version) lists under `prefix`.
  std::vector<std::string> catalogs(const std::string& prefix) {
    const auto rs = m_target->query(starrocks::build_show_catalogs(m_version, prefix));
    std::vector<std::string> names;
    for (const auto& row : rs.rows) {
      names.push_back(row.at(0).value_or(""));
    }
    return starrocks::catalogs_with_prefix(names, prefix);
  }

  std::string task_state(const std::string& name, std::string& error) {
    return final_task_state(*m_target, name, error);
  }

  db::ConnectionParams m_src_params;
  std::optional<db::Connection> m_target;
  starrocks::Version m_version;
  std::string m_database;
  bool m_no_delay = false;
};

TEST_P(SrsimVersionsTest, InsertFormsParseAndLoad) {
  const auto t = ref(m_database, "t");
  starrocks::InsertSpec insert;
  insert.target = t;
  insert.label = unique_database("label_v");
  insert.columns = {"dt", "id", "name"};
  insert.set_vars = {{"query_timeout", "600"}};
  insert.properties = {{"timeout", "600"}};
  insert.query = starrocks::build_select_rows(ref(m_database, "src"), {});
  if (!starrocks::supports(m_version, starrocks::Feature::InsertHintAnywhere)) {
    // Older releases cannot carry session variables in an INSERT: the caller SETs them.
    EXPECT_THROW(starrocks::build_insert(insert, m_version), std::invalid_argument);
    m_target->execute("SET query_timeout = 600");
    insert.set_vars.clear();
    insert.properties.clear();
  }
  const auto inserted = m_target->execute(starrocks::build_insert(insert, m_version));
  EXPECT_EQ(inserted.affected_rows, 3U);
  EXPECT_NE(inserted.info.find(insert.label), std::string::npos) << inserted.info;

  starrocks::InsertSpec overwrite = insert;
  overwrite.overwrite = true;
  overwrite.partitions = {"p1"};
  overwrite.label = unique_database("label_o");
  overwrite.query =
      starrocks::build_select_rows(ref(m_database, "src"), {"`dt` < \"2024-02-01\"", "`id` = 1"});
  m_target->execute(starrocks::build_insert(overwrite, m_version));
  EXPECT_EQ(count_rows(*m_target, t), 2); // p1 holds only id 1 now, p2 kept id 3
  EXPECT_EQ(count_rows(*m_target, t, "`id` = 3"), 1);
}

TEST_P(SrsimVersionsTest, TaskFormsParseRunAndDrop) {
  const std::string missing = unique_database("no_task");
  try {
    m_target->execute(starrocks::build_drop_task(missing, m_version));
    ADD_FAILURE() << "DROP TASK of a missing task succeeded";
  } catch (const db::SqlError& e) {
    EXPECT_TRUE(starrocks::task_missing_error(e.message())) << e.message();
  }
  EXPECT_TRUE(m_target->query(starrocks::build_task_runs_query({missing})).rows.empty());
  if (!starrocks::supports(m_version, starrocks::Feature::SubmitTaskInsert)) {
    return; // 2.5 runs no INSERT tasks: exlSchema copies synchronously there
  }
  starrocks::InsertSpec insert;
  insert.target = ref(m_database, "t");
  insert.label = unique_database("label_task");
  insert.query = starrocks::build_select_rows(ref(m_database, "src"), {});
  const std::string task = unique_database("task");
  m_target->query(starrocks::build_submit_task(task, starrocks::build_insert(insert, m_version),
                                               600, m_version));
  std::string error;
  EXPECT_EQ(task_state(task, error), "SUCCESS") << error;
  EXPECT_EQ(count_rows(*m_target, ref(m_database, "t")), 3);
  m_target->execute(starrocks::build_drop_task(task, m_version));
  EXPECT_TRUE(m_target->query(starrocks::build_list_tasks(task)).empty());
}

TEST_P(SrsimVersionsTest, CatalogFormsParseListAndDrop) {
  EXPECT_FALSE(m_target->query(starrocks::build_show_catalogs(m_version)).empty());
  if (!starrocks::supports(m_version, starrocks::Feature::JdbcCatalog)) {
    return; // no JDBC catalogs before 3.0: exlSchema uses external tables there
  }
  const auto spec = catalog_spec(unique_database("vcat"));
  starrocks::JdbcCatalogSpec lookalike = spec; // `_` -> `x`: matched by an unescaped `_`
  lookalike.name[spec.name.find('_')] = 'x';
  m_target->execute(starrocks::build_create_jdbc_catalog(spec));
  m_target->execute(starrocks::build_create_jdbc_catalog(lookalike));
  EXPECT_EQ(catalogs(spec.name), std::vector<std::string>{spec.name});
  db::Connection src(m_src_params);
  EXPECT_EQ(count_rows(*m_target, ref("demo", "shops", spec.name)),
            count_rows(src, ref("demo", "shops")));
  m_target->execute(starrocks::build_drop_catalog(spec.name, m_version));
  m_target->execute(starrocks::build_drop_catalog(lookalike.name, m_version));
  EXPECT_TRUE(catalogs(spec.name).empty());
  // Dropping it again: no error with IF EXISTS (3.3+), "Unknown catalog" before, which the
  // caller treats as done.
  try {
    m_target->execute(starrocks::build_drop_catalog(spec.name, m_version));
    EXPECT_TRUE(starrocks::supports(m_version, starrocks::Feature::DropCatalogIfExists));
  } catch (const db::SqlError& e) {
    EXPECT_FALSE(starrocks::supports(m_version, starrocks::Feature::DropCatalogIfExists));
    EXPECT_NE(e.message().find("Unknown catalog"), std::string::npos) << e.message();
  }
}

TEST_P(SrsimVersionsTest, ExternalTableFormsParseAndMoveRows) {
  db::Connection src(m_src_params);
  const auto shops = ref("demo", "shops");
  const auto model = show_create_model(src, shops);
  ASSERT_EQ(starrocks::mysql_external_unsupported(model), std::nullopt);
  const auto mysql_external = ref(m_database, "ext_shops");
  m_target->execute(starrocks::build_create_mysql_external_table(
      mysql_external, model,
      {m_src_params.host, m_src_params.port, m_src_params.user, m_src_params.password, "demo",
       "shops"}));
  EXPECT_EQ(count_rows(*m_target, mysql_external), count_rows(src, shops));

  // This release as the source of an OLAP external table writing into the 3.3.5 `src` cluster
  // (any StarRocks cluster serves as the destination); no metadata delay wanted here.
  const auto env = load_sandbox_env();
  const std::string destination_db = unique_database("olap_dst");
  src.execute(starrocks::build_create_database(destination_db));
  src.execute("CREATE TABLE " + ref(destination_db, "t").sql() +
              " (`dt` DATE, `id` INT, `name` VARCHAR(20)) DUPLICATE KEY(`dt`) "
              "DISTRIBUTED BY HASH(`id`) BUCKETS 1");
  const auto destination = show_create_model(src, ref(destination_db, "t"));
  m_target->execute("ADMIN SET SIM OLAP EXTERNAL DELAY 0");
  m_no_delay = true;
  const auto olap_external = ref(m_database, "ext_t");
  m_target->execute(starrocks::build_create_olap_external_table(
      olap_external, destination,
      {m_src_params.host, std::stoi(env->at("SRC_RPC_PORT")), m_src_params.user,
       m_src_params.password, destination_db, "t"}));
  m_target->execute("INSERT INTO " + olap_external.sql() + " SELECT * FROM " +
                    ref(m_database, "src").sql());
  EXPECT_EQ(count_rows(src, ref(destination_db, "t")), 3);
  src.execute("DROP DATABASE IF EXISTS `" + destination_db + "`");
}

// The structure path of every mode: SHOW CREATE TABLE parsed and printed again under another
// name, ADD PARTITION from source bounds, SHOW PARTITIONS, partitions_meta where the release has
// it, the audit's count query, TRUNCATE of one partition, DROP TABLE; all in the release's syntax.
TEST_P(SrsimVersionsTest, TableAndPartitionFormsParseAndWork) {
  auto model = show_create_model(*m_target, ref(m_database, "src"));
  model.name = "copy";
  m_target->execute(starrocks::build_create_table(model, m_database));
  const auto copy = ref(m_database, "copy");
  EXPECT_EQ(show_create_model(*m_target, copy).partitioning, model.partitioning);

  starrocks::PartitionBounds march;
  march.kind = starrocks::PartitionBounds::Kind::Range;
  march.lower = {starrocks::Literal::value("2024-03-01")};
  march.upper = {starrocks::Literal::value("2024-04-01")};
  const auto add = starrocks::build_add_source_partition(copy, "p3", march, model.partitioning);
  ASSERT_TRUE(add.ok()) << add.error().message();
  m_target->execute(*add);
  m_target->execute(*add); // IF NOT EXISTS
  const auto partitions = show_partitions(*m_target, copy);
  ASSERT_EQ(partitions.size(), 3U);
  EXPECT_EQ(partitions.back().bounds, march);
  if (starrocks::supports(m_version, starrocks::Feature::PartitionsMeta)) {
    const auto meta = m_target->query(starrocks::build_partitions_meta_query(m_database, "copy"));
    EXPECT_EQ(meta.rows.size(), 3U);
  }

  m_target->execute("INSERT INTO " + copy.sql() + " SELECT * FROM " + ref(m_database, "src").sql());
  const auto columns = starrocks::partition_columns(model, partitions);
  ASSERT_TRUE(columns.ok()) << columns.error().message();
  const auto queries =
      starrocks::build_partition_count_queries(copy, *columns, starrocks::named_bounds(partitions));
  ASSERT_TRUE(queries.ok()) << queries.error().message();
  ASSERT_EQ(queries->size(), 1U);
  std::int64_t counted = 0;
  for (const auto& row : m_target->query(queries->front()).rows) {
    counted += std::stoll(row.at(1).value_or("0"));
  }
  EXPECT_EQ(counted, 3);

  m_target->execute(starrocks::build_truncate(copy, {"p1"}));
  EXPECT_EQ(count_rows(*m_target, copy), 1);
  EXPECT_EQ(m_target->query(starrocks::build_show_full_tables(m_database)).rows.size(), 3U);
  m_target->execute(starrocks::build_drop_table(copy));
  EXPECT_EQ(m_target->query(starrocks::build_show_full_tables(m_database)).rows.size(), 2U);
}

INSTANTIATE_TEST_SUITE_P(Releases, SrsimVersionsTest, testing::ValuesIn(simulated_versions()),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = "v" + info.param;
                           for (char& c : name) {
                             c = c == '.' ? '_' : c;
                           }
                           return name;
                         });

} // namespace
} // namespace exl::test::xcheck
