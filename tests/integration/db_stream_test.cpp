#include "db_test_support.hpp"
#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using exl::db::Connection;
using namespace std::chrono_literals;

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

// Stopping early does not read the rest of the result: the connection is closed under it, the
// server-side session ends, and the connection reports itself broken (its next statement fails
// without touching the network). 100 million rows would take far longer to drain than the bound.
TEST(DbStreamTest, StoppingEarlyEndsTheQueryOnTheServer) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  const unsigned long id = c.thread_id();
  Connection admin(params);
  int seen = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto count = c.stream("SELECT a.seq FROM mysql.seq_1_to_10000 a, mysql.seq_1_to_10000 b",
                              [&](const auto&, const auto&) { return ++seen < 1; });
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(count, 1U);
  EXPECT_TRUE(c.broken());
  EXPECT_TRUE(
      exl::test::eventually([&] { return !exl::test::connection_listed(admin, id, ""); }, 10s))
      << "the server is still running the abandoned query";
  EXPECT_LT(took, 5s);
  try {
    c.query("SELECT 1");
    ADD_FAILURE() << "a broken connection ran a statement";
  } catch (const exl::db::SqlError& e) {
    EXPECT_EQ(e.error_number(), 2006) << e.what();
  }
}

// A callback that throws leaves the connection the same way (no drain either).
TEST(DbStreamTest, ThrowingCallbackAlsoClosesTheConnection) {
  EXL_REQUIRE_MARIADB(params);
  Connection c(params);
  EXPECT_THROW(
      c.stream(k_many_rows,
               [](const auto&, const auto&) -> bool { throw std::runtime_error("disk full"); }),
      std::runtime_error);
  EXPECT_TRUE(c.broken());
}

// The pool never hands out a connection whose stream was stopped early.
TEST(DbStreamTest, PoolDiscardsAConnectionAfterAnEarlyStop) {
  EXL_REQUIRE_MARIADB(params);
  exl::db::Pool pool(params, 1, "mariadb");
  unsigned long first = 0;
  {
    auto lease = pool.lease();
    first = lease->thread_id();
    lease->stream(k_many_rows, [](const auto&, const auto&) { return false; });
  }
  auto lease = pool.lease();
  EXPECT_NE(lease->thread_id(), first);
  EXPECT_EQ(lease->query("SELECT 42").rows[0][0], "42");
  EXPECT_EQ(pool.opened(), 2);
}
