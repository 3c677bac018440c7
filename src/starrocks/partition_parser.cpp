#include "exlschema/starrocks/partition_info.hpp"

#include "ddl_parser_common.hpp"

#include <charconv>

// SHOW PARTITIONS columns (src PartitionsProcDir.java, reference §2) and the same facts under
// information_schema.partitions_meta's names. Column names are matched case-insensitively with
// underscores ignored, so PartitionName and PARTITION_NAME are the same column.
namespace exl::starrocks {
namespace {

std::string column_key(std::string_view name) {
  std::string key;
  for (char c : name) {
    if (c != '_') {
      key += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
  }
  return key;
}

std::optional<std::int64_t> to_int(const std::optional<std::string>& text) {
  if (!text || text->empty()) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || ptr != text->data() + text->size()) {
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> split(std::string_view text, std::string_view separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t at = text.find(separator, start);
    if (at == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, at - start));
    start = at + separator.size();
  }
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                           text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// "types: [DATE, INT]; keys: [2019-01-01, 5]; " -> the key tuple.
Result<Tuple> parse_key_side(std::string_view side, std::size_t offset) {
  constexpr std::string_view k_types = "types: [";
  constexpr std::string_view k_keys = "]; keys: [";
  side = trim(side);
  std::size_t keys_at = side.find(k_keys);
  if (side.substr(0, k_types.size()) != k_types || keys_at == std::string_view::npos) {
    return ParseError{offset, "'types: [..]; keys: [..]; '", std::string(side.substr(0, 40))};
  }
  std::size_t type_count =
      split(side.substr(k_types.size(), keys_at - k_types.size()), ", ").size();
  std::string_view keys = side.substr(keys_at + k_keys.size());
  if (keys.size() >= 2 && keys.substr(keys.size() - 2) == "];") {
    keys.remove_suffix(2);
  } else if (!keys.empty() && keys.back() == ']') {
    keys.remove_suffix(1);
  } else {
    return ParseError{offset + side.size(), "']; ' after the keys",
                      std::string(keys.substr(0, 40))};
  }
  std::vector<std::string> parts =
      type_count == 1 ? std::vector<std::string>{std::string(keys)} : split(keys, ", ");
  if (parts.size() != type_count) {
    return ParseError{offset, std::to_string(type_count) + " keys (one per type)",
                      std::to_string(parts.size()) + " comma-separated pieces"};
  }
  Tuple tuple;
  for (std::string& part : parts) {
    tuple.push_back(part == "MAXVALUE" ? Literal::max_value() : Literal::value(std::move(part)));
  }
  return tuple;
}

std::size_t find_separator(std::string_view body, std::size_t& length) {
  for (std::string_view separator :
       {std::string_view("..types: ["), std::string_view("\u2025types: [")}) {
    std::size_t at = body.find(separator);
    if (at != std::string_view::npos) {
      length = separator.size() - std::string_view("types: [").size();
      return at;
    }
  }
  return std::string_view::npos;
}

} // namespace

Result<PartitionBounds> parse_range_cell(std::string_view cell) {
  std::string_view text = trim(cell);
  if (text.size() < 2 || text.front() != '[' || text.back() != ')') {
    return ParseError{0, "a range cell '[...)'", std::string(text.substr(0, 40))};
  }
  std::string_view body = text.substr(1, text.size() - 2);
  std::size_t separator_length = 0;
  std::size_t at = find_separator(body, separator_length);
  if (at == std::string_view::npos) {
    return ParseError{1, "'..' or '\u2025' between the bounds", std::string(body.substr(0, 40))};
  }
  Result<Tuple> lower = parse_key_side(body.substr(0, at), 1);
  if (!lower) {
    return lower.error();
  }
  Result<Tuple> upper =
      parse_key_side(body.substr(at + separator_length), at + separator_length + 1);
  if (!upper) {
    return upper.error();
  }
  if (lower->size() != upper->size()) {
    return ParseError{at, "as many upper keys as lower keys", std::to_string(upper->size())};
  }
  PartitionBounds bounds;
  bounds.kind = PartitionBounds::Kind::Range;
  bounds.lower = std::move(lower).value();
  bounds.upper = std::move(upper).value();
  return bounds;
}

Result<PartitionBounds> parse_list_cell(std::string_view cell) {
  return detail::run_parser<PartitionBounds>(cell, [](detail::Cursor& cursor) {
    PartitionBounds bounds;
    bounds.kind = PartitionBounds::Kind::List;
    cursor.expect_symbol('(');
    do {
      if (cursor.at_symbol('(')) {
        bounds.values.push_back(detail::parse_tuple(cursor));
      } else {
        bounds.values.push_back(Tuple{detail::parse_literal(cursor)});
      }
    } while (cursor.accept_symbol(','));
    cursor.expect_symbol(')');
    if (!cursor.at_end()) {
      cursor.fail("the end of the list cell");
    }
    return bounds;
  });
}

Result<PartitionInfo> parse_partition_row(const std::vector<std::string>& column_names,
                                          const ResultRow& row) {
  PartitionInfo info;
  std::optional<std::string> cell;
  for (std::size_t i = 0; i < column_names.size() && i < row.size(); ++i) {
    std::string key = column_key(column_names[i]);
    const std::optional<std::string>& value = row[i];
    if (key == "partitionname") {
      info.name = value.value_or("");
    } else if (key == "partitionid") {
      info.id = to_int(value);
    } else if (key == "visibleversion") {
      info.visible_version = to_int(value);
    } else if (key == "buckets") {
      info.buckets = to_int(value);
    } else if (key == "replicationnum") {
      info.replication_num = to_int(value);
    } else if (key == "rowcount") {
      info.row_count = to_int(value);
    } else if (key == "partitionkey" && value && !value->empty()) {
      info.key_columns = split(*value, ", ");
    } else if (key == "range" || key == "list" || key == "partitionvalue") {
      cell = value;
    } else if (key == "datasize" && value) {
      Result<std::uint64_t> size = parse_data_size(*value);
      if (!size) {
        return size.error();
      }
      info.data_size_bytes = size.value();
    }
  }
  if (info.name.empty()) {
    return ParseError{0, "a PartitionName column with a value", "none"};
  }
  std::string_view text = cell ? trim(*cell) : std::string_view();
  if (text.empty() && info.key_columns.empty()) {
    return info; // unpartitioned: the table's single partition
  }
  if (text.empty() || info.key_columns.empty()) {
    return ParseError{0, "partition " + info.name + ": both a PartitionKey and a Range/List cell",
                      text.empty() ? "a PartitionKey without bounds"
                                   : "bounds without a PartitionKey"};
  }
  Result<PartitionBounds> bounds =
      text.front() == '[' ? parse_range_cell(text) : parse_list_cell(text);
  if (!bounds) {
    return bounds.error();
  }
  info.bounds = std::move(bounds).value();
  return info;
}

Result<std::vector<PartitionInfo>>
parse_show_partitions(const std::vector<std::string>& column_names,
                      const std::vector<ResultRow>& rows) {
  std::vector<PartitionInfo> partitions;
  partitions.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    Result<PartitionInfo> info = parse_partition_row(column_names, rows[i]);
    if (!info) {
      ParseError error = info.error();
      error.expected = "row " + std::to_string(i) + ": " + error.expected;
      return error;
    }
    partitions.push_back(std::move(info).value());
  }
  for (const PartitionInfo& partition : partitions) {
    if (partitions.size() > 1 && partition.bounds.kind == PartitionBounds::Kind::None) {
      // Only an unpartitioned table's one partition has no key; its predicate is the whole table.
      return ParseError{0,
                        "partition " + partition.name + ": a PartitionKey, or no other partition",
                        std::to_string(partitions.size()) + " partitions"};
    }
  }
  return partitions;
}

} // namespace exl::starrocks
