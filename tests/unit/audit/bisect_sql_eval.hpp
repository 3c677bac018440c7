#pragma once

#include "starrocks/tokenizer.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// A small evaluator of the expressions the bisection statements carry (bisect_sql.hpp): integer
// literals, columns, = <> < <= > >=, IS [NOT] NULL, AND, OR, parentheses, TRUE, FALSE, NULL and
// searched CASE, with SQL's three-valued logic. An expression is parsed once and evaluated per
// row, so that the bisector's tests can run its real SQL over a million rows. Shared by
// tests/unit/starrocks/bisect_sql_test.cpp and the fake cluster of tests/unit/audit.
namespace exl::audit::test {

using Cell = std::optional<std::int64_t>; // nullopt = SQL NULL; booleans are 1 and 0

class SqlExpr {
public:
  // `sql` over columns named by their position in `columns` (names compared exactly).
  SqlExpr(std::string_view sql, std::vector<std::string> columns) : m_columns(std::move(columns)) {
    Cursor cursor(sql, starrocks::detail::tokenize(sql));
    m_root = disjunction(cursor);
    if (!cursor.at_end()) {
      cursor.fail("end of expression");
    }
  }

  [[nodiscard]] Cell eval(const std::vector<Cell>& row) const { return eval(m_root, row); }
  [[nodiscard]] bool holds(const std::vector<Cell>& row) const { return eval(row) == 1; }

private:
  using Cursor = starrocks::detail::Cursor;
  enum class Kind { Constant, Column, Or, And, Compare, IsNull, IsNotNull, Case };
  struct Node {
    Kind kind = Kind::Constant;
    Cell value;             // Constant
    std::size_t column = 0; // Column
    std::string op;         // Compare
    std::vector<Node> kids; // operands; Case: when, then, ..., [else]
    bool has_else = false;
  };

  static Node binary(Kind kind, Node left, Node right, std::string op = {}) {
    Node node;
    node.kind = kind;
    node.op = std::move(op);
    node.kids.push_back(std::move(left));
    node.kids.push_back(std::move(right));
    return node;
  }

  Node disjunction(Cursor& c) {
    Node node = conjunction(c);
    while (c.accept_keyword("OR")) {
      node = binary(Kind::Or, std::move(node), conjunction(c));
    }
    return node;
  }

  Node conjunction(Cursor& c) {
    Node node = comparison(c);
    while (c.accept_keyword("AND")) {
      node = binary(Kind::And, std::move(node), comparison(c));
    }
    return node;
  }

  Node comparison(Cursor& c) {
    Node left = primary(c);
    if (c.accept_keyword("IS")) {
      Node node;
      node.kind = c.accept_keyword("NOT") ? Kind::IsNotNull : Kind::IsNull;
      c.expect_keyword("NULL");
      node.kids.push_back(std::move(left));
      return node;
    }
    for (const char* op : {"<=", ">=", "<>", "<", ">", "="}) {
      if (accept_operator(c, op)) {
        return binary(Kind::Compare, std::move(left), primary(c), op);
      }
    }
    return left;
  }

  static bool accept_operator(Cursor& c, std::string_view op) {
    for (std::size_t i = 0; i < op.size(); ++i) {
      if (!c.at_symbol(op[i], i)) {
        return false;
      }
    }
    for (std::size_t i = 0; i < op.size(); ++i) {
      c.next();
    }
    return true;
  }

  Node primary(Cursor& c) {
    Node node;
    if (c.accept_symbol('(')) {
      node = disjunction(c);
      c.expect_symbol(')');
    } else if (c.accept_keyword("CASE")) {
      node = case_expression(c);
    } else if (c.accept_keyword("TRUE")) {
      node.value = 1;
    } else if (c.accept_keyword("FALSE")) {
      node.value = 0;
    } else if (c.accept_keyword("NULL")) {
      node.value = std::nullopt;
    } else if (c.at_symbol('-') || c.peek().kind == starrocks::detail::Token::Kind::Number) {
      node.value = c.expect_integer();
    } else {
      const std::string name = c.expect_name();
      const auto found = std::find(m_columns.begin(), m_columns.end(), name);
      if (found == m_columns.end()) {
        throw std::invalid_argument("unknown column " + name);
      }
      node.kind = Kind::Column;
      node.column = static_cast<std::size_t>(found - m_columns.begin());
    }
    return node;
  }

  Node case_expression(Cursor& c) {
    Node node;
    node.kind = Kind::Case;
    while (c.accept_keyword("WHEN")) {
      node.kids.push_back(disjunction(c));
      c.expect_keyword("THEN");
      node.kids.push_back(disjunction(c));
    }
    if (c.accept_keyword("ELSE")) {
      node.kids.push_back(disjunction(c));
      node.has_else = true;
    }
    c.expect_keyword("END");
    return node;
  }

  static Cell compare(const std::string& op, Cell a, Cell b) {
    if (!a || !b) {
      return std::nullopt;
    }
    bool result = *a == *b;
    if (op == "<") {
      result = *a < *b;
    } else if (op == "<=") {
      result = *a <= *b;
    } else if (op == ">") {
      result = *a > *b;
    } else if (op == ">=") {
      result = *a >= *b;
    } else if (op == "<>") {
      result = *a != *b;
    }
    return result ? 1 : 0;
  }

  [[nodiscard]] Cell eval(const Node& node, const std::vector<Cell>& row) const {
    switch (node.kind) {
    case Kind::Constant:
      return node.value;
    case Kind::Column:
      return row.at(node.column);
    case Kind::Or: {
      const Cell a = eval(node.kids[0], row);
      if (a == 1) {
        return 1;
      }
      const Cell b = eval(node.kids[1], row);
      return b == 1 ? Cell{1} : (!a || !b ? Cell{} : Cell{0});
    }
    case Kind::And: {
      const Cell a = eval(node.kids[0], row);
      if (a == 0) {
        return 0;
      }
      const Cell b = eval(node.kids[1], row);
      return b == 0 ? Cell{0} : (!a || !b ? Cell{} : Cell{1});
    }
    case Kind::Compare:
      return compare(node.op, eval(node.kids[0], row), eval(node.kids[1], row));
    case Kind::IsNull:
      return eval(node.kids[0], row) ? 0 : 1;
    case Kind::IsNotNull:
      return eval(node.kids[0], row) ? 1 : 0;
    case Kind::Case:
      return eval_case(node, row);
    }
    return std::nullopt;
  }

  [[nodiscard]] Cell eval_case(const Node& node, const std::vector<Cell>& row) const {
    const std::size_t arms = (node.kids.size() - (node.has_else ? 1 : 0)) / 2;
    for (std::size_t i = 0; i < arms; ++i) {
      if (eval(node.kids[2 * i], row) == 1) { // NULL or FALSE: on to the next arm
        return eval(node.kids[2 * i + 1], row);
      }
    }
    return node.has_else ? eval(node.kids.back(), row) : std::nullopt;
  }

  std::vector<std::string> m_columns;
  Node m_root;
};

} // namespace exl::audit::test
