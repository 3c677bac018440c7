#include "db_test_support.hpp"
#include "exlschema/db/sql_error.hpp"

#include <gtest/gtest.h>

using exl::db::Connection;
using exl::db::SqlError;
using namespace std::chrono_literals;

// The client-side bound: read_timeout_s makes the client give up on a statement whose answer
// does not come (works on any server, StarRocks included).
TEST(DbTimeoutTest, ReadTimeoutEndsASlowStatement) {
  EXL_REQUIRE_MARIADB(params);
  params.read_timeout_s = 1;
  Connection c(params);
  const auto start = std::chrono::steady_clock::now();
  try {
    c.query("SELECT SLEEP(5)");
    FAIL() << "SLEEP(5) returned despite a 1 s read timeout";
  } catch (const SqlError& e) {
    EXPECT_EQ(e.error_number(), 2013) << e.what();
    EXPECT_TRUE(e.breaks_connection());
    EXPECT_NE(e.statement().find("SLEEP(5)"), std::string::npos);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 4s);
}

// The server-side bound: query_timeout_s becomes the session's statement limit
// (max_statement_time on MariaDB, query_timeout on StarRocks).
TEST(DbTimeoutTest, SessionStatementTimeoutInterruptsALongQuery) {
  EXL_REQUIRE_MARIADB(params);
  params.query_timeout_s = 1;
  Connection c(params);
  const auto start = std::chrono::steady_clock::now();
  try {
    // A 10^10-row join: far beyond 1 s. (An interrupted BENCHMARK or SLEEP returns a value instead
    // of failing, so they cannot show the limit.)
    c.query("SELECT SUM(a.seq * b.seq) FROM mysql.seq_1_to_100000 a, mysql.seq_1_to_100000 b");
    FAIL() << "the benchmark finished within the statement time limit";
  } catch (const SqlError& e) {
    EXPECT_EQ(e.error_number(), 1969) << e.what(); // ER_STATEMENT_TIMEOUT
    EXPECT_FALSE(e.is_retryable());
    EXPECT_FALSE(e.breaks_connection());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_EQ(c.query("SELECT 1").rows[0][0], "1"); // the session survives
}
