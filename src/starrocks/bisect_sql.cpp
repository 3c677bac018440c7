#include "exlschema/starrocks/bisect_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// -12, 3.50, 1e+20: text that is a number literal as it stands (so nothing else goes bare).
bool is_number_text(std::string_view text) {
  std::size_t i = text.size() > 1 && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  const std::size_t digits_from = i;
  while (i < text.size() && is_digit(text[i])) {
    ++i;
  }
  if (i == digits_from) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    i += i < text.size() && (text[i] == '-' || text[i] == '+') ? 1 : 0;
    const std::size_t exponent_from = i;
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
    if (i == exponent_from) {
      return false;
    }
  }
  return i == text.size();
}

// "(<partition>) AND <ranges>", or "" when neither restricts anything.
std::string where_clause(std::string_view partition, const std::vector<std::string>& ranges) {
  std::vector<std::string> conditions;
  if (!partition.empty() && partition != "TRUE") {
    conditions.push_back("(" + std::string(partition) + ")");
  }
  bool whole = ranges.empty();
  for (const std::string& range : ranges) {
    whole = whole || range.empty();
  }
  if (!whole && ranges.size() == 1) {
    conditions.push_back(ranges.front());
  } else if (!whole) {
    std::string any;
    for (const std::string& range : ranges) {
      any += (any.empty() ? "(" : " OR ") + ("(" + range + ")");
    }
    conditions.push_back(any + ")");
  }
  std::string out;
  for (const std::string& condition : conditions) {
    out += (out.empty() ? " WHERE " : " AND ") + condition;
  }
  return out;
}

std::string key_list(const std::vector<Column>& keys) {
  std::string out;
  for (const Column& key : keys) {
    out += (out.empty() ? "" : ", ") + quote_identifier(key.name);
  }
  return out;
}

std::string tuple_text(const std::vector<Column>& keys, const KeyTuple& values) {
  if (keys.size() == 1) {
    return key_literal(keys.front(), values.front());
  }
  std::string out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += (i == 0 ? "(" : ", ") + key_literal(keys[i], values[i]);
  }
  return out + ")";
}

std::string key_tuple_name(const std::vector<Column>& keys) {
  return keys.size() == 1 ? quote_identifier(keys.front().name) : "(" + key_list(keys) + ")";
}

std::vector<std::string> predicates_of(const std::vector<BoundsRange>& ranges) {
  std::vector<std::string> out;
  out.reserve(ranges.size());
  for (const BoundsRange& range : ranges) {
    out.push_back(range.predicate);
  }
  return out;
}

std::vector<std::string> predicates_of(const std::vector<RangeSplit>& splits) {
  std::vector<std::string> out;
  out.reserve(splits.size());
  for (const RangeSplit& split : splits) {
    out.push_back(split.predicate);
  }
  return out;
}

// The number of each row's parent range: a constant for one range, a CASE over several.
std::string parent_number(const std::vector<BoundsRange>& ranges) {
  if (ranges.size() == 1) {
    return "0";
  }
  std::string out = "CASE";
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    out += " WHEN " + ranges[i].predicate + " THEN " + std::to_string(i);
  }
  return out + " END";
}

std::string step_of_parent(const std::vector<BoundsRange>& ranges) {
  if (ranges.size() == 1) {
    return std::to_string(ranges.front().step);
  }
  std::string out = "CASE";
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    out += " WHEN exl_parent = " + std::to_string(i) + " THEN " + std::to_string(ranges[i].step);
  }
  return out + " END";
}

// The number of each row's child range over every split: one CASE for one split, a CASE of
// CASEs over several.
std::string child_number(const std::vector<Column>& keys, const std::vector<RangeSplit>& splits) {
  if (splits.size() == 1) {
    return range_case(keys, splits.front().bounds);
  }
  std::string out = "CASE";
  int first = 0;
  for (const RangeSplit& split : splits) {
    out += " WHEN " + split.predicate + " THEN " + range_case(keys, split.bounds, first);
    first += static_cast<int>(split.bounds.size()) + 1;
  }
  return out + " END";
}

} // namespace

std::string key_literal(const Column& column, const std::string& value) {
  const bool bare = column.type.is_numeric() || column.type.base == "boolean";
  return bare && is_number_text(value) ? value : quote_string(value);
}

std::string key_at_most(const std::vector<Column>& keys, const KeyTuple& bound) {
  if (keys.size() == 1) {
    return quote_identifier(keys.front().name) + " <= " + key_literal(keys.front(), bound.front());
  }
  // (a < x) OR (a = x AND b < y) OR ... OR (a = x AND ... AND z <= w)
  std::string out;
  std::string equal_prefix;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string column = quote_identifier(keys[i].name);
    const std::string value = key_literal(keys[i], bound[i]);
    std::string last = column;
    last.append(i + 1 == keys.size() ? " <= " : " < ").append(value);
    if (i == 0) {
      out.append("(").append(last);
    } else {
      out.append(" OR (").append(equal_prefix).append(last).append(")");
    }
    equal_prefix.append(column).append(" = ").append(value).append(" AND ");
  }
  return out + ")";
}

std::string range_case(const std::vector<Column>& keys, const std::vector<KeyTuple>& bounds,
                       int first) {
  std::string out = "CASE";
  int number = first;
  for (const KeyTuple& bound : bounds) {
    out += " WHEN " + key_at_most(keys, bound) + " THEN " + std::to_string(number++);
  }
  return out + " ELSE " + std::to_string(number) + " END";
}

std::string child_predicate(const std::vector<Column>& keys, const RangeSplit& split, int index) {
  const std::string own = "(" + range_case(keys, split.bounds) + ") = " + std::to_string(index);
  return split.predicate.empty() ? own : split.predicate + " AND " + own;
}

std::string describe_key_range(const std::vector<Column>& keys,
                               const std::optional<KeyTuple>& lower,
                               const std::optional<KeyTuple>& upper) {
  const std::string name = key_tuple_name(keys);
  if (!lower && !upper) {
    return "every row";
  }
  if (!lower) {
    return name + " <= " + tuple_text(keys, *upper);
  }
  const std::string above = name + " > " + tuple_text(keys, *lower);
  if (upper) {
    return above + " AND " + name + " <= " + tuple_text(keys, *upper);
  }
  return keys.size() == 1 && keys.front().nullable ? above + " OR " + name + " IS NULL" : above;
}

std::string build_bisect_bounds(const TableRef& table, const std::vector<Column>& keys,
                                std::string_view partition,
                                const std::vector<BoundsRange>& ranges) {
  const std::string k = key_list(keys);
  return "SELECT exl_parent, " + k + " FROM (SELECT exl_parent, " + k +
         ", ROW_NUMBER() OVER (PARTITION BY exl_parent ORDER BY " + k +
         ") AS exl_rn FROM (SELECT " + parent_number(ranges) + " AS exl_parent, " + k + " FROM " +
         table.sql() + where_clause(partition, predicates_of(ranges)) +
         ") AS exl_p) AS exl_b WHERE exl_rn % " + step_of_parent(ranges) +
         " = 0 ORDER BY exl_parent, exl_rn";
}

std::string build_bisect_checksums(const TableRef& table, const std::vector<Column>& keys,
                                   const RowHash& hash, std::string_view partition,
                                   const std::vector<RangeSplit>& splits) {
  return "SELECT exl_range, COUNT(*) AS exl_rows" + checksum_aggregates(hash) + " FROM (SELECT " +
         child_number(keys, splits) + " AS exl_range, " + row_hash_select(hash) + " FROM " +
         table.sql() + where_clause(partition, predicates_of(splits)) +
         ") AS exl_bisect GROUP BY exl_range";
}

std::string build_bisect_rows(const TableRef& table, const std::vector<Column>& keys,
                              const RowHash& hash, std::string_view partition,
                              const std::vector<std::string>& predicates) {
  return "SELECT " + key_list(keys) + ", " + row_hash_select(hash) + " FROM " + table.sql() +
         where_clause(partition, predicates);
}

} // namespace exl::starrocks
