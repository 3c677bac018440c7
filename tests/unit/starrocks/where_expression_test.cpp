#include "exlschema/starrocks/where_expression.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

using ::testing::HasSubstr;

// The reason for `expression`, "" when it is accepted.
std::string reason(std::string_view expression) {
  return check_where_expression(expression).value_or("");
}

TEST(WhereExpressionTest, AcceptsOrdinaryFilters) {
  for (const char* good :
       {"k > 1", "dt >= '2024-01-01' AND dt < '2024-02-01'", "(a = 1 OR b = 2) AND c IS NOT NULL",
        "`order` = 3", "`weird;name--x` = 1", "name = 'a;b' OR name = 'c -- d'",
        "s = 'it''s' AND t = \"x#y\" AND u = '/* not a comment */'", "s = 'back\\'slash'",
        "k IN (1, 2, 3)", "-x_col > 0", "EXTRACT(YEAR FROM dt) = 2024", "k IN (SELECT k FROM d.t2)",
        "a - -1 > 0", "a / 2 > 1", "lower(name) LIKE 'ab%'"}) {
    EXPECT_EQ(reason(good), "") << good;
  }
}

TEST(WhereExpressionTest, RefusesASecondStatement) {
  EXPECT_THAT(reason("1=1; DROP TABLE t"), HasSubstr("';'"));
  EXPECT_THAT(reason("k > 1;"), HasSubstr("';'"));
  EXPECT_THAT(reason("k = ';' ; DELETE FROM t"), HasSubstr("';'"));
}

TEST(WhereExpressionTest, RefusesComments) {
  for (const char* bad : {"a=1 -- x", "a=1 --", "a=1 # x", "a=1 /* x */", "a=1 /* open",
                          "a /**/ = 1", "a=1 --\n AND b=2"}) {
    EXPECT_THAT(reason(bad), HasSubstr("comment")) << bad;
  }
}

// Separators and comment starters inside literals and backquoted names are data; outside them
// they end or hide the statement. StarRocks's lexer starts a comment at `--` with or without a
// following space, so `k--1` is refused rather than read as `k - (-1)`.
TEST(WhereExpressionTest, SeparatorsCountOnlyOutsideQuotes) {
  for (const char* good : {"s = 'x--y'", "s = \"a;b\"", "s = '#h'", "s = '/* c */'",
                           "`we;ird--x` > 1 AND `#h /-c-/` = 'a;b--c#d/*e'", "s = 'it''s;'"}) {
    EXPECT_EQ(reason(good), "") << good;
  }
  for (const char* bad : {"k--1 > 0", "k > 1#x", "s = 'x--y' -- z", "s = 'a;b' /* z"}) {
    EXPECT_THAT(reason(bad), HasSubstr("comment")) << bad;
  }
  for (const char* bad : {"s = 'a;b'; DROP TABLE t", "`a;b` = 1;"}) {
    EXPECT_THAT(reason(bad), HasSubstr("';'")) << bad;
  }
}

TEST(WhereExpressionTest, RefusesUnbalancedQuotes) {
  for (const char* bad : {"a='x'' or 1", "a='x", "a=\"x", "`a = 1", "a = 'x\\'"}) {
    EXPECT_THAT(reason(bad), HasSubstr("unterminated")) << bad;
  }
}

TEST(WhereExpressionTest, RefusesUnbalancedParentheses) {
  for (const char* bad : {"(a=1", "a=1)", "1=1) OR (1=1", "((a=1)", ")(", "f(a))"}) {
    EXPECT_THAT(reason(bad), HasSubstr("parenthes")) << bad;
  }
}

TEST(WhereExpressionTest, RefusesClausesOutsideParentheses) {
  for (const char* bad :
       {"1=1 UNION SELECT * FROM d.secret", "k > 1 ORDER BY k", "k > 1 LIMIT 1", "1=1 GROUP BY k",
        "k > 1 union all select 1", "SELECT 1", "1=1 INTO OUTFILE 'x'", "1 FROM d.t"}) {
    EXPECT_THAT(reason(bad), HasSubstr("not one expression")) << bad;
  }
}

TEST(WhereExpressionTest, RefusesEmptyText) {
  for (const char* bad : {"", "   ", "\t\n"}) {
    EXPECT_THAT(reason(bad), HasSubstr("empty")) << bad;
  }
}

TEST(WhereExpressionTest, ReasonIsOneLine) {
  for (const char* bad :
       {"a='x\n", "a=1 -- x\ny", "1=1;\nDROP TABLE t", "k > 1\nUNION\nSELECT 1"}) {
    const std::string text = reason(bad);
    EXPECT_NE(text, "") << bad;
    EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  }
}

} // namespace
} // namespace exl::starrocks
