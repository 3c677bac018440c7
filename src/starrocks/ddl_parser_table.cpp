#include "ddl_parser_common.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"

#include <algorithm>
#include <array>

// Grammar followed: the SHOW CREATE TABLE layout of GlobalStateMgr.getDdlStmt and the
// RangePartitionInfo / ListPartitionInfo / ExpressionRangePartitionInfo(V2) / distribution toSql
// methods, as summarised in reference/starrocks-surface.md §1.
namespace exl::starrocks {
namespace {

using detail::Cursor;
using detail::Token;

bool is_aggregate_keyword(const Token& token) {
  static constexpr std::array<std::string_view, 8> k_aggregates = {"SUM",
                                                                   "MAX",
                                                                   "MIN",
                                                                   "REPLACE",
                                                                   "REPLACE_IF_NOT_NULL",
                                                                   "HLL_UNION",
                                                                   "BITMAP_UNION",
                                                                   "PERCENTILE_UNION"};
  if (token.kind != Token::Kind::Word) {
    return false;
  }
  return std::any_of(k_aggregates.begin(), k_aggregates.end(),
                     [&](std::string_view word) { return detail::iequals(token.text, word); });
}

ColumnDefault parse_default(Cursor& cursor) {
  const Token& token = cursor.peek();
  if (token.kind == Token::Kind::String) {
    return {ColumnDefault::Kind::Literal, cursor.next().text};
  }
  if (cursor.at_symbol('(')) {
    return {ColumnDefault::Kind::Expression, cursor.take_balanced()};
  }
  if (cursor.at_symbol('-') || token.kind == Token::Kind::Number) {
    Literal literal = detail::parse_literal(cursor);
    return {ColumnDefault::Kind::Literal, literal.text};
  }
  if (token.kind == Token::Kind::Word) {
    std::string word = detail::to_upper(cursor.next().text);
    if (cursor.at_symbol('(')) {
      word += cursor.take_balanced();
    }
    return {ColumnDefault::Kind::Expression, word};
  }
  cursor.fail("a default value");
}

// `AS expr` of a generated column: the tokens up to COMMENT / ',' / the closing ')' of the column
// list, parenthesised groups whole. Column.toSql prints `AS <expr> COMMENT ".."`, the expression
// by AstToSQLBuilder, so it may open with a group and go on: `(`a` + 1) * 2`.
std::string parse_generated(Cursor& cursor) {
  std::size_t from = cursor.index();
  while (!cursor.at_end() && !cursor.at_keyword("COMMENT") && !cursor.at_symbol(',') &&
         !cursor.at_symbol(')')) {
    if (cursor.at_symbol('(')) {
      cursor.take_balanced();
    } else {
      cursor.next();
    }
  }
  if (cursor.index() == from) {
    cursor.fail("an expression");
  }
  return cursor.source_since(from);
}

Column parse_column(Cursor& cursor) {
  Column column;
  column.name = cursor.expect_name();
  column.type = detail::parse_type(cursor);
  while (true) {
    if (is_aggregate_keyword(cursor.peek())) {
      column.aggregate = detail::to_upper(cursor.next().text);
    } else if (cursor.accept_keyword("NOT")) {
      cursor.expect_keyword("NULL");
      column.nullable = false;
    } else if (cursor.accept_keyword("NULL")) {
      column.nullable = true;
    } else if (cursor.accept_keyword("AUTO_INCREMENT")) {
      column.auto_increment = true;
    } else if (cursor.accept_keyword("DEFAULT")) {
      column.default_value = parse_default(cursor);
    } else if (cursor.accept_keyword("AS")) {
      column.generated = parse_generated(cursor);
    } else if (cursor.accept_keyword("COMMENT")) {
      column.comment = cursor.expect_string();
    } else {
      return column;
    }
  }
}

Index parse_index(Cursor& cursor) {
  Index index;
  index.name = cursor.expect_name();
  index.columns = detail::parse_name_list(cursor);
  if (cursor.accept_keyword("USING")) {
    index.using_type = detail::to_upper(cursor.expect_name());
  }
  if (cursor.accept_keyword("COMMENT")) {
    index.comment = cursor.expect_string();
  }
  if (cursor.accept_keyword("PROPERTIES")) {
    index.properties = detail::parse_properties_body(cursor);
  }
  return index;
}

void parse_column_list(Cursor& cursor, TableModel& table) {
  cursor.expect_symbol('(');
  do {
    if (cursor.accept_keyword("INDEX")) {
      table.indexes.push_back(parse_index(cursor));
    } else {
      table.columns.push_back(parse_column(cursor));
    }
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
}

bool parse_key_clause(Cursor& cursor, TableModel& table) {
  static constexpr std::array<std::pair<std::string_view, KeyType>, 4> k_keys = {
      {{"DUPLICATE", KeyType::Duplicate},
       {"AGGREGATE", KeyType::Aggregate},
       {"UNIQUE", KeyType::Unique},
       {"PRIMARY", KeyType::Primary}}};
  for (const auto& [word, type] : k_keys) {
    if (cursor.at_keyword(word) && cursor.at_keyword("KEY", 1)) {
      cursor.next();
      cursor.next();
      table.key_type = type;
      table.key_columns = detail::parse_name_list(cursor);
      return true;
    }
  }
  return false;
}

} // namespace

namespace detail {
void parse_partition_clause(Cursor& cursor, Partitioning& partitioning);
}

namespace {

bool parse_table_clause(Cursor& cursor, TableModel& table) {
  if (cursor.accept_keyword("ENGINE")) {
    cursor.expect_symbol('=');
    // SHOW CREATE prints the engine as a bare word and the printer writes it back unquoted, so a
    // `quoted` engine (which could hold any text) is refused rather than printed as SQL.
    table.engine = detail::to_upper(cursor.expect_word());
  } else if (parse_key_clause(cursor, table)) {
  } else if (cursor.accept_keyword("COMMENT")) {
    table.comment = cursor.expect_string();
  } else if (cursor.accept_keyword("PARTITION")) {
    cursor.expect_keyword("BY");
    detail::parse_partition_clause(cursor, table.partitioning);
  } else if (cursor.accept_keyword("DISTRIBUTED")) {
    cursor.expect_keyword("BY");
    table.distribution = detail::parse_distribution(cursor);
  } else if (cursor.accept_keyword("ORDER")) {
    cursor.expect_keyword("BY");
    table.order_by = detail::parse_name_list(cursor);
  } else if (cursor.accept_keyword("PROPERTIES")) {
    table.properties = detail::parse_properties_body(cursor);
  } else {
    return false;
  }
  return true;
}

TableModel parse_table(Cursor& cursor) {
  TableModel table;
  cursor.expect_keyword("CREATE");
  table.external = cursor.accept_keyword("EXTERNAL");
  cursor.expect_keyword("TABLE");
  if (cursor.accept_keyword("IF")) {
    cursor.expect_keyword("NOT");
    cursor.expect_keyword("EXISTS");
  }
  table.name = detail::parse_qualified_name(cursor);
  parse_column_list(cursor, table);
  while (parse_table_clause(cursor, table)) {
  }
  cursor.accept_symbol(';');
  if (!cursor.at_end()) {
    cursor.fail("ENGINE, a KEY clause, COMMENT, PARTITION BY, DISTRIBUTED BY, ORDER BY, "
                "PROPERTIES or the end");
  }
  return table;
}

} // namespace

Result<TableModel> parse_create_table(std::string_view ddl) {
  return detail::run_parser<TableModel>(ddl, parse_table);
}

Result<ColumnType> parse_column_type(std::string_view text) {
  return detail::run_parser<ColumnType>(text, [](Cursor& cursor) {
    ColumnType type = detail::parse_type(cursor);
    if (!cursor.at_end()) {
      cursor.fail("the end of the type");
    }
    return type;
  });
}

} // namespace exl::starrocks
