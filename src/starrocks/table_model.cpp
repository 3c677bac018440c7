#include "exlschema/starrocks/table_model.hpp"

#include <algorithm>
#include <array>

namespace exl::starrocks {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
           return lower(x) == lower(y);
         });
}

bool is_decimal(std::string_view base) {
  return base == "decimal" || base == "decimalv2" || base == "decimal32" || base == "decimal64" ||
         base == "decimal128" || base == "decimal256" || base == "numeric";
}

} // namespace

std::optional<long long> ColumnType::length() const {
  if ((base == "char" || base == "varchar" || base == "binary" || base == "varbinary") &&
      !args.empty()) {
    return args[0];
  }
  return std::nullopt;
}

std::optional<long long> ColumnType::precision() const {
  if (is_decimal(base) && !args.empty()) {
    return args[0];
  }
  return std::nullopt;
}

std::optional<long long> ColumnType::scale() const {
  if (is_decimal(base) && args.size() > 1) {
    return args[1];
  }
  return std::nullopt;
}

bool ColumnType::is_integer() const {
  static constexpr std::array<std::string_view, 6> k_ints = {"tinyint", "smallint", "int",
                                                             "integer", "bigint",   "largeint"};
  return std::find(k_ints.begin(), k_ints.end(), base) != k_ints.end();
}

bool ColumnType::is_numeric() const {
  return is_integer() || is_decimal(base) || base == "float" || base == "double";
}

bool ColumnType::is_date_like() const {
  return base == "date" || base == "datetime";
}

const Column* TableModel::find_column(std::string_view column_name) const {
  // Column names are case-insensitive in StarRocks (docs reference/System_limit.md).
  for (const Column& column : columns) {
    if (iequals(column.name, column_name)) {
      return &column;
    }
  }
  return nullptr;
}

const std::string* find_property(const Properties& properties, std::string_view key) {
  for (const auto& [k, v] : properties) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

void set_property(Properties& properties, std::string_view key, std::string_view value) {
  for (auto& [k, v] : properties) {
    if (k == key) {
      v = std::string(value);
      return;
    }
  }
  properties.emplace_back(std::string(key), std::string(value));
}

bool erase_property(Properties& properties, std::string_view key) {
  auto it = std::remove_if(properties.begin(), properties.end(),
                           [&](const auto& entry) { return entry.first == key; });
  bool erased = it != properties.end();
  properties.erase(it, properties.end());
  return erased;
}

std::string_view key_type_keyword(KeyType type) {
  switch (type) {
  case KeyType::Duplicate:
    return "DUPLICATE KEY";
  case KeyType::Aggregate:
    return "AGGREGATE KEY";
  case KeyType::Unique:
    return "UNIQUE KEY";
  case KeyType::Primary:
    return "PRIMARY KEY";
  case KeyType::None:
    break;
  }
  return "";
}

} // namespace exl::starrocks
