#include "exlschema/starrocks/partition_predicate.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <array>

namespace exl::starrocks {
namespace {

// A boolean expression with constant folding, so that MAXVALUE and type-minimum bounds vanish
// instead of producing `1 = 1 AND ...` noise.
struct Cond {
  enum class Kind { True, False, Sql };
  Kind kind = Kind::True;
  std::string sql;

  static Cond yes() { return {Kind::True, {}}; }
  static Cond no() { return {Kind::False, {}}; }
  static Cond of(std::string text) { return {Kind::Sql, std::move(text)}; }
};

Cond both(const Cond& a, const Cond& b) {
  if (a.kind == Cond::Kind::False || b.kind == Cond::Kind::False) {
    return Cond::no();
  }
  if (a.kind == Cond::Kind::True) {
    return b;
  }
  if (b.kind == Cond::Kind::True) {
    return a;
  }
  return Cond::of(a.sql + " AND " + b.sql);
}

Cond either(const Cond& a, const Cond& b) {
  if (a.kind == Cond::Kind::True || b.kind == Cond::Kind::True) {
    return Cond::yes();
  }
  if (a.kind == Cond::Kind::False) {
    return b;
  }
  if (b.kind == Cond::Kind::False) {
    return a;
  }
  return Cond::of("(" + a.sql + " OR " + b.sql + ")");
}

std::string render(const Cond& cond) {
  switch (cond.kind) {
  case Cond::Kind::True:
    return "TRUE";
  case Cond::Kind::False:
    return "FALSE";
  case Cond::Kind::Sql:
    break;
  }
  return cond.sql;
}

bool is_plain_number(std::string_view text) {
  std::size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
  bool digits = false;
  bool dot = false;
  for (; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      digits = true;
    } else if (text[i] == '.' && !dot) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

std::string sql_value(const PartitionColumn& column, const Literal& literal) {
  if (column.type && column.type->is_numeric() && is_plain_number(literal.text)) {
    return literal.text;
  }
  return quote_string(literal.text);
}

enum class Op { Less, GreaterEq, Greater, Equal };

// One column compared with one bound value, NULL sorting as the type minimum.
Cond compare(const PartitionColumn& column, Op op, const Literal& literal) {
  if (literal.kind == Literal::Kind::MaxValue) {
    return op == Op::Less ? Cond::yes() : Cond::no();
  }
  std::string name = quote_identifier(column.name);
  std::string is_null = name + " IS NULL";
  if (literal.kind == Literal::Kind::Null) {
    return op == Op::Equal ? Cond::of(is_null) : Cond::no();
  }
  std::string value = sql_value(column, literal);
  bool minimum = is_type_minimum(literal, column.type);
  switch (op) {
  case Op::GreaterEq:
    return minimum ? Cond::yes() : Cond::of(name + " >= " + value);
  case Op::Greater:
    return Cond::of(name + " > " + value);
  case Op::Less:
    if (minimum) {
      return Cond::no();
    }
    return column.nullable ? Cond::of("(" + name + " < " + value + " OR " + is_null + ")")
                           : Cond::of(name + " < " + value);
  case Op::Equal:
    return minimum && column.nullable
               ? Cond::of("(" + name + " = " + value + " OR " + is_null + ")")
               : Cond::of(name + " = " + value);
  }
  return Cond::no();
}

bool all_minimum(const std::vector<PartitionColumn>& columns, const Tuple& bound, std::size_t i) {
  for (; i < columns.size() && i < bound.size(); ++i) {
    if (!is_type_minimum(bound[i], columns[i].type)) {
      return false;
    }
  }
  return true;
}

// (c_i..c_n) >= (x_i..x_n) or < ; a bound shorter than the column list is padded with the type
// minimum, which StarRocks does for partial LESS THAN keys: ">= minimum" holds, "< minimum" not.
Cond tuple_compare(const std::vector<PartitionColumn>& columns, const Tuple& bound, std::size_t i,
                   bool lower) {
  if (i >= columns.size() || i >= bound.size()) {
    return lower ? Cond::yes() : Cond::no();
  }
  if (lower && all_minimum(columns, bound, i)) {
    return Cond::yes(); // (c_i..) >= (min..) holds for every row, NULL keys included
  }
  Op strict = lower ? Op::Greater : Op::Less;
  if (i + 1 == columns.size()) {
    return compare(columns[i], lower ? Op::GreaterEq : Op::Less, bound[i]);
  }
  Cond rest =
      both(compare(columns[i], Op::Equal, bound[i]), tuple_compare(columns, bound, i + 1, lower));
  return either(compare(columns[i], strict, bound[i]), rest);
}

Cond list_predicate(const std::vector<PartitionColumn>& columns, const PartitionBounds& bounds) {
  Cond any = Cond::no();
  for (const Tuple& tuple : bounds.values) {
    Cond all = Cond::yes();
    for (std::size_t i = 0; i < tuple.size() && i < columns.size(); ++i) {
      const Literal& value = tuple[i];
      std::string name = quote_identifier(columns[i].name);
      all = both(all, value.kind == Literal::Kind::Null
                          ? Cond::of(name + " IS NULL")
                          : Cond::of(name + " = " + sql_value(columns[i], value)));
    }
    any = either(any, all);
  }
  return any;
}

} // namespace

bool is_type_minimum(const Literal& literal, const std::optional<ColumnType>& type) {
  if (literal.kind != Literal::Kind::Value) {
    return false;
  }
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 8> k_minimums = {{
      {"date", "0000-01-01"},
      {"datetime", "0000-01-01 00:00:00"},
      {"tinyint", "-128"},
      {"smallint", "-32768"},
      {"int", "-2147483648"},
      {"bigint", "-9223372036854775808"},
      {"largeint", "-170141183460469231731687303715884105728"},
      {"integer", "-2147483648"},
  }};
  return std::any_of(k_minimums.begin(), k_minimums.end(), [&](const auto& minimum) {
    return literal.text == minimum.second && (!type || type->base == minimum.first);
  });
}

std::vector<PartitionColumn> partition_columns(const TableModel& table,
                                               const std::vector<PartitionInfo>& partitions) {
  std::vector<std::string> names = table.partitioning.columns;
  if (names.empty() && table.partitioning.kind != Partitioning::Kind::None && !partitions.empty()) {
    names = partitions.front().key_columns;
  }
  std::vector<PartitionColumn> out;
  for (const std::string& name : names) {
    PartitionColumn column{name, std::nullopt, true};
    if (const Column* found = table.find_column(name)) {
      column.type = found->type;
      column.nullable = found->nullable;
    }
    out.push_back(std::move(column));
  }
  return out;
}

Result<std::string> partition_predicate(const std::vector<PartitionColumn>& columns,
                                        const PartitionBounds& bounds) {
  if (bounds.kind == PartitionBounds::Kind::None) {
    return std::string("TRUE");
  }
  std::size_t widest = std::max(bounds.lower.size(), bounds.upper.size());
  for (const Tuple& tuple : bounds.values) {
    widest = std::max(widest, tuple.size());
  }
  if (columns.empty() || widest > columns.size()) {
    return ParseError{0, std::to_string(std::max<std::size_t>(widest, 1)) + " partition column(s)",
                      std::to_string(columns.size())};
  }
  if (bounds.kind == PartitionBounds::Kind::List) {
    return render(list_predicate(columns, bounds));
  }
  return render(both(tuple_compare(columns, bounds.lower, 0, true),
                     tuple_compare(columns, bounds.upper, 0, false)));
}

std::vector<NamedBounds> named_bounds(const std::vector<PartitionInfo>& partitions) {
  std::vector<NamedBounds> out;
  out.reserve(partitions.size());
  for (const PartitionInfo& info : partitions) {
    out.push_back({info.name, info.bounds});
  }
  return out;
}

} // namespace exl::starrocks
