#include "ddl_parser_common.hpp"

namespace exl::starrocks::detail {
namespace {

// Nested types deeper than this are refused rather than recursed into, so that hostile input
// cannot exhaust the stack.
constexpr int k_max_type_depth = 32;

void parse_type_children(Cursor& cursor, ColumnType& type, int depth) {
  bool is_struct = type.base == "struct";
  do {
    if (is_struct) {
      type.field_names.push_back(cursor.expect_name());
    }
    type.children.push_back(parse_type(cursor, depth + 1));
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol('>');
}

} // namespace

ColumnType parse_type(Cursor& cursor, int depth) {
  if (depth > k_max_type_depth) {
    cursor.fail("a less deeply nested type");
  }
  if (cursor.peek().kind != Token::Kind::Word) {
    cursor.fail("a column type");
  }
  ColumnType type;
  type.base = to_lower(cursor.next().text);
  // "double precision", "character varying" and the like are not printed by StarRocks.
  if (cursor.accept_symbol('(')) {
    do {
      type.args.push_back(cursor.expect_integer());
    } while (cursor.accept_symbol(','));
    cursor.expect_symbol(')');
  }
  if (cursor.accept_symbol('<')) {
    parse_type_children(cursor, type, depth);
  }
  if (cursor.at_keyword("unsigned")) {
    cursor.fail("a StarRocks type (unsigned types do not exist)");
  }
  return type;
}

Literal parse_literal(Cursor& cursor) {
  const Token& token = cursor.peek();
  if (token.kind == Token::Kind::String) {
    return Literal::value(cursor.next().text);
  }
  if (cursor.accept_keyword("MAXVALUE")) {
    return Literal::max_value();
  }
  if (cursor.accept_keyword("NULL")) {
    return Literal::null();
  }
  bool negative = cursor.accept_symbol('-');
  if (cursor.peek().kind == Token::Kind::Number) {
    return Literal::value((negative ? "-" : "") + cursor.next().text);
  }
  cursor.fail("a literal");
}

Tuple parse_tuple(Cursor& cursor) {
  Tuple tuple;
  if (cursor.accept_keyword("MAXVALUE")) {
    tuple.push_back(Literal::max_value());
    return tuple;
  }
  cursor.expect_symbol('(');
  do {
    tuple.push_back(parse_literal(cursor));
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
  return tuple;
}

std::vector<std::string> parse_name_list(Cursor& cursor) {
  std::vector<std::string> names;
  cursor.expect_symbol('(');
  if (cursor.accept_symbol(')')) {
    return names;
  }
  do {
    names.push_back(cursor.expect_name());
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
  return names;
}

Properties parse_properties_body(Cursor& cursor) {
  Properties properties;
  cursor.expect_symbol('(');
  if (cursor.accept_symbol(')')) {
    return properties;
  }
  do {
    std::string key = cursor.expect_string();
    cursor.expect_symbol('=');
    std::string value = cursor.expect_string();
    properties.emplace_back(std::move(key), std::move(value));
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
  return properties;
}

Distribution parse_distribution(Cursor& cursor) {
  Distribution distribution;
  if (cursor.accept_keyword("HASH")) {
    distribution.kind = Distribution::Kind::Hash;
    distribution.columns = parse_name_list(cursor);
  } else if (cursor.accept_keyword("RANDOM")) {
    distribution.kind = Distribution::Kind::Random;
  } else {
    cursor.fail("HASH or RANDOM");
  }
  if (cursor.accept_keyword("BUCKETS")) {
    if (!cursor.accept_keyword("AUTO")) {
      distribution.buckets = cursor.expect_integer();
    }
  }
  return distribution;
}

std::vector<ViewColumn> parse_view_columns(Cursor& cursor) {
  std::vector<ViewColumn> columns;
  cursor.expect_symbol('(');
  do {
    ViewColumn column;
    column.name = cursor.expect_name();
    if (cursor.accept_keyword("COMMENT")) {
      column.comment = cursor.expect_string();
    }
    columns.push_back(std::move(column));
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
  return columns;
}

std::string parse_qualified_name(Cursor& cursor) {
  std::string name = cursor.expect_name();
  while (cursor.accept_symbol('.')) {
    name = cursor.expect_name();
  }
  return name;
}

} // namespace exl::starrocks::detail
