#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "sql_eval.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <set>

namespace exl::starrocks {
namespace {

using test::Row;
using test::SqlEval;

// The predicate of valid bounds; a failure here is a test failure.
std::string pred(const std::vector<PartitionColumn>& columns, const PartitionBounds& bounds) {
  Result<std::string> sql = partition_predicate(columns, bounds);
  EXPECT_TRUE(sql.ok()) << (sql.ok() ? "" : sql.error().message());
  return sql.ok() ? sql.value() : "";
}

constexpr std::int64_t k_int_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t k_max = std::numeric_limits<std::int64_t>::max();

ColumnType int_type() {
  return ColumnType{"int", {11}, {}, {}};
}

PartitionColumn int_column(std::string name) {
  return {std::move(name), int_type(), true};
}

PartitionColumn date_column(std::string name) {
  return {std::move(name), ColumnType{"date", {}, {}, {}}, true};
}

PartitionBounds range(Tuple lower, Tuple upper) {
  return {PartitionBounds::Kind::Range, std::move(lower), std::move(upper), {}};
}

Literal v(std::int64_t n) {
  return Literal::value(std::to_string(n));
}

TEST(PartitionPredicateTest, SingleColumnGoldens) {
  std::vector<PartitionColumn> dt = {date_column("dt")};
  EXPECT_EQ(pred(dt, range({Literal::value("2020-01-01")}, {Literal::value("2020-02-01")})),
            "`dt` >= \"2020-01-01\" AND (`dt` < \"2020-02-01\" OR `dt` IS NULL)");
  EXPECT_EQ(pred(dt, range({Literal::value("0000-01-01")}, {Literal::value("2020-01-01")})),
            "(`dt` < \"2020-01-01\" OR `dt` IS NULL)");
  EXPECT_EQ(pred(dt, range({Literal::value("2020-01-01")}, {Literal::max_value()})),
            "`dt` >= \"2020-01-01\"");
  EXPECT_EQ(pred(dt, range({Literal::value("0000-01-01")}, {Literal::max_value()})), "TRUE");
  std::vector<PartitionColumn> id = {int_column("id")};
  id[0].nullable = false;
  EXPECT_EQ(pred(id, range({v(10)}, {v(20)})), "`id` >= 10 AND `id` < 20");
}

TEST(PartitionPredicateTest, MultiColumnRangeExpandsTupleComparison) {
  std::vector<PartitionColumn> cols = {date_column("dt"), int_column("id")};
  cols[0].nullable = false;
  cols[1].nullable = false;
  EXPECT_EQ(pred(cols, range({Literal::value("2020-01-01"), v(100)},
                             {Literal::value("2021-01-01"), v(0)})),
            "(`dt` > \"2020-01-01\" OR `dt` = \"2020-01-01\" AND `id` >= 100) AND "
            "(`dt` < \"2021-01-01\" OR `dt` = \"2021-01-01\" AND `id` < 0)");
  EXPECT_EQ(pred(cols, range({Literal::value("2021-01-01"), v(0)},
                             {Literal::max_value(), Literal::max_value()})),
            "(`dt` > \"2021-01-01\" OR `dt` = \"2021-01-01\" AND `id` >= 0)");
}

TEST(PartitionPredicateTest, MultiColumnMinimumLowerBoundFoldsAway) {
  std::vector<PartitionColumn> cols = {date_column("dt"), int_column("id")};
  EXPECT_EQ(pred(cols, range({Literal::value("0000-01-01"), v(k_int_min)},
                             {Literal::value("2020-01-01"), v(5)})),
            "((`dt` < \"2020-01-01\" OR `dt` IS NULL) OR `dt` = \"2020-01-01\" AND "
            "(`id` < 5 OR `id` IS NULL))");
}

TEST(PartitionPredicateTest, ListGoldensWithNullAndHostileValues) {
  std::vector<PartitionColumn> city = {{"city", ColumnType{"varchar", {20}, {}, {}}, true}};
  PartitionBounds list{
      PartitionBounds::Kind::List,
      {},
      {},
      {{Literal::value("LA")}, {Literal::value("x\"; DROP TABLE t; --")}, {Literal::null()}}};
  EXPECT_EQ(pred(city, list),
            "((`city` = \"LA\" OR `city` = \"x\\\"; DROP TABLE t; --\") OR `city` IS NULL)");
  std::vector<PartitionColumn> two = {int_column("a"), int_column("b")};
  PartitionBounds multi{PartitionBounds::Kind::List, {}, {}, {{v(1), v(2)}, {v(3), v(4)}}};
  EXPECT_EQ(pred(two, multi), "(`a` = 1 AND `b` = 2 OR `a` = 3 AND `b` = 4)");
}

TEST(PartitionPredicateTest, RefusesBoundsItCannotCover) {
  PartitionBounds two = range({v(1), v(2)}, {v(3), v(4)});
  Result<std::string> sql = partition_predicate({int_column("a")}, two);
  ASSERT_FALSE(sql.ok());
  EXPECT_EQ(sql.error().expected, "2 partition column(s)");
  EXPECT_FALSE(partition_predicate({}, range({v(1)}, {v(2)})).ok());
  PartitionBounds list{PartitionBounds::Kind::List, {}, {}, {{v(1), v(2)}}};
  EXPECT_FALSE(partition_predicate({int_column("a")}, list).ok());
  Result<std::vector<std::string>> audit =
      build_partition_count_queries({"", "db", "t"}, {}, {{"p1", range({v(1)}, {v(2)})}});
  ASSERT_FALSE(audit.ok());
  EXPECT_EQ(audit.error().expected, "partition p1: 1 partition column(s)");
}

TableModel model_of(const std::string& partition_by, const std::string& columns = "dt datetime") {
  Result<TableModel> t = parse_create_table("CREATE TABLE t (" + columns + ") PARTITION BY " +
                                            partition_by + " DISTRIBUTED BY RANDOM");
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message());
  return t.ok() ? t.value() : TableModel{};
}

PartitionInfo range_partition(std::string name, std::string key, std::string lower,
                              std::string upper) {
  PartitionInfo info;
  info.name = std::move(name);
  info.key_columns = {std::move(key)};
  info.bounds = range({Literal::value(std::move(lower))}, {Literal::value(std::move(upper))});
  return info;
}

// str2date(s, '%Y%m%d') puts "20240101" into [2024-01-01, 2024-01-02); a predicate on `s` compares
// the string with the date text and matches no row, so an overwrite would empty the partition.
TEST(PartitionPredicateTest, UninterpretedExpressionIsRefusedWithTheExpression) {
  TableModel t = model_of("str2date(s, '%Y%m%d')", "s varchar(8)");
  PartitionInfo info = range_partition("p20240101", "s", "2024-01-01", "2024-01-02");
  Result<std::vector<PartitionColumn>> cols = partition_columns(t, {info});
  ASSERT_FALSE(cols.ok());
  EXPECT_NE(cols.error().found.find("str2date(s, '%Y%m%d')"), std::string::npos)
      << cols.error().message();
  EXPECT_NE(cols.error().expected.find("date_trunc"), std::string::npos);
  EXPECT_FALSE(partition_columns(model_of("from_unixtime(ts)", "ts bigint"), {}).ok());
}

TEST(PartitionPredicateTest, ExpressionBoundsMustBeUnitBoundaries) {
  struct Case {
    std::string partition_by;
    std::string lower;
    std::string upper;
    bool exact;
  };
  const std::vector<Case> cases = {
      {"date_trunc('month', dt)", "2024-01-01 00:00:00", "2024-02-01 00:00:00", true},
      {"date_trunc('month', dt)", "2024-01-15 00:00:00", "2024-02-15 00:00:00", false},
      {"date_trunc('day', dt)", "2024-01-15 00:00:00", "2024-01-16 00:00:00", true},
      {"date_trunc('day', dt)", "2024-01-15 06:00:00", "2024-01-16 00:00:00", false},
      {"date_trunc('hour', dt)", "2024-01-15 06:00:00", "2024-01-15 07:00:00", true},
      {"date_trunc('hour', dt)", "2024-01-15 06:30:00", "2024-01-15 07:00:00", false},
      {"date_trunc('week', dt)", "2024-01-15 00:00:00", "2024-01-22 00:00:00", true}, // Mondays
      {"date_trunc('week', dt)", "2024-01-16 00:00:00", "2024-01-23 00:00:00", false},
      {"date_trunc('quarter', dt)", "2024-04-01 00:00:00", "2024-07-01 00:00:00", true},
      {"date_trunc('quarter', dt)", "2024-05-01 00:00:00", "2024-08-01 00:00:00", false},
      {"date_trunc('year', dt)", "2024-01-01 00:00:00", "2025-01-01 00:00:00", true},
      {"date_trunc('year', dt)", "2024-02-01 00:00:00", "2025-01-01 00:00:00", false},
      {"date_trunc('fortnight', dt)", "2024-01-01 00:00:00", "2024-01-15 00:00:00", false},
      {"date_trunc('day', dt)", "0000-01-01 00:00:00", "2024-01-01 00:00:00", true},
      {"date_trunc('day', dt)", "yesterday", "2024-01-01 00:00:00", false},
      // 0001-01-01 is a Monday and 2024-01-01 is too: 738885 days later, 105555 weeks.
      {"time_slice(dt, INTERVAL 7 day)", "2024-01-01 00:00:00", "2024-01-08 00:00:00", true},
      {"time_slice(dt, INTERVAL 7 day)", "2024-01-02 00:00:00", "2024-01-09 00:00:00", false},
      {"time_slice(dt, INTERVAL 6 hour)", "2024-01-02 18:00:00", "2024-01-03 00:00:00", true},
      {"time_slice(dt, INTERVAL 6 hour)", "2024-01-02 16:00:00", "2024-01-02 22:00:00", false},
      {"time_slice(dt, INTERVAL 2 month)", "2024-01-01 00:00:00", "2024-03-01 00:00:00", true},
      {"time_slice(dt, INTERVAL 2 month)", "2024-02-01 00:00:00", "2024-04-01 00:00:00", false},
      {"time_slice(dt, INTERVAL 1 day, floor)", "2024-01-02 00:00:00", "2024-01-03 00:00:00", true},
      // ceil puts 2024-01-01 12:00 into [2024-01-02, 2024-01-03): no range on dt is exact.
      {"time_slice(dt, INTERVAL 1 day, ceil)", "2024-01-02 00:00:00", "2024-01-03 00:00:00", false},
  };
  for (const Case& c : cases) {
    PartitionInfo info = range_partition("p1", "dt", c.lower, c.upper);
    Result<std::vector<PartitionColumn>> cols = partition_columns(model_of(c.partition_by), {info});
    EXPECT_EQ(cols.ok(), c.exact) << c.partition_by << " [" << c.lower << ", " << c.upper << ")";
    if (!cols.ok()) { // names the partition and its bound, or the expression
      EXPECT_FALSE(cols.error().found.empty()) << cols.error().message();
      EXPECT_TRUE(cols.error().expected.find("p1") != std::string::npos ||
                  cols.error().found.find(c.partition_by.substr(0, 10)) != std::string::npos)
          << cols.error().message();
    }
  }
  PartitionInfo open_end = range_partition("p1", "dt", "2024-01-01", "2024-01-01");
  open_end.bounds.upper = {Literal::max_value()};
  EXPECT_TRUE(partition_columns(model_of("date_trunc('day', dt)", "dt date"), {open_end}).ok());
}

TEST(PartitionPredicateTest, ShowPartitionsKeyMustNameTheModelsColumns) {
  TableModel t = model_of("date_trunc('day', dt)", "dt datetime, other datetime");
  PartitionInfo info = range_partition("p1", "other", "2024-01-01", "2024-01-02");
  Result<std::vector<PartitionColumn>> cols = partition_columns(t, {info});
  ASSERT_FALSE(cols.ok());
  EXPECT_NE(cols.error().message().find("other"), std::string::npos) << cols.error().message();
  info.key_columns = {"DT"};
  EXPECT_TRUE(partition_columns(t, {info}).ok());
}

TEST(PartitionPredicateTest, PartitionOfAPartitionedTableWithoutBoundsIsRefused) {
  EXPECT_FALSE(partition_predicate({date_column("dt")}, {}).ok());
  EXPECT_EQ(pred({}, {}), "TRUE");
}

TEST(PartitionPredicateTest, ColumnsComeFromTheModel) {
  Result<TableModel> t = parse_create_table(
      "CREATE TABLE t (dt datetime NOT NULL, v int) PARTITION BY date_trunc('day', dt) "
      "DISTRIBUTED BY RANDOM");
  ASSERT_TRUE(t.ok());
  std::vector<PartitionColumn> cols = partition_columns(t.value(), {}).value();
  ASSERT_EQ(cols.size(), 1U);
  EXPECT_EQ(cols[0].name, "dt");
  EXPECT_FALSE(cols[0].nullable);
  EXPECT_EQ(cols[0].type->base, "datetime");
}

// StarRocks's placement of a row, as documented in partition_predicate.hpp: NULL sorts as the
// type minimum, MAXVALUE above everything, tuples compare lexicographically, [lower, upper).
std::int64_t key_of(const Literal& literal) {
  if (literal.kind == Literal::Kind::MaxValue) {
    return k_max;
  }
  return std::stoll(literal.text);
}

bool in_range(const std::vector<std::optional<std::int64_t>>& row, const PartitionBounds& b) {
  std::vector<std::int64_t> key;
  for (const auto& value : row) {
    key.push_back(value.value_or(k_int_min));
  }
  auto bound = [](const Tuple& tuple) {
    std::vector<std::int64_t> out;
    for (const Literal& l : tuple) {
      out.push_back(key_of(l));
    }
    return out;
  };
  return bound(b.lower) <= key && key < bound(b.upper);
}

// Random ascending boundaries over a small domain so that equal prefixes, gaps, the type minimum
// and MAXVALUE all occur often.
std::vector<PartitionBounds> random_ranges(std::mt19937& rng, std::size_t columns) {
  std::uniform_int_distribution<int> small(-3, 3);
  std::set<std::vector<std::int64_t>> points;
  int count = 2 + static_cast<int>(rng() % 6);
  while (static_cast<int>(points.size()) < count) {
    std::vector<std::int64_t> p;
    for (std::size_t c = 0; c < columns; ++c) {
      p.push_back(small(rng));
    }
    points.insert(p);
  }
  std::vector<std::vector<std::int64_t>> sorted(points.begin(), points.end());
  if (rng() % 2) {
    sorted.front().assign(columns, k_int_min);
  }
  auto to_tuple = [](const std::vector<std::int64_t>& p) {
    Tuple t;
    for (std::int64_t x : p) {
      t.push_back(x == k_max ? Literal::max_value() : v(x));
    }
    return t;
  };
  if (rng() % 2) {
    sorted.back().assign(columns, k_max);
  } else if (columns > 1 && rng() % 2) {
    sorted.back().back() = k_max;
  }
  std::vector<PartitionBounds> out;
  for (std::size_t i = 0; i + 1 < sorted.size(); ++i) {
    if (rng() % 5 == 0) {
      continue; // a gap: rows there belong to no partition
    }
    out.push_back(range(to_tuple(sorted[i]), to_tuple(sorted[i + 1])));
  }
  return out;
}

std::vector<std::optional<std::int64_t>> random_row(std::mt19937& rng, std::size_t columns) {
  std::vector<std::optional<std::int64_t>> row;
  for (std::size_t c = 0; c < columns; ++c) {
    int pick = static_cast<int>(rng() % 10);
    if (pick == 0) {
      row.emplace_back(std::nullopt);
    } else if (pick == 1) {
      row.emplace_back(k_int_min);
    } else {
      row.emplace_back(static_cast<std::int64_t>(rng() % 9) - 4);
    }
  }
  return row;
}

class RangePredicateProperty : public ::testing::TestWithParam<std::size_t> {};

TEST_P(RangePredicateProperty, EveryRowSatisfiesExactlyItsPartitionsPredicate) {
  std::size_t columns = GetParam();
  std::vector<PartitionColumn> cols;
  for (std::size_t c = 0; c < columns; ++c) {
    cols.push_back(int_column("c" + std::to_string(c)));
  }
  std::mt19937 rng(static_cast<unsigned>(1234 + columns));
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<PartitionBounds> parts = random_ranges(rng, columns);
    std::vector<std::string> predicates;
    for (const PartitionBounds& b : parts) {
      predicates.push_back(pred(cols, b));
    }
    for (int r = 0; r < 40; ++r) {
      auto values = random_row(rng, columns);
      Row row;
      for (std::size_t c = 0; c < columns; ++c) {
        row[cols[c].name] = values[c];
      }
      int matches = 0;
      for (std::size_t p = 0; p < parts.size(); ++p) {
        bool expected = in_range(values, parts[p]);
        bool actual = SqlEval(predicates[p], row).run().value_or(false);
        ASSERT_EQ(actual, expected) << predicates[p];
        matches += actual ? 1 : 0;
      }
      ASSERT_LE(matches, 1);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Columns, RangePredicateProperty, ::testing::Values(1U, 2U, 3U));

TEST(PartitionPredicateTest, ListPropertyEveryRowInAtMostOneListedPartition) {
  std::mt19937 rng(77);
  std::vector<PartitionColumn> cols = {int_column("a")};
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<std::optional<std::int64_t>> domain = {std::nullopt, -2, -1, 0, 1, 2, 3};
    std::shuffle(domain.begin(), domain.end(), rng);
    std::vector<PartitionBounds> parts(1 + rng() % 3);
    for (std::size_t i = 0; i < domain.size(); ++i) {
      if (rng() % 4 == 0) {
        continue; // value in no partition
      }
      Literal l = domain[i] ? v(*domain[i]) : Literal::null();
      parts[rng() % parts.size()].values.push_back({l});
    }
    for (auto& p : parts) {
      p.kind = PartitionBounds::Kind::List;
    }
    for (const auto& value : domain) {
      Row row{{"a", value}};
      for (const PartitionBounds& p : parts) {
        Literal want = value ? v(*value) : Literal::null();
        bool expected = std::find(p.values.begin(), p.values.end(), Tuple{want}) != p.values.end();
        std::string sql = pred(cols, p);
        EXPECT_EQ(SqlEval(sql, row).run().value_or(false), expected) << sql;
      }
    }
  }
}

TEST(AuditQueryTest, OneStatementWithCaseOverPartitions) {
  std::vector<PartitionColumn> dt = {date_column("dt")};
  std::vector<NamedBounds> parts = {
      {"p1", range({Literal::value("0000-01-01")}, {Literal::value("2020-01-01")})},
      {"p2", range({Literal::value("2020-01-01")}, {Literal::max_value()})}};
  std::vector<std::string> sql =
      build_partition_count_queries({"src_cat", "db", "t"}, dt, parts, "`v` > 0").value();
  ASSERT_EQ(sql.size(), 1U);
  EXPECT_EQ(sql[0],
            "SELECT exl_partition, COUNT(*) AS exl_rows FROM (SELECT CASE WHEN (`dt` < "
            "\"2020-01-01\" OR `dt` IS NULL) THEN \"p1\" WHEN `dt` >= \"2020-01-01\" THEN \"p2\" "
            "END AS exl_partition FROM `src_cat`.`db`.`t` WHERE (`v` > 0)) AS exl_audit GROUP BY "
            "exl_partition");
}

TEST(AuditQueryTest, UnpartitionedTableIsOneCount) {
  std::vector<std::string> sql =
      build_partition_count_queries({"", "db", "orders"}, {}, {{"orders", {}}}).value();
  ASSERT_EQ(sql.size(), 1U);
  EXPECT_EQ(sql[0], "SELECT \"orders\" AS exl_partition, COUNT(*) AS exl_rows FROM `db`.`orders`");
}

// Several partitions without bounds would each be `WHEN TRUE`: every row would count for the
// first one, and the others would look empty.
TEST(AuditQueryTest, SeveralPartitionsWithoutBoundsAreRefused) {
  Result<std::vector<std::string>> sql =
      build_partition_count_queries({"", "db", "t"}, {}, {{"p1", {}}, {"p2", {}}});
  ASSERT_FALSE(sql.ok());
  EXPECT_NE(sql.error().message().find("p1"), std::string::npos) << sql.error().message();
  EXPECT_FALSE(build_partition_count_queries({"", "db", "t"}, {int_column("id")},
                                             {{"p1", range({v(1)}, {v(2)})}, {"p2", {}}})
                   .ok());
}

TEST(AuditQueryTest, ChunksVeryManyPartitions) {
  std::vector<PartitionColumn> id = {int_column("id")};
  std::vector<NamedBounds> parts;
  for (int i = 0; i < 2500; ++i) {
    parts.push_back({"p" + std::to_string(i), range({v(i * 10)}, {v(i * 10 + 10)})});
  }
  std::vector<std::string> sql =
      build_partition_count_queries({"", "db", "t"}, id, parts, {}, 1000).value();
  ASSERT_EQ(sql.size(), 3U);
  EXPECT_NE(sql[0].find("THEN \"p999\" END"), std::string::npos);
  EXPECT_NE(sql[2].find("WHEN `id` >= 20000 AND"), std::string::npos);
  EXPECT_LT(sql[0].size(), 120000U);
  EXPECT_TRUE(build_partition_count_queries({"", "db", "t"}, id, {})->empty());
}

} // namespace
} // namespace exl::starrocks
