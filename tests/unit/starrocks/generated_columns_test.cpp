// Generated columns (3.1+) and AUTO_INCREMENT as SHOW CREATE TABLE prints them: Column.toSql
// writes `name` type NULL|NOT NULL [AUTO_INCREMENT] [AS <expr>] COMMENT "..", the expression by
// AstToSQLBuilder (StarRocks fe/.../catalog/Column.java).
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/insert_sql.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

constexpr std::string_view k_generated = R"(CREATE TABLE `g` (
  `id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT "",
  `a` int(11) NULL COMMENT "",
  `b` int(11) NULL COMMENT "",
  `s` bigint(20) NULL AS `a` + `b` COMMENT "sum",
  `p` bigint(20) NULL AS (`a` + 1) * (`b` + 2) COMMENT "",
  `j` json NULL COMMENT "",
  `f` varchar(65533) NULL AS json_query(`j`, '$.a, $.b') COMMENT ""
) ENGINE=OLAP 
PRIMARY KEY(`id`)
DISTRIBUTED BY HASH(`id`) BUCKETS 4 
PROPERTIES (
"replication_num" = "1"
);)";

TableModel parsed(std::string_view text) {
  Result<TableModel> t = parse_create_table(text);
  EXPECT_TRUE(t.ok()) << t.error().message();
  return t.ok() ? t.value() : TableModel{};
}

TEST(GeneratedColumnsTest, ParsesEveryPrintedForm) {
  const TableModel t = parsed(k_generated);
  ASSERT_EQ(t.columns.size(), 7U);
  EXPECT_TRUE(t.columns[0].auto_increment);
  EXPECT_FALSE(t.columns[0].nullable);
  EXPECT_EQ(t.columns[3].generated, "`a` + `b`");
  EXPECT_EQ(t.columns[3].comment, "sum");
  EXPECT_EQ(t.columns[4].generated, "(`a` + 1) * (`b` + 2)");
  EXPECT_EQ(t.columns[6].generated, "json_query(`j`, '$.a, $.b')");
}

TEST(GeneratedColumnsTest, RoundTripsThroughThePrinter) {
  const TableModel t = parsed(k_generated);
  const std::string ddl = print_create_table(t, {"tgt", "", true});
  EXPECT_NE(ddl.find("`id` bigint(20) NOT NULL AUTO_INCREMENT COMMENT \"\""), std::string::npos)
      << ddl;
  EXPECT_NE(ddl.find("`p` bigint(20) NULL AS (`a` + 1) * (`b` + 2) COMMENT \"\""),
            std::string::npos)
      << ddl;
  EXPECT_EQ(parsed(ddl), t) << ddl;
}

TEST(GeneratedColumnsTest, InsertsNameEveryColumnButTheGenerated) {
  const TableModel t = parsed(k_generated);
  const std::vector<std::string> columns = insertable_columns(t);
  EXPECT_EQ(columns, (std::vector<std::string>{"id", "a", "b", "j"}));
  EXPECT_EQ(build_select_columns({"", "src", "g"}, columns, {"`a` > 1", "TRUE"}),
            "SELECT `id`, `a`, `b`, `j` FROM `src`.`g` WHERE (`a` > 1)");
  EXPECT_EQ(build_select_columns({"", "src", "g"}, {}, {}), "SELECT * FROM `src`.`g`");
  InsertSpec spec;
  spec.target = {"", "dst", "g"};
  spec.columns = columns;
  spec.query = build_select_columns({"", "src", "g"}, columns, {});
  EXPECT_EQ(build_insert(spec, parse_version("3.3.5")),
            "INSERT INTO `dst`.`g` (`id`, `a`, `b`, `j`) SELECT `id`, `a`, `b`, `j` FROM "
            "`src`.`g`");
}

} // namespace
} // namespace exl::starrocks
