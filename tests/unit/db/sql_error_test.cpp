#include "exlschema/db/sql_error.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using exl::db::SqlError;

TEST(SqlErrorTest, ConnectionLossesAreRetryable) {
  for (int n : {2002, 2003, 2006, 2013, 2055, 1040, 1053, 1927}) {
    EXPECT_TRUE(SqlError(n, "HY000", "x", "SELECT 1").is_retryable()) << n;
  }
}

TEST(SqlErrorTest, SqlErrorsKillQueryAndServerTimeoutsAreNot) {
  // StarRocks uses 5xxx for server errors, overlapping libmariadb's 5000+ client codes, so
  // those numbers are never read as connection losses.
  // 1064 syntax, 1045 access denied, 1146 no table, 1317 KILL QUERY (deliberate),
  // 1969 MariaDB max_statement_time, 5024 StarRocks query timeout: the same again would fail.
  for (int n : {1064, 1045, 1146, 1317, 1969, 5024, 1193, 5013, 5014}) {
    EXPECT_FALSE(SqlError(n, "HY000", "x", "SELECT 1").is_retryable()) << n;
  }
}

TEST(SqlErrorTest, ClientErrorsBreakTheConnectionServerErrorsDoNot) {
  EXPECT_TRUE(SqlError(2013, "HY000", "lost", "").breaks_connection());
  EXPECT_TRUE(SqlError(2014, "HY000", "out of sync", "").breaks_connection());
  EXPECT_FALSE(SqlError(1064, "42000", "syntax", "").breaks_connection());
  EXPECT_FALSE(SqlError(5024, "HY000", "Query timeout", "").breaks_connection());
}

TEST(SqlErrorTest, MessageCarriesNumberStateAndRedactedStatement) {
  const SqlError e(1064, "42000", "You have an error in your SQL syntax",
                   R"(CREATE EXTERNAL CATALOG c PROPERTIES ("user"="u", "password"="s3cret"))");
  EXPECT_EQ(e.error_number(), 1064);
  EXPECT_EQ(e.sqlstate(), "42000");
  EXPECT_EQ(e.statement().find("s3cret"), std::string::npos);
  EXPECT_NE(e.statement().find(R"("password"="***")"), std::string::npos);
  const std::string what = e.what();
  EXPECT_NE(what.find("error 1064 (42000): You have an error"), std::string::npos);
  EXPECT_EQ(what.find("s3cret"), std::string::npos);
}

TEST(SqlErrorTest, ClassifierAcceptsOnlyRetryableSqlErrors) {
  EXPECT_TRUE(exl::db::is_retryable(SqlError(2006, "HY000", "gone", "")));
  EXPECT_FALSE(exl::db::is_retryable(SqlError(1064, "42000", "syntax", "")));
  EXPECT_FALSE(exl::db::is_retryable(std::runtime_error("lost connection")));
}
