// rewrite_query_databases on the query texts SHOW CREATE MATERIALIZED VIEW / VIEW print:
// MaterializedView.getMaterializedViewDdlStmt(true) prints the "simple" define SQL
// (AstToSQLBuilder.buildSimple: tables as `db`.`tbl`, columns as `tbl`.`col` when every table
// is in one catalog and database, else fully qualified `db`.`tbl`.`col`, reference §1).
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

const DatabaseMap k_map = {{"sales", "sales_copy"}, {"dim", "dim copy`x"}};

std::string rewritten(std::string_view query) {
  Result<std::string> out = rewrite_query_databases(query, k_map);
  EXPECT_TRUE(out.ok()) << out.error().message();
  return out.ok() ? out.value() : std::string();
}

std::string refusal(std::string_view query) {
  Result<std::string> out = rewrite_query_databases(query, k_map);
  EXPECT_FALSE(out.ok()) << out.value();
  return out.ok() ? std::string() : out.error().message();
}

TEST(QueryDatabasesTest, RewritesTheSimpleFormOfOneDatabase) {
  EXPECT_EQ(rewritten("SELECT `t1`.`k1`, sum(`t1`.`v1`) AS `total` FROM `sales`.`t1` "
                      "GROUP BY `t1`.`k1`"),
            "SELECT `t1`.`k1`, sum(`t1`.`v1`) AS `total` FROM `sales_copy`.`t1` "
            "GROUP BY `t1`.`k1`");
}

TEST(QueryDatabasesTest, RewritesFullyQualifiedColumnsAcrossDatabases) {
  EXPECT_EQ(rewritten("SELECT `sales`.`t1`.`k1`, `dim`.`d`.`name` FROM `sales`.`t1` INNER JOIN "
                      "`dim`.`d` ON `sales`.`t1`.`k1` = `dim`.`d`.`k1`"),
            "SELECT `sales_copy`.`t1`.`k1`, `dim copy``x`.`d`.`name` FROM `sales_copy`.`t1` "
            "INNER JOIN `dim copy``x`.`d` ON `sales_copy`.`t1`.`k1` = `dim copy``x`.`d`.`k1`");
}

TEST(QueryDatabasesTest, KeepsCatalogsStringsCommentsAndOtherDatabases) {
  EXPECT_EQ(rewritten("SELECT `default_catalog`.`sales`.`t1`.`k1` FROM "
                      "`default_catalog`.`sales`.`t1`, `other`.`t2`, `hive`.`sales`.`t3` "
                      "WHERE `t1`.`c` = 'sales.t1' /* sales.t1 */"),
            "SELECT `default_catalog`.`sales_copy`.`t1`.`k1` FROM "
            "`default_catalog`.`sales_copy`.`t1`, `other`.`t2`, `hive`.`sales`.`t3` "
            "WHERE `t1`.`c` = 'sales.t1' /* sales.t1 */");
  // Bare words are names too; the replacement is always quoted.
  EXPECT_EQ(rewritten("SELECT k FROM sales.t1 AS a JOIN (SELECT k FROM dim.d) b USING (k)"),
            "SELECT k FROM `sales_copy`.t1 AS a JOIN (SELECT k FROM `dim copy``x`.d) b "
            "USING (k)");
}

TEST(QueryDatabasesTest, OnlyTheFromOfAQueryIntroducesTables) {
  EXPECT_EQ(rewritten("SELECT EXTRACT(year FROM `t1`.`dt`), trim(BOTH ' ' FROM `s`) FROM "
                      "`sales`.`t1` WHERE `k` IN (SELECT `k` FROM `dim`.`d`)"),
            "SELECT EXTRACT(year FROM `t1`.`dt`), trim(BOTH ' ' FROM `s`) FROM "
            "`sales_copy`.`t1` WHERE `k` IN (SELECT `k` FROM `dim copy``x`.`d`)");
}

TEST(QueryDatabasesTest, TellsATableNamedLikeItsDatabaseFromTheDatabase) {
  EXPECT_EQ(rewritten("SELECT `sales`.`k` FROM `sales`.`sales`"),
            "SELECT `sales`.`k` FROM `sales_copy`.`sales`");
  EXPECT_EQ(rewritten("WITH `c` AS (SELECT `t1`.`k` FROM `sales`.`t1`) SELECT `c`.`k` FROM `c`"),
            "WITH `c` AS (SELECT `t1`.`k` FROM `sales_copy`.`t1`) SELECT `c`.`k` FROM `c`");
}

TEST(QueryDatabasesTest, RefusesWhatItCannotRewriteExactly) {
  EXPECT_NE(refusal("SELECT `k` FROM `t1`").find("a table qualified by its database"),
            std::string::npos);
  EXPECT_NE(refusal("SELECT `sales`.`k` FROM `x`.`t1`").find("names one table"), std::string::npos);
  EXPECT_NE(refusal("SELECT `sales`.`f`(1) FROM `sales`.`t1`").find("function"), std::string::npos);
  EXPECT_NE(refusal("SELECT `k` FROM `sales`.`t1` WHERE `c` = 'open").find("offset"),
            std::string::npos);
  EXPECT_NE(refusal("SELECT `sales`.`sales`.`k` FROM `sales`.`sales`").find("either"),
            std::string::npos);
}

// SHOW CREATE MATERIALIZED VIEW as getMaterializedViewDdlStmt(true) assembles it (3.3 layout:
// DISTRIBUTED BY always, REFRESH type, PROPERTIES from replication_num, then AS + simple SQL).
constexpr std::string_view k_mv_33 = R"(CREATE MATERIALIZED VIEW `mv1` (`k`, `total`)
DISTRIBUTED BY HASH(`k`) BUCKETS 1 
REFRESH MANUAL
PROPERTIES (
"replication_num" = "1",
"replicated_storage" = "true",
"storage_medium" = "HDD"
)
AS SELECT `t`.`k`, sum(`t`.`v`) AS `total` FROM `sales`.`t` GROUP BY `t`.`k`;)";

TEST(QueryDatabasesTest, CopiesAShowCreateMaterializedViewIntoAnotherDatabase) {
  Result<MaterializedViewModel> mv = parse_create_materialized_view(k_mv_33);
  ASSERT_TRUE(mv.ok()) << mv.error().message();
  EXPECT_EQ(mv->refresh, "MANUAL");
  Result<std::string> query = rewrite_query_databases(mv->definition, k_map);
  ASSERT_TRUE(query.ok()) << query.error().message();
  MaterializedViewModel copy = mv.value();
  copy.definition = query.value();
  std::string ddl = print_create_materialized_view(copy, {"sales_copy", "", false});
  EXPECT_EQ(ddl.rfind("CREATE MATERIALIZED VIEW `sales_copy`.`mv1` (`k`, `total`)", 0), 0U) << ddl;
  EXPECT_NE(ddl.find("\nAS SELECT `t`.`k`, sum(`t`.`v`) AS `total` FROM `sales_copy`.`t` GROUP BY "
                     "`t`.`k`"),
            std::string::npos)
      << ddl;
  Result<MaterializedViewModel> again = parse_create_materialized_view(ddl);
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again.value(), copy);
}

} // namespace
} // namespace exl::starrocks
