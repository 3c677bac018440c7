// v1 -batch's cut of a large piece into key ranges (split_sql.hpp): the ranges cover every value
// and NULL exactly once, whatever the bounds (checked by evaluating the SQL itself).
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/split_sql.hpp"
#include "sql_eval.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

ColumnType split_int_type() {
  ColumnType t;
  t.base = "int";
  return t;
}

Column column(const std::string& name, const ColumnType& type) {
  Column c;
  c.name = name;
  c.type = type;
  return c;
}

TEST(SplitSqlTest, BoundsQueryTilesTheColumnNatively) {
  EXPECT_EQ(build_split_bounds({{}, "d", "t"}, "k", "`dt` >= '2024-01-01'", 3),
            "SELECT MAX(`k`) AS exl_bound FROM (SELECT `k`, NTILE(3) OVER (ORDER BY `k`) AS "
            "exl_tile FROM `d`.`t` WHERE (`dt` >= '2024-01-01') AND `k` IS NOT NULL) AS exl_split "
            "GROUP BY exl_tile ORDER BY exl_tile");
  EXPECT_EQ(build_split_bounds({{}, "d", "t"}, "k", "", 2),
            "SELECT MAX(`k`) AS exl_bound FROM (SELECT `k`, NTILE(2) OVER (ORDER BY `k`) AS "
            "exl_tile FROM `d`.`t` WHERE `k` IS NOT NULL) AS exl_split GROUP BY exl_tile ORDER BY "
            "exl_tile");
}

TEST(SplitSqlTest, RangesAreExactAndLiteralsFollowTheType) {
  EXPECT_EQ(
      split_predicates("k", split_int_type(), {"10", "20", "30"}),
      (std::vector<std::string>{"`k` <= 10 OR `k` IS NULL", "`k` > 10 AND `k` <= 20", "`k` > 20"}));
  ColumnType date;
  date.base = "date";
  EXPECT_EQ(
      split_predicates("d", date, {"2024-01-01", "2024-02-01"}),
      (std::vector<std::string>{"`d` <= \"2024-01-01\" OR `d` IS NULL", "`d` > \"2024-01-01\""}));
  EXPECT_EQ(split_predicates("k", split_int_type(), {"7"}), std::vector<std::string>{"TRUE"});
  EXPECT_EQ(split_predicates("k", split_int_type(), {}), std::vector<std::string>{"TRUE"});
  EXPECT_EQ(split_predicates("k", split_int_type(), {"5", "5", "5", "9"}),
            (std::vector<std::string>{"`k` <= 5 OR `k` IS NULL", "`k` > 5"}));
}

TEST(SplitSqlTest, EveryValueAndNullFallsInExactlyOneRange) {
  const std::vector<std::vector<std::string>> cases = {
      {"1", "2", "3"}, {"0", "0", "8", "100"}, {"3", "3"}, {"42", "43"}};
  for (const auto& bounds : cases) {
    const auto ranges = split_predicates("k", split_int_type(), bounds);
    for (std::optional<std::int64_t> value :
         {std::optional<std::int64_t>{}, std::optional<std::int64_t>{1},
          std::optional<std::int64_t>{0}, std::optional<std::int64_t>{3},
          std::optional<std::int64_t>{42}, std::optional<std::int64_t>{43},
          std::optional<std::int64_t>{1000}}) {
      int matches = 0;
      for (const auto& range : ranges) {
        test::Row row{{"k", value}};
        matches += test::SqlEval(range, row).run().value_or(false) ? 1 : 0;
      }
      EXPECT_EQ(matches, 1) << (value ? std::to_string(*value) : "NULL");
    }
  }
}

TEST(JdbcUriTest, SessionVariablesAndEndpoints) {
  EXPECT_EQ(jdbc_uri("10.0.0.1", 9030), "jdbc:mysql://10.0.0.1:9030");
  EXPECT_EQ(jdbc_uri("h", 9030, {{"query_timeout", "3600"}, {"insert_timeout", "7200"}}),
            "jdbc:mysql://h:9030?sessionVariables=query_timeout=3600,insert_timeout=7200");
  EXPECT_THROW(jdbc_uri("h", 1, {{"query_timeout", "1&x=2"}}), std::invalid_argument);
  EXPECT_EQ(parse_jdbc_uri("jdbc:mysql://h:9031?sessionVariables=a=1").value(),
            (JdbcEndpoint{"h", 9031}));
  EXPECT_EQ(parse_jdbc_uri("jdbc:mysql://h/db").value(), (JdbcEndpoint{"h", 3306}));
  EXPECT_FALSE(parse_jdbc_uri("jdbc:postgresql://h:5432/db").ok());
  EXPECT_FALSE(parse_jdbc_uri("jdbc:mysql://h:x").ok());
}

TEST(JdbcUriTest, ColumnsACatalogCannotReadAreNamed) {
  TableModel table;
  table.columns.push_back(column("k", split_int_type()));
  EXPECT_EQ(jdbc_unreadable_column(table), std::nullopt);
  for (const char* base :
       {"bitmap", "hll", "percentile", "json", "largeint", "array", "map", "varbinary", "binary"}) {
    TableModel t = table;
    ColumnType type;
    type.base = base;
    t.columns.push_back(column("c", type));
    const auto reason = jdbc_unreadable_column(t);
    ASSERT_TRUE(reason) << base;
    EXPECT_NE(reason->find("`c` is " + std::string(base)), std::string::npos) << *reason;
  }
}

} // namespace
} // namespace exl::starrocks
