#include "ddl_parser_common.hpp"

#include <algorithm>
#include <cctype>

// PARTITION BY in every printed form the reference (§1) lists:
//   RANGE(`c1`[, `c2`]) (PARTITION p VALUES [(..), (..)) [("replication_num" = "1")], ...)
//   RANGE(`c`) (PARTITION p VALUES LESS THAN (..) | MAXVALUE, ...)       (accepted as input)
//   LIST(`c`[, ..]) (PARTITION p VALUES IN ('a', 'b') | (('a', 'b'), ..), ...)
//   RANGE(date_trunc('day', dt)) ()   and the V2 form without RANGE and without a list
//   date_trunc('day', `dt`) / time_slice(`dt`, interval 7 day)
//   (`dt`,`city`)  and  dt, city                                          (column expressions)
namespace exl::starrocks::detail {
namespace {

bool at_name(const Cursor& cursor, std::size_t ahead = 0) {
  Token::Kind kind = cursor.peek(ahead).kind;
  return kind == Token::Kind::Word || kind == Token::Kind::QuotedName;
}

bool is_plain_word(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
  });
}

// date_trunc('unit', col) and time_slice(col, INTERVAL n unit[, boundary]) become canonical text;
// other expressions keep their whitespace-normalised source.
void parse_expression(Cursor& cursor, Partitioning& partitioning) {
  std::size_t from = cursor.index();
  std::string function = to_lower(cursor.expect_name());
  cursor.expect_symbol('(');
  // Only a unit that is a plain word (day, month, ...) is made canonical: anything else is kept
  // as written, so that printing it cannot change it (found by the fuzzer: a unit holding quotes
  // and backslashes lost its escapes in the canonical text).
  if (function == "date_trunc" && cursor.peek().kind == Token::Kind::String &&
      is_plain_word(cursor.peek().text) && cursor.at_symbol(',', 1) && at_name(cursor, 2) &&
      cursor.at_symbol(')', 3)) {
    std::string unit = to_lower(cursor.next().text);
    cursor.next();
    std::string column = cursor.next().text;
    cursor.next();
    partitioning.expression = "date_trunc('" + unit + "', `" + column + "`)";
    partitioning.columns = {column};
    return;
  }
  if (function == "time_slice" && at_name(cursor) && cursor.at_symbol(',', 1) &&
      cursor.at_keyword("INTERVAL", 2) && cursor.peek(3).kind == Token::Kind::Number &&
      at_name(cursor, 4)) {
    std::string column = cursor.next().text;
    cursor.next();
    cursor.next();
    std::string count = cursor.next().text;
    std::string unit = to_lower(cursor.next().text);
    std::string text = "time_slice(`" + column + "`, INTERVAL " + count + " " + unit;
    if (cursor.accept_symbol(',')) {
      text += ", " + to_lower(cursor.expect_name());
    }
    cursor.expect_symbol(')');
    partitioning.expression = text + ")";
    partitioning.columns = {column};
    return;
  }
  cursor.seek(from);
  cursor.next();
  cursor.take_balanced();
  partitioning.expression = cursor.source_since(from);
  partitioning.columns.clear();
}

PartitionDef parse_range_entry(Cursor& cursor, const Partitioning& partitioning) {
  PartitionDef def;
  def.bounds.kind = PartitionBounds::Kind::Range;
  def.name = cursor.expect_name();
  cursor.expect_keyword("VALUES");
  if (cursor.accept_keyword("LESS")) {
    cursor.expect_keyword("THAN");
    def.bounds.upper = parse_tuple(cursor);
    if (!partitioning.partitions.empty()) {
      def.bounds.lower = partitioning.partitions.back().bounds.upper;
    }
  } else {
    cursor.expect_symbol('[');
    def.bounds.lower = parse_tuple(cursor);
    cursor.expect_symbol(',');
    def.bounds.upper = parse_tuple(cursor);
    cursor.expect_symbol(')');
  }
  return def;
}

PartitionDef parse_list_entry(Cursor& cursor) {
  PartitionDef def;
  def.bounds.kind = PartitionBounds::Kind::List;
  def.name = cursor.expect_name();
  cursor.expect_keyword("VALUES");
  cursor.expect_keyword("IN");
  cursor.expect_symbol('(');
  do {
    if (cursor.at_symbol('(')) {
      def.bounds.values.push_back(parse_tuple(cursor));
    } else {
      def.bounds.values.push_back(Tuple{parse_literal(cursor)});
    }
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
  return def;
}

// The parenthesised partition list; `()` and an absent list are both "no partitions".
void parse_partition_list(Cursor& cursor, Partitioning& partitioning, bool list) {
  if (!cursor.at_symbol('(')) {
    return;
  }
  cursor.expect_symbol('(');
  if (cursor.accept_symbol(')')) {
    return;
  }
  do {
    cursor.expect_keyword("PARTITION");
    PartitionDef def = list ? parse_list_entry(cursor) : parse_range_entry(cursor, partitioning);
    if (cursor.at_symbol('(')) {
      def.properties = parse_properties_body(cursor);
    }
    partitioning.partitions.push_back(std::move(def));
  } while (cursor.accept_symbol(','));
  cursor.expect_symbol(')');
}

void parse_range(Cursor& cursor, Partitioning& partitioning) {
  cursor.expect_symbol('(');
  if (at_name(cursor) && cursor.at_symbol('(', 1)) {
    partitioning.kind = Partitioning::Kind::Expression;
    parse_expression(cursor, partitioning);
    cursor.expect_symbol(')');
  } else {
    partitioning.kind = Partitioning::Kind::Range;
    do {
      partitioning.columns.push_back(cursor.expect_name());
    } while (cursor.accept_symbol(','));
    cursor.expect_symbol(')');
  }
  parse_partition_list(cursor, partitioning, false);
}

} // namespace

void parse_partition_clause(Cursor& cursor, Partitioning& partitioning) {
  partitioning = Partitioning{};
  if (cursor.accept_keyword("RANGE")) {
    parse_range(cursor, partitioning);
  } else if (cursor.accept_keyword("LIST")) {
    partitioning.kind = Partitioning::Kind::List;
    partitioning.columns = parse_name_list(cursor);
    parse_partition_list(cursor, partitioning, true);
  } else if (cursor.at_symbol('(')) {
    partitioning.kind = Partitioning::Kind::ColumnList;
    partitioning.columns = parse_name_list(cursor);
  } else if (at_name(cursor) && cursor.at_symbol('(', 1)) {
    partitioning.kind = Partitioning::Kind::Expression;
    parse_expression(cursor, partitioning);
    parse_partition_list(cursor, partitioning, false);
  } else {
    partitioning.kind = Partitioning::Kind::ColumnList;
    do {
      partitioning.columns.push_back(cursor.expect_name());
    } while (cursor.accept_symbol(','));
  }
}

} // namespace exl::starrocks::detail
