#include "ddl_samples.hpp"
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/task_sql.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace exl::starrocks {
namespace {

// The releases srsim simulates, as current_version() reports them (reference §14 was checked
// against the grammar files of these releases).
const Version k_v25 = parse_version("2.5.22 a1b2c3d");
const Version k_v31 = parse_version("3.1.17 a1b2c3d");
const Version k_v33 = parse_version("3.3.5 a1b2c3d");
const Version k_v34 = parse_version("3.4.4 a1b2c3d");

// Names an attacker (or an unlucky operator) could put in a table list or a config file: each
// must come out inside one quoted identifier or literal, never as SQL.
const char* const k_hostile = "x`; DROP TABLE t; -- '\"";
const char* const k_hostile_ident = "`x``; DROP TABLE t; -- '\"`";

TableModel sample(std::string_view text) {
  Result<TableModel> t = parse_create_table(text);
  EXPECT_TRUE(t.ok());
  return t.ok() ? t.value() : TableModel{};
}

TEST(BuilderTest, DatabaseAndTableStatements) {
  EXPECT_EQ(build_create_database("db"), "CREATE DATABASE IF NOT EXISTS `db`");
  EXPECT_EQ(build_create_database(k_hostile),
            std::string("CREATE DATABASE IF NOT EXISTS ") + k_hostile_ident);
  EXPECT_EQ(build_drop_table({"", "db", "t"}), "DROP TABLE IF EXISTS `db`.`t`");
  EXPECT_EQ(build_drop_table({"", "db", "t"}, false, true), "DROP TABLE `db`.`t` FORCE");
  std::string create = build_create_table(sample(test::k_agg_bitmap_hll), "tgt", true);
  EXPECT_EQ(create.rfind("CREATE TABLE IF NOT EXISTS `tgt`.`uv` (\n  `dt` date NOT NULL", 0), 0U);
  EXPECT_EQ(create.back(), ')');
}

TEST(BuilderTest, AddPartitionFromSourceBounds) {
  TableRef t{"", "db", "t"};
  PartitionBounds range{PartitionBounds::Kind::Range,
                        {Literal::value("2020-01-01")},
                        {Literal::value("2020-02-01")},
                        {}};
  EXPECT_EQ(build_add_partition(t, "p202001", range),
            "ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `p202001` VALUES "
            "[(\"2020-01-01\"), (\"2020-02-01\"))");
  range.upper = {Literal::max_value()};
  EXPECT_EQ(build_add_partition(t, "pmax", range),
            "ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `pmax` VALUES "
            "[(\"2020-01-01\"), (MAXVALUE))");
  PartitionBounds list{PartitionBounds::Kind::List,
                       {},
                       {},
                       {{Literal::value("Los Angeles")}, {Literal::value(k_hostile)}}};
  EXPECT_EQ(build_add_partition(t, "pLA", list),
            "ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `pLA` VALUES IN (\"Los Angeles\", "
            "\"x`; DROP TABLE t; -- \\'\\\"\")");
  PartitionBounds multi{
      PartitionBounds::Kind::List, {}, {}, {{Literal::value("2022-04-01"), Literal::value("LA")}}};
  EXPECT_EQ(build_add_partition(t, "p1", multi),
            "ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `p1` VALUES IN "
            "((\"2022-04-01\", \"LA\"))");
}

TEST(BuilderTest, TemporaryPartitionAddReplaceAndDrop) {
  TableRef t{"", "db", "t"};
  PartitionBounds range{PartitionBounds::Kind::Range,
                        {Literal::value("2020-01-01")},
                        {Literal::value("2020-02-01")},
                        {}};
  EXPECT_EQ(build_add_temporary_partition(t, "exl_tmp_r__p202001", range),
            "ALTER TABLE `db`.`t` ADD TEMPORARY PARTITION `exl_tmp_r__p202001` VALUES "
            "[(\"2020-01-01\"), (\"2020-02-01\"))");
  PartitionBounds list{PartitionBounds::Kind::List, {}, {}, {{Literal::value("LA")}}};
  EXPECT_EQ(build_add_temporary_partition(t, "tp", list),
            "ALTER TABLE `db`.`t` ADD TEMPORARY PARTITION `tp` VALUES IN (\"LA\")");
  EXPECT_EQ(build_replace_partition(t, "p202001", k_hostile),
            std::string("ALTER TABLE `db`.`t` REPLACE PARTITION (`p202001`) WITH TEMPORARY "
                        "PARTITION (") +
                k_hostile_ident + ")");
  EXPECT_EQ(build_drop_temporary_partition(t, "tp"),
            "ALTER TABLE `db`.`t` DROP TEMPORARY PARTITION IF EXISTS `tp`");
}

TEST(BuilderTest, Truncate) {
  EXPECT_EQ(build_truncate({"", "db", "t"}), "TRUNCATE TABLE `db`.`t`");
  EXPECT_EQ(build_truncate({"", "db", "t"}, {"p1", k_hostile}),
            std::string("TRUNCATE TABLE `db`.`t` PARTITION (`p1`, ") + k_hostile_ident + ")");
}

TEST(BuilderTest, InsertOverwriteWithPartitionsLabelAndHints) {
  InsertSpec spec;
  spec.target = {"", "db", "t"};
  spec.overwrite = true;
  spec.partitions = {"p1", "p2"};
  spec.label = "exl_run1_db_t_p1";
  spec.set_vars = {{"dynamic_overwrite", "true"}, {"bad name;", "x y"}};
  spec.query = build_select_rows({"src_cat", "db", "t"}, {"`dt` >= \"2020-01-01\"", "TRUE", ""});
  EXPECT_EQ(build_insert(spec, k_v34),
            "INSERT OVERWRITE /*+set_var(dynamic_overwrite = true, badname = \"x y\")*/ `db`.`t` "
            "PARTITION (`p1`, `p2`) WITH LABEL `exl_run1_db_t_p1` SELECT * FROM `src_cat`.`db`.`t` "
            "WHERE (`dt` >= \"2020-01-01\")");
}

// INSERT INTO .. TEMPORARY PARTITION (reference §2/§3): -o starrocks loads a replacement there.
TEST(BuilderTest, InsertIntoTemporaryPartitions) {
  InsertSpec spec;
  spec.target = {"", "db", "ext"};
  spec.partitions = {"exl_tmp_r__p1"};
  spec.temporary = true;
  spec.label = "l1";
  spec.columns = {"k"};
  spec.query = build_select_columns({"", "db", "t"}, {"k"}, {"`k` < 10"});
  EXPECT_EQ(build_insert(spec, k_v25),
            "INSERT INTO `db`.`ext` TEMPORARY PARTITION (`exl_tmp_r__p1`) WITH LABEL `l1` (`k`) "
            "SELECT `k` FROM `db`.`t` WHERE (`k` < 10)");
}

// Reference §14: a hint after INSERT OVERWRITE parses from 3.1.7 / 3.2.3. Before that a hint
// after the query's SELECT parses but StarRocks applies a SELECT's hints only to a plain SELECT
// (StmtExecutor, `parsedStmt instanceof QueryStatement`): the builder refuses rather than send a
// hint that would be ignored.
TEST(BuilderTest, InsertSessionVariablesNeedTheHintAfterInsert) {
  InsertSpec spec;
  spec.target = {"", "db", "t"};
  spec.overwrite = true;
  spec.set_vars = {{"query_timeout", "600"}};
  spec.query = build_select_rows({"", "db", "src"}, {});
  const std::string after_insert =
      "INSERT OVERWRITE /*+set_var(query_timeout = 600)*/ `db`.`t` SELECT * FROM `db`.`src`";
  EXPECT_THROW(build_insert(spec, k_v25), std::invalid_argument);
  EXPECT_THROW(build_insert(spec, parse_version("3.1.6")), std::invalid_argument);
  EXPECT_THROW(build_insert(spec, parse_version("3.2.2")), std::invalid_argument);
  EXPECT_EQ(build_insert(spec, parse_version("3.1.7")), after_insert);
  EXPECT_EQ(build_insert(spec, k_v31), after_insert);
  EXPECT_EQ(build_insert(spec, k_v33), after_insert);
  spec.set_vars.clear();
  spec.query = "VALUES (1)";
  EXPECT_EQ(build_insert(spec, k_v25), "INSERT OVERWRITE `db`.`t` VALUES (1)");
}

TEST(BuilderTest, InsertIntoWithColumnsAndProperties) {
  InsertSpec spec;
  spec.target = {"", "db", k_hostile};
  spec.columns = {"a", "b"};
  spec.properties = {{"timeout", "3600"}};
  spec.query = build_select_rows({"", "db", "src"}, {});
  EXPECT_EQ(build_insert(spec, k_v34), std::string("INSERT INTO `db`.") + k_hostile_ident +
                                           " (`a`, `b`) PROPERTIES (\"timeout\" = \"3600\") "
                                           "SELECT * FROM `db`.`src`");
  EXPECT_EQ(and_predicates({"a = 1", "", "b = 2"}), "(a = 1) AND (b = 2)");
  EXPECT_EQ(and_predicates({"TRUE"}), "");
}

// Reference §14: INSERT ... PROPERTIES parses from 3.4; before, the timeout is the session's
// query_timeout (which bounds INSERT there, §4), and nothing else has a pre-3.4 equivalent.
TEST(BuilderTest, InsertPropertiesOnlyFromThreeFour) {
  InsertSpec spec;
  spec.target = {"", "db", "t"};
  spec.properties = {{"timeout", "3600"}};
  spec.query = "SELECT * FROM `db`.`src`";
  EXPECT_EQ(build_insert(spec, k_v34),
            "INSERT INTO `db`.`t` PROPERTIES (\"timeout\" = \"3600\") SELECT * FROM `db`.`src`");
  EXPECT_EQ(build_insert(spec, k_v33),
            "INSERT INTO /*+set_var(query_timeout = 3600)*/ `db`.`t` SELECT * FROM `db`.`src`");
  EXPECT_THROW(build_insert(spec, k_v25), std::invalid_argument);
  spec.properties = {{"strict_mode", "false"}};
  EXPECT_THROW(build_insert(spec, k_v33), std::invalid_argument);
}

TEST(BuilderTest, HostileNamesStayInsideQuotesEverywhere) {
  TableModel t;
  t.name = k_hostile;
  t.columns.push_back(Column{k_hostile, ColumnType{"int", {11}, {}, {}}, "", true, std::nullopt,
                             false, "", k_hostile});
  t.key_type = KeyType::Duplicate;
  t.key_columns = {k_hostile};
  t.distribution = {Distribution::Kind::Hash, {k_hostile}, 1};
  t.properties = {{k_hostile, k_hostile}};
  std::string ddl = build_create_table(t, k_hostile);
  EXPECT_EQ(ddl, std::string("CREATE TABLE ") + k_hostile_ident + "." + k_hostile_ident + " (\n  " +
                     k_hostile_ident +
                     " int(11) NULL COMMENT \"x`; DROP TABLE t; -- \\'\\\"\"\n) ENGINE=OLAP\n"
                     "DUPLICATE KEY(" +
                     k_hostile_ident + ")\nDISTRIBUTED BY HASH(" + k_hostile_ident +
                     ") BUCKETS 1\nPROPERTIES (\n\"x`; DROP TABLE t; -- "
                     "\\'\\\"\" = \"x`; DROP TABLE t; -- \\'\\\"\"\n)");
  Result<TableModel> back = parse_create_table(ddl);
  ASSERT_TRUE(back.ok()) << back.error().message();
  EXPECT_EQ(back.value(), t);
  InsertSpec spec;
  spec.target = {"", "db", "t"};
  spec.partitions = {k_hostile};
  spec.label = k_hostile;
  spec.query = "SELECT 1";
  EXPECT_EQ(build_insert(spec, k_v33), std::string("INSERT INTO `db`.`t` PARTITION (") +
                                           k_hostile_ident + ") WITH LABEL " + k_hostile_ident +
                                           " SELECT 1");
}

TEST(BuilderTest, JdbcCatalog) {
  JdbcCatalogSpec spec;
  spec.name = "exl_tmp_r1_src";
  spec.host = "10.0.0.11";
  spec.port = 9030;
  spec.user = "migrator";
  spec.password = "p\"w'd";
  spec.driver_url = "file:///opt/mysql-connector-j-8.0.33.jar";
  spec.comment = "exlSchema source prod_a";
  std::string sql = build_create_jdbc_catalog(spec);
  EXPECT_EQ(sql, "CREATE EXTERNAL CATALOG `exl_tmp_r1_src` COMMENT \"exlSchema source prod_a\"\n"
                 "PROPERTIES (\n"
                 "\"type\" = \"jdbc\",\n"
                 "\"user\" = \"migrator\",\n"
                 "\"password\" = \"p\\\"w\\'d\",\n"
                 "\"jdbc_uri\" = \"jdbc:mysql://10.0.0.11:9030\",\n"
                 "\"driver_url\" = \"file:///opt/mysql-connector-j-8.0.33.jar\",\n"
                 "\"driver_class\" = \"com.mysql.cj.jdbc.Driver\"\n"
                 ")");
  Result<Properties> props = parse_catalog_properties(sql);
  ASSERT_TRUE(props.ok());
  EXPECT_EQ(*find_property(props.value(), "password"), "p\"w'd");
  EXPECT_EQ(*find_property(props.value(), "jdbc_uri"), "jdbc:mysql://10.0.0.11:9030");
  EXPECT_FALSE(parse_catalog_properties("CREATE EXTERNAL CATALOG c").ok());
}

// Reference §14: DROP CATALOG IF EXISTS parses from 3.3.0 and SHOW CATALOGS LIKE from 3.5; JDBC
// catalogs are used from 3.0, so 3.0-3.2 get the plain DROP and every release before 3.5 the
// plain SHOW CATALOGS, filtered by catalogs_with_prefix.
TEST(BuilderTest, CatalogStatementsFollowTheVersion) {
  EXPECT_EQ(build_drop_catalog("c`1", k_v33), "DROP CATALOG IF EXISTS `c``1`");
  EXPECT_EQ(build_drop_catalog("c`1", k_v34), "DROP CATALOG IF EXISTS `c``1`");
  EXPECT_EQ(build_drop_catalog("c`1", k_v31), "DROP CATALOG `c``1`");
  EXPECT_EQ(build_drop_catalog("c", parse_version("3.2.15")), "DROP CATALOG `c`");
  for (const Version& v : {k_v25, k_v31, k_v33, k_v34}) {
    EXPECT_EQ(build_show_catalogs(v, "exl_tmp_"), "SHOW CATALOGS") << v.text;
    EXPECT_EQ(build_show_catalogs(v), "SHOW CATALOGS") << v.text;
  }
  EXPECT_EQ(build_show_catalogs(parse_version("3.5.0"), "exl_tmp_"),
            "SHOW CATALOGS LIKE \"exl\\\\_tmp\\\\_%\"");
  EXPECT_EQ(catalogs_with_prefix(
                {"default_catalog", "exl_tmp_a", "exlxtmp_b", "EXL_TMP_c", "exl_tmp_"}, "exl_tmp_"),
            (std::vector<std::string>{"exl_tmp_a", "exl_tmp_"}));
  EXPECT_EQ(catalogs_with_prefix({"a%b", "axb"}, "a%"), (std::vector<std::string>{"a%b"}));
  EXPECT_EQ(catalogs_with_prefix({"a", "b"}, ""), (std::vector<std::string>{"a", "b"}));
}

TEST(BuilderTest, MysqlExternalTable) {
  TableModel t = sample(test::k_aggregate_range);
  ExternalConnection c{"10.0.0.11", 9030, "u", "pw", "db", "t"};
  EXPECT_EQ(build_create_mysql_external_table({"", "tgt", "exl_tmp_r1_t"}, t, c),
            "CREATE EXTERNAL TABLE `tgt`.`exl_tmp_r1_t` (\n"
            "  `k1` date NULL,\n"
            "  `v1` int(11) NULL\n"
            ") ENGINE=MYSQL\n"
            "PROPERTIES (\n"
            "\"host\" = \"10.0.0.11\",\n"
            "\"port\" = \"9030\",\n"
            "\"user\" = \"u\",\n"
            "\"password\" = \"pw\",\n"
            "\"database\" = \"db\",\n"
            "\"table\" = \"t\"\n"
            ")");
  EXPECT_EQ(mysql_external_unsupported(t), std::nullopt);
  EXPECT_NE(mysql_external_unsupported(sample(test::k_agg_bitmap_hll)), std::nullopt);
}

TEST(BuilderTest, OlapExternalTableMirrorsDestination) {
  TableModel t = sample(test::k_primary_list);
  ExternalConnection c{"10.0.0.12", 9020, "u", "", "db", "orders"};
  std::string sql = build_create_olap_external_table({"", "src", "exl_tmp_r1_orders"}, t, c);
  EXPECT_EQ(sql.rfind("CREATE EXTERNAL TABLE `src`.`exl_tmp_r1_orders` (\n  `id` bigint(20) NOT "
                      "NULL AUTO_INCREMENT COMMENT \"\",",
                      0),
            0U);
  EXPECT_NE(sql.find(") ENGINE=OLAP\nPRIMARY KEY(`id`, `city`)\nDISTRIBUTED BY HASH(`id`) "
                     "BUCKETS 8\nPROPERTIES (\n\"host\" = \"10.0.0.12\",\n\"port\" = \"9020\""),
            std::string::npos);
  EXPECT_EQ(sql.find("PARTITION"), std::string::npos);
}

TEST(BuilderTest, TasksFollowTheVersion) {
  std::string body = "INSERT OVERWRITE `db`.`t` PARTITION (`p1`) SELECT * FROM `c`.`db`.`t`";
  EXPECT_EQ(build_submit_task("exl_tmp_r1_t_0", body, 7200, k_v34),
            "SUBMIT TASK `exl_tmp_r1_t_0` PROPERTIES (\"session.insert_timeout\" = \"7200\") AS " +
                body);
  EXPECT_EQ(build_submit_task("exl_tmp_r1_t_0", body, 7200, k_v33),
            "SUBMIT TASK `exl_tmp_r1_t_0` PROPERTIES (\"session.query_timeout\" = \"7200\") AS " +
                body);
  EXPECT_EQ(build_submit_task("exl_tmp_r1_t_0", body, 7200, parse_version("3.2.3")),
            "SUBMIT TASK `exl_tmp_r1_t_0` PROPERTIES (\"session.query_timeout\" = \"7200\") AS " +
                body);
  // Reference §14: SUBMIT TASK .. PROPERTIES fails on 2.5 through 3.2.2; the hint parses on all.
  for (const Version& v : {k_v25, k_v31, parse_version("3.2.2")}) {
    EXPECT_EQ(build_submit_task("exl_tmp_r1_t_0", body, 7200, v),
              "SUBMIT /*+set_var(query_timeout = 7200)*/ TASK `exl_tmp_r1_t_0` AS " + body)
        << v.text;
  }
  EXPECT_EQ(build_submit_task("n", body, std::nullopt, k_v31), "SUBMIT TASK `n` AS " + body);
  EXPECT_EQ(build_submit_task("n", body, std::nullopt, k_v33), "SUBMIT TASK `n` AS " + body);
  // Reference §14: DROP TASK IF EXISTS parses from 4.0 only.
  for (const Version& v : {k_v25, k_v31, k_v33, k_v34, parse_version("3.5.9")}) {
    EXPECT_EQ(build_drop_task("n", v), "DROP TASK `n`") << v.text;
  }
  EXPECT_EQ(build_drop_task(k_hostile, parse_version("4.0.1"), true),
            std::string("DROP TASK IF EXISTS ") + k_hostile_ident + " FORCE");
  EXPECT_EQ(build_drop_task(k_hostile, k_v33, true),
            std::string("DROP TASK ") + k_hostile_ident + " FORCE");
  EXPECT_TRUE(task_missing_error("Getting analyzing error. Detail message: Task t1 is not exist."));
  EXPECT_FALSE(task_missing_error("Getting analyzing error. Detail message: Access denied."));
  // Reference §14: DATABASE is reserved in every release; the column is backquoted.
  EXPECT_EQ(build_task_runs_query({"a"}),
            "SELECT `QUERY_ID`, `TASK_NAME`, `CREATE_TIME`, `FINISH_TIME`, `STATE`, `DATABASE`, "
            "`ERROR_CODE`, `ERROR_MESSAGE`, `PROGRESS` FROM information_schema.task_runs WHERE "
            "TASK_NAME = \"a\"");
  EXPECT_NE(build_task_runs_query({"a", "b\""}).find("WHERE TASK_NAME IN (\"a\", \"b\\\"\")"),
            std::string::npos);
  EXPECT_EQ(build_list_tasks("exl_tmp_"),
            "SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME LIKE "
            "\"exl\\\\_tmp\\\\_%\"");
}

TEST(BuilderTest, MetadataStatements) {
  TableRef t{"", "db", "t"};
  EXPECT_EQ(build_current_version(), "SELECT current_version()");
  EXPECT_EQ(build_show_create_table(t), "SHOW CREATE TABLE `db`.`t`");
  EXPECT_EQ(build_show_create_view(t), "SHOW CREATE VIEW `db`.`t`");
  EXPECT_EQ(build_show_create_materialized_view(t), "SHOW CREATE MATERIALIZED VIEW `db`.`t`");
  EXPECT_EQ(build_show_partitions(t), "SHOW PARTITIONS FROM `db`.`t`");
  EXPECT_EQ(build_show_full_tables("d`b"), "SHOW FULL TABLES FROM `d``b`");
  EXPECT_NE(build_partitions_meta_query("db", "t'x")
                .find("WHERE DB_NAME = \"db\" AND TABLE_NAME = \"t\\'x\""),
            std::string::npos);
}

} // namespace
} // namespace exl::starrocks
