#include "exlschema/starrocks/partition_predicate.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

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

// ---- expression partitions ----

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A DATE or DATETIME bound literal: `YYYY-MM-DD[ HH:MM:SS[.ffffff]]`.
struct Moment {
  long long year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool fraction = false; // a non-zero fractional second
};

std::optional<long long> digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) {
    return std::nullopt;
  }
  long long value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

std::optional<Moment> parse_moment(std::string_view text) {
  auto y = digits_at(text, 0, 4);
  auto mo = digits_at(text, 5, 2);
  auto d = digits_at(text, 8, 2);
  if (!y || !mo || !d || text[4] != '-' || text[7] != '-' || *mo < 1 || *mo > 12 || *d < 1 ||
      *d > 31) {
    return std::nullopt;
  }
  Moment m{*y, *mo, *d, 0, 0, 0, false};
  if (text.size() == 10) {
    return m;
  }
  auto h = digits_at(text, 11, 2);
  auto mi = digits_at(text, 14, 2);
  auto s = digits_at(text, 17, 2);
  if (text[10] != ' ' || !h || !mi || !s || text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  m.hour = *h;
  m.minute = *mi;
  m.second = *s;
  if (text.size() == 19) {
    return m;
  }
  if (text[19] != '.' || text.size() == 20) {
    return std::nullopt;
  }
  for (char c : text.substr(20)) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    m.fraction = m.fraction || c != '0';
  }
  return m;
}

// Days from 0001-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil,
// shifted); 0001-01-01 is a Monday.
long long days_from_origin(const Moment& m) {
  long long y = m.year - (m.month <= 2 ? 1 : 0);
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m.month + (m.month > 2 ? -3 : 9)) + 2) / 5 + m.day - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 + 719162; // 719162 = days from 0001-01-01 to 1970-01-01
}

long long seconds_from_origin(const Moment& m) {
  return days_from_origin(m) * 86400 + m.hour * 3600 + m.minute * 60 + m.second;
}

// A floor function over dates and datetimes: date_trunc('unit', c) or time_slice(c, INTERVAL n
// unit) counted from 0001-01-01 00:00:00. `boundary` tells whether a moment is one of its values.
struct Floor {
  std::string unit;
  long long count = 1;
  bool sliced = false; // time_slice: multiples of `count` units from the origin

  std::optional<long long> unit_seconds() const {
    static constexpr std::array<std::pair<std::string_view, long long>, 5> k_units = {
        {{"second", 1}, {"minute", 60}, {"hour", 3600}, {"day", 86400}, {"week", 604800}}};
    for (const auto& [name, seconds] : k_units) {
      if (unit == name) {
        return seconds;
      }
    }
    return std::nullopt;
  }

  std::optional<long long> unit_months() const {
    if (unit == "month") {
      return 1;
    }
    if (unit == "quarter") {
      return 3;
    }
    if (unit == "year") {
      return 12;
    }
    return std::nullopt;
  }

  bool known() const { return count > 0 && (unit_seconds() || unit_months()); }

  bool boundary(const Moment& m) const {
    if (m.fraction) {
      return false;
    }
    if (std::optional<long long> seconds = unit_seconds()) {
      // date_trunc: a multiple of the unit since the origin, which is a midnight and a Monday.
      return seconds_from_origin(m) % (*seconds * count) == 0;
    }
    if (m.day != 1 || m.hour != 0 || m.minute != 0 || m.second != 0) {
      return false;
    }
    long long months = (m.year - 1) * 12 + (m.month - 1);
    return months % (*unit_months() * count) == 0;
  }
};

// The floor that a canonical expression from the DDL parser names, or nullopt.
std::optional<Floor> floor_of(std::string_view expression) {
  constexpr std::string_view k_trunc = "date_trunc('";
  constexpr std::string_view k_slice = "time_slice(`";
  if (expression.substr(0, k_trunc.size()) == k_trunc) {
    std::size_t end = expression.find('\'', k_trunc.size());
    if (end == std::string_view::npos) {
      return std::nullopt;
    }
    Floor floor{std::string(expression.substr(k_trunc.size(), end - k_trunc.size())), 1, false};
    return floor.known() ? std::optional<Floor>(floor) : std::nullopt;
  }
  if (expression.substr(0, k_slice.size()) != k_slice) {
    return std::nullopt;
  }
  constexpr std::string_view k_interval = "`, INTERVAL ";
  std::size_t at = expression.find(k_interval);
  if (at == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view rest = expression.substr(at + k_interval.size()); // "7 day[, floor])"
  std::size_t space = rest.find(' ');
  std::size_t close = rest.find_first_of(",)");
  if (space == std::string_view::npos || close == std::string_view::npos || close < space) {
    return std::nullopt;
  }
  Floor floor{std::string(rest.substr(space + 1, close - space - 1)), 0, true};
  auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + space, floor.count);
  if (ec != std::errc() || ptr != rest.data() + space) {
    return std::nullopt;
  }
  std::string_view tail = rest.substr(close);
  if (tail != ")" && tail != ", floor)") {
    return std::nullopt; // ceil: f(v) >= v, the partition is not a range of the column
  }
  return floor.known() ? std::optional<Floor>(floor) : std::nullopt;
}

// Refuses a bound of an expression partition that is not a value of `floor`: the partition would
// then not be a range of the column.
std::optional<ParseError> check_floor_bounds(const Floor& floor, const std::string& expression,
                                             const PartitionInfo& partition) {
  if (partition.bounds.kind != PartitionBounds::Kind::Range) {
    return ParseError{0, "partition " + partition.name + ": a range partition of " + expression,
                      "a partition without a range"};
  }
  for (const Tuple* tuple : {&partition.bounds.lower, &partition.bounds.upper}) {
    for (const Literal& literal : *tuple) {
      if (literal.kind != Literal::Kind::Value || is_type_minimum(literal, std::nullopt)) {
        continue; // MAXVALUE and the type minimum are no bound at all
      }
      std::optional<Moment> moment = parse_moment(literal.text);
      if (!moment || !floor.boundary(*moment)) {
        return ParseError{0,
                          "partition " + partition.name + ": bounds that are values of " +
                              expression + " (a partition added by hand may not be)",
                          literal.text};
      }
    }
  }
  return std::nullopt;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

bool same_column_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), equals_ignore_case);
}

} // namespace

bool is_one_step(std::string_view expression, std::string_view lower, std::string_view upper) {
  std::optional<Floor> floor = floor_of(expression);
  std::optional<Moment> lo = parse_moment(lower);
  std::optional<Moment> hi = parse_moment(upper);
  if (!floor || !lo || !hi || !floor->boundary(*lo) || !floor->boundary(*hi)) {
    return false;
  }
  if (std::optional<long long> seconds = floor->unit_seconds()) {
    return seconds_from_origin(*hi) - seconds_from_origin(*lo) == *seconds * floor->count;
  }
  const long long months = (hi->year - lo->year) * 12LL + (hi->month - lo->month);
  return months == *floor->unit_months() * floor->count;
}

std::optional<TimeStep> expression_time_step(std::string_view expression) {
  std::optional<Floor> floor = floor_of(expression);
  if (!floor) {
    return std::nullopt;
  }
  return TimeStep{floor->unit, floor->count};
}

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

Result<std::vector<PartitionColumn>>
partition_columns(const TableModel& table, const std::vector<PartitionInfo>& partitions) {
  const Partitioning& partitioning = table.partitioning;
  if (partitioning.kind == Partitioning::Kind::Expression) {
    std::optional<Floor> floor = floor_of(partitioning.expression);
    if (!floor || partitioning.columns.size() != 1) {
      return ParseError{0,
                        "a partition expression exlSchema can match exactly (a column list, "
                        "date_trunc('unit', c) or time_slice(c, INTERVAL n unit))",
                        partitioning.expression};
    }
    for (const PartitionInfo& partition : partitions) {
      if (std::optional<ParseError> error =
              check_floor_bounds(*floor, partitioning.expression, partition)) {
        return *error;
      }
    }
  }
  if (partitioning.kind != Partitioning::Kind::None) {
    for (const PartitionInfo& partition : partitions) {
      if (!same_column_names(partition.key_columns, partitioning.columns)) {
        return ParseError{0,
                          "partition " + partition.name + ": the PartitionKey " +
                              joined(partitioning.columns) + " of the table definition",
                          joined(partition.key_columns)};
      }
    }
  }
  std::vector<PartitionColumn> out;
  for (const std::string& name : partitioning.columns) {
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
    if (!columns.empty()) {
      return ParseError{0,
                        "the bounds of a partition of a table partitioned by " +
                            std::to_string(columns.size()) + " column(s)",
                        "no bounds"};
    }
    return std::string("TRUE"); // the single partition of an unpartitioned table
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
