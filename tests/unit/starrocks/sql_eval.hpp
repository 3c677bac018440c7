#pragma once

#include "starrocks/tokenizer.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

// A tiny evaluator for the predicates partition_predicate() emits over integer columns:
// `col op n` (op: = < <= > >=), `col IS NULL`, AND, OR, parentheses, TRUE, FALSE, with SQL
// three-valued logic. It lets the property tests check the generated SQL itself rather than a
// re-derivation of it.
namespace exl::starrocks::test {

using Row = std::map<std::string, std::optional<std::int64_t>>;

class SqlEval {
public:
  SqlEval(std::string_view sql, const Row& row)
      : m_cursor(sql, detail::tokenize(sql)), m_row(row) {}

  // nullopt = SQL NULL (a WHERE treats it as false).
  std::optional<bool> run() {
    std::optional<bool> value = disjunction();
    if (!m_cursor.at_end()) {
      m_cursor.fail("end of predicate");
    }
    return value;
  }

private:
  std::optional<bool> disjunction() {
    std::optional<bool> value = conjunction();
    while (m_cursor.accept_keyword("OR")) {
      std::optional<bool> rhs = conjunction();
      if (value == true || rhs == true) {
        value = true;
      } else if (!value || !rhs) {
        value = std::nullopt;
      } else {
        value = false;
      }
    }
    return value;
  }

  std::optional<bool> conjunction() {
    std::optional<bool> value = factor();
    while (m_cursor.accept_keyword("AND")) {
      std::optional<bool> rhs = factor();
      if (value == false || rhs == false) {
        value = false;
      } else if (!value || !rhs) {
        value = std::nullopt;
      } else {
        value = true;
      }
    }
    return value;
  }

  std::optional<bool> factor() {
    if (m_cursor.accept_symbol('(')) {
      std::optional<bool> value = disjunction();
      m_cursor.expect_symbol(')');
      return value;
    }
    if (m_cursor.accept_keyword("TRUE")) {
      return true;
    }
    if (m_cursor.accept_keyword("FALSE")) {
      return false;
    }
    std::optional<std::int64_t> column = m_row.at(m_cursor.expect_name());
    if (m_cursor.accept_keyword("IS")) {
      m_cursor.expect_keyword("NULL");
      return !column.has_value();
    }
    std::string op = m_cursor.next().text;
    if (m_cursor.accept_symbol('=')) {
      op += "=";
    }
    std::int64_t value = m_cursor.expect_integer();
    if (!column) {
      return std::nullopt;
    }
    if (op == "<") {
      return *column < value;
    }
    if (op == ">") {
      return *column > value;
    }
    if (op == ">=") {
      return *column >= value;
    }
    if (op == "<=") {
      return *column <= value;
    }
    return *column == value;
  }

  detail::Cursor m_cursor;
  const Row& m_row;
};

} // namespace exl::starrocks::test
