#include "db_test_support.hpp"

#include <gtest/gtest.h>

using exl::db::Connection;

namespace {

// 100,000 rows without a table: MariaDB's Sequence engine (built in; any database qualifies).
const std::string k_many_rows =
    "SELECT seq AS n, CONCAT('row-', seq) AS label FROM mysql.seq_1_to_100000";

} // namespace

TEST(DbStreamTest, StreamsEveryRowInOrder) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  std::uint64_t expected = 1;
  bool ordered = true;
  const auto count = c.stream(
      k_many_rows, [&](const std::vector<std::string>& columns, const exl::db::RowValues& row) {
        ordered = ordered && columns.size() == 2 && columns[1] == "label" &&
                  row[0] == std::to_string(expected) && row[1] == "row-" + std::to_string(expected);
        ++expected;
        return true;
      });
  EXPECT_EQ(count, 100000U);
  EXPECT_TRUE(ordered);
}

TEST(DbStreamTest, StoppingEarlyLeavesTheConnectionUsable) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  int seen = 0;
  const auto count = c.stream(k_many_rows, [&](const auto&, const auto&) { return ++seen < 10; });
  EXPECT_EQ(count, 10U);
  EXPECT_EQ(c.query("SELECT 42").rows[0][0], "42");
}
