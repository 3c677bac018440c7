// The bisection statements (bisect_sql.hpp): golden text of each statement, literals by type, and
// the ranges' predicates covering every row exactly once (NULL key parts included, one and
// several key columns, nested ranges), checked by evaluating the SQL itself.
#include "exlschema/starrocks/bisect_sql.hpp"

#include "../audit/bisect_sql_eval.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exl::starrocks {
namespace {

using audit::test::Cell;
using audit::test::SqlExpr;

Column column(const std::string& name, const std::string& base, bool nullable = true) {
  Column c;
  c.name = name;
  c.type.base = base;
  c.nullable = nullable;
  return c;
}

const TableRef k_table{{}, "d", "t"};

RowHash xx_hash() {
  return build_row_hash({column("k", "int"), column("v", "varchar")}, RowHashFunction::XxHash3_64)
      .value();
}

TEST(BisectSqlTest, LiteralsAreBareNumbersOrQuotedText) {
  EXPECT_EQ(key_literal(column("k", "bigint"), "-12"), "-12");
  EXPECT_EQ(key_literal(column("k", "decimal64"), "3.50"), "3.50");
  EXPECT_EQ(key_literal(column("k", "largeint"), "170141183460469231731687303715884105727"),
            "170141183460469231731687303715884105727");
  EXPECT_EQ(key_literal(column("k", "boolean"), "1"), "1");
  EXPECT_EQ(key_literal(column("k", "date"), "2024-01-01"), "\"2024-01-01\"");
  EXPECT_EQ(key_literal(column("k", "varchar"), "12"), "\"12\"");
  EXPECT_EQ(key_literal(column("k", "varchar"), "a\"b"), "\"a\\\"b\"");
  // A numeric column whose text is not a plain number is never sent bare.
  EXPECT_EQ(key_literal(column("k", "int"), "1 OR 1=1"), "\"1 OR 1=1\"");
}

TEST(BisectSqlTest, TuplesCompareLexicographically) {
  EXPECT_EQ(key_at_most({column("k", "int")}, {"5"}), "`k` <= 5");
  EXPECT_EQ(key_at_most({column("a", "int"), column("b", "varchar")}, {"1", "x"}),
            "(`a` < 1 OR (`a` = 1 AND `b` <= \"x\"))");
  EXPECT_EQ(
      key_at_most({column("a", "int"), column("b", "int"), column("c", "int")}, {"1", "2", "3"}),
      "(`a` < 1 OR (`a` = 1 AND `b` < 2) OR (`a` = 1 AND `b` = 2 AND `c` <= 3))");
}

TEST(BisectSqlTest, RangeCaseNumbersEveryRowsRange) {
  EXPECT_EQ(range_case({column("k", "int")}, {{"10"}, {"20"}}),
            "CASE WHEN `k` <= 10 THEN 0 WHEN `k` <= 20 THEN 1 ELSE 2 END");
  EXPECT_EQ(range_case({column("k", "int")}, {{"10"}}, 5), "CASE WHEN `k` <= 10 THEN 5 ELSE 6 END");
  const RangeSplit root{"", {{"10"}}};
  EXPECT_EQ(child_predicate({column("k", "int")}, root, 1),
            "(CASE WHEN `k` <= 10 THEN 0 ELSE 1 END) = 1");
  const RangeSplit nested{child_predicate({column("k", "int")}, root, 0), {{"4"}}};
  EXPECT_EQ(child_predicate({column("k", "int")}, nested, 0),
            "(CASE WHEN `k` <= 10 THEN 0 ELSE 1 END) = 0 AND (CASE WHEN `k` <= 4 THEN 0 ELSE 1 "
            "END) = 0");
}

TEST(BisectSqlTest, BoundsOfOneRangeAreEveryStepthRowInKeyOrder) {
  EXPECT_EQ(build_bisect_bounds(k_table, {column("a", "int"), column("b", "int")},
                                "`dt` = \"2024-01-01\"", {{"", 62500}}),
            "SELECT exl_parent, `a`, `b` FROM (SELECT exl_parent, `a`, `b`, ROW_NUMBER() OVER "
            "(PARTITION BY exl_parent ORDER BY `a`, `b`) AS exl_rn FROM (SELECT 0 AS exl_parent, "
            "`a`, `b` FROM `d`.`t` WHERE (`dt` = \"2024-01-01\")) AS exl_p) AS exl_b WHERE exl_rn "
            "% 62500 = 0 ORDER BY exl_parent, exl_rn");
}

TEST(BisectSqlTest, BoundsOfSeveralRangesInOneStatement) {
  const std::vector<Column> keys{column("k", "int")};
  const RangeSplit root{"", {{"10"}}};
  const std::string p0 = child_predicate(keys, root, 0);
  const std::string p1 = child_predicate(keys, root, 1);
  EXPECT_EQ(build_bisect_bounds(k_table, keys, "TRUE", {{p0, 3}, {p1, 7}}),
            "SELECT exl_parent, `k` FROM (SELECT exl_parent, `k`, ROW_NUMBER() OVER (PARTITION BY "
            "exl_parent ORDER BY `k`) AS exl_rn FROM (SELECT CASE WHEN " +
                p0 + " THEN 0 WHEN " + p1 + " THEN 1 END AS exl_parent, `k` FROM `d`.`t` WHERE ((" +
                p0 + ") OR (" + p1 +
                "))) AS exl_p) AS exl_b WHERE exl_rn % CASE WHEN exl_parent = 0 THEN 3 WHEN "
                "exl_parent = 1 THEN 7 END = 0 ORDER BY exl_parent, exl_rn");
}

TEST(BisectSqlTest, ChecksumsOfEveryChildInOneStatement) {
  const std::vector<Column> keys{column("k", "int")};
  EXPECT_EQ(build_bisect_checksums(k_table, keys, xx_hash(), "", {{"", {{"10"}, {"20"}}}}),
            "SELECT exl_range, COUNT(*) AS exl_rows, SUM(CAST(exl_h1 AS LARGEINT)) AS exl_sum1 "
            "FROM (SELECT CASE WHEN `k` <= 10 THEN 0 WHEN `k` <= 20 THEN 1 ELSE 2 END AS "
            "exl_range, " +
                row_hash_select(xx_hash()) + " FROM `d`.`t`) AS exl_bisect GROUP BY exl_range");
  const RangeSplit root{"", {{"10"}}};
  const RangeSplit a{child_predicate(keys, root, 0), {{"5"}}};
  const RangeSplit b{child_predicate(keys, root, 1), {{"15"}, {"17"}}};
  EXPECT_EQ(build_bisect_checksums(k_table, keys, xx_hash(), "`p` = 1", {a, b}),
            "SELECT exl_range, COUNT(*) AS exl_rows, SUM(CAST(exl_h1 AS LARGEINT)) AS exl_sum1 "
            "FROM (SELECT CASE WHEN " +
                a.predicate + " THEN CASE WHEN `k` <= 5 THEN 0 ELSE 1 END WHEN " + b.predicate +
                " THEN CASE WHEN `k` <= 15 THEN 2 WHEN `k` <= 17 THEN 3 ELSE 4 END END AS "
                "exl_range, " +
                row_hash_select(xx_hash()) + " FROM `d`.`t` WHERE (`p` = 1) AND ((" + a.predicate +
                ") OR (" + b.predicate + "))) AS exl_bisect GROUP BY exl_range");
}

TEST(BisectSqlTest, RowsOfTheSmallRangesWithTheirHashes) {
  const std::vector<Column> keys{column("k", "int")};
  const RowHash murmur =
      build_row_hash({column("k", "int")}, RowHashFunction::MurmurHash3_32).value();
  EXPECT_EQ(build_bisect_rows(k_table, keys, murmur, "TRUE", {""}),
            "SELECT `k`, " + row_hash_select(murmur) + " FROM `d`.`t`");
  EXPECT_EQ(build_bisect_rows(k_table, keys, murmur, "`p` = 1", {"P1", "P2"}),
            "SELECT `k`, " + row_hash_select(murmur) +
                " FROM `d`.`t` WHERE (`p` = 1) AND ((P1) OR (P2))");
  EXPECT_EQ(build_bisect_rows(k_table, keys, murmur, "`p` = 1", {"P1"}),
            "SELECT `k`, " + row_hash_select(murmur) + " FROM `d`.`t` WHERE (`p` = 1) AND P1");
}

TEST(BisectSqlTest, DescriptionsSayWhereTheKeysLie) {
  const std::vector<Column> one{column("id", "int")};
  EXPECT_EQ(describe_key_range(one, KeyTuple{"100"}, KeyTuple{"200"}),
            "`id` > 100 AND `id` <= 200");
  EXPECT_EQ(describe_key_range(one, std::nullopt, KeyTuple{"100"}), "`id` <= 100");
  EXPECT_EQ(describe_key_range(one, KeyTuple{"200"}, std::nullopt), "`id` > 200 OR `id` IS NULL");
  EXPECT_EQ(describe_key_range({column("id", "int", false)}, KeyTuple{"200"}, std::nullopt),
            "`id` > 200");
  EXPECT_EQ(describe_key_range(one, std::nullopt, std::nullopt), "every row");
  EXPECT_EQ(describe_key_range({column("a", "int"), column("b", "date")},
                               KeyTuple{"1", "2024-01-01"}, KeyTuple{"2", "2024-02-01"}),
            "(`a`, `b`) > (1, \"2024-01-01\") AND (`a`, `b`) <= (2, \"2024-02-01\")");
}

// For a row without NULL: how many of `bounds` are below it as tuples, i.e. the range it belongs
// in by key order.
std::int64_t bounds_below(const std::vector<Cell>& row, const std::vector<KeyTuple>& bounds) {
  std::int64_t below = 0;
  for (const KeyTuple& bound : bounds) {
    std::vector<std::int64_t> b;
    std::vector<std::int64_t> r;
    for (std::size_t i = 0; i < bound.size(); ++i) {
      b.push_back(std::stoll(bound[i]));
      r.push_back(*row[i]);
    }
    below += b < r ? 1 : 0;
  }
  return below;
}

std::vector<std::string> names_of(const std::vector<Column>& keys) {
  std::vector<std::string> names;
  names.reserve(keys.size());
  for (const Column& key : keys) {
    names.push_back(key.name);
  }
  return names;
}

// The children of `split` `row` satisfies.
std::vector<std::int64_t> children_holding(const std::vector<SqlExpr>& children,
                                           const std::vector<Cell>& row) {
  std::vector<std::int64_t> out;
  for (std::size_t j = 0; j < children.size(); ++j) {
    if (children[j].holds(row)) {
      out.push_back(static_cast<std::int64_t>(j));
    }
  }
  return out;
}

bool has_null(const std::vector<Cell>& row) {
  return std::find(row.begin(), row.end(), std::nullopt) != row.end();
}

// A split's SQL, parsed: the CASE, the parent's predicate and each child's.
struct SplitSql {
  SplitSql(const std::vector<Column>& keys, const RangeSplit& split)
      : number(range_case(keys, split.bounds), names_of(keys)),
        parent(split.predicate.empty() ? "TRUE" : split.predicate, names_of(keys)) {
    for (std::size_t j = 0; j <= split.bounds.size(); ++j) {
      children.emplace_back(child_predicate(keys, split, static_cast<int>(j)), names_of(keys));
    }
  }
  SqlExpr number;
  SqlExpr parent;
  std::vector<SqlExpr> children;
};

// `row` satisfies exactly one child of the split when it is in the parent (none when not), that
// one is the child its CASE number names, and a row without NULL is in the child its key order
// says.
void expect_in_one_child(const SplitSql& sql, const RangeSplit& split,
                         const std::vector<Cell>& row) {
  const std::vector<std::int64_t> holding = children_holding(sql.children, row);
  if (!sql.parent.holds(row)) {
    EXPECT_TRUE(holding.empty()); // a child lies inside its parent
    return;
  }
  ASSERT_EQ(holding.size(), 1U);
  EXPECT_EQ(sql.number.eval(row), holding.front());
  if (!has_null(row)) {
    EXPECT_EQ(holding.front(), bounds_below(row, split.bounds));
  }
}

void expect_children_partition_rows(const std::vector<Column>& keys, const RangeSplit& split,
                                    const std::vector<std::vector<Cell>>& rows) {
  const SplitSql sql(keys, split);
  for (const auto& row : rows) {
    expect_in_one_child(sql, split, row);
  }
}

std::vector<std::vector<Cell>> grid(int columns) {
  const std::vector<Cell> values{std::nullopt, -1, 0, 1, 2, 3, 5, 8};
  std::vector<std::vector<Cell>> rows{{}};
  for (int c = 0; c < columns; ++c) {
    std::vector<std::vector<Cell>> next;
    for (const auto& row : rows) {
      for (const Cell& v : values) {
        next.push_back(row);
        next.back().push_back(v);
      }
    }
    rows = next;
  }
  return rows;
}

TEST(BisectSqlTest, EveryRowNullKeysIncludedFallsInExactlyOneRange) {
  const std::vector<Column> keys{column("k", "int")};
  expect_children_partition_rows(keys, {"", {{"0"}, {"2"}, {"5"}}}, grid(1));
  expect_children_partition_rows(keys, {"", {{"-1"}}}, grid(1));
}

TEST(BisectSqlTest, EveryRowFallsInExactlyOneRangeOfSeveralColumns) {
  const std::vector<Column> keys{column("a", "int"), column("b", "int"), column("c", "int")};
  expect_children_partition_rows(keys, {"", {{"0", "1", "2"}, {"1", "1", "1"}, {"3", "0", "5"}}},
                                 grid(3));
  const std::vector<Column> two{column("a", "int"), column("b", "int")};
  expect_children_partition_rows(two, {"", {{"1", "1"}, {"1", "3"}, {"2", "0"}}}, grid(2));
}

TEST(BisectSqlTest, NestedRangesCoverTheirParentExactly) {
  const std::vector<Column> keys{column("a", "int"), column("b", "int")};
  const RangeSplit root{"", {{"1", "2"}, {"3", "0"}}};
  for (int j = 0; j <= 2; ++j) {
    const RangeSplit child{child_predicate(keys, root, j), {{"1", "1"}, {"2", "5"}}};
    expect_children_partition_rows(keys, child, grid(2));
    const RangeSplit grandchild{child_predicate(keys, child, 1), {{"1", "5"}}};
    expect_children_partition_rows(keys, grandchild, grid(2));
  }
}

} // namespace
} // namespace exl::starrocks
