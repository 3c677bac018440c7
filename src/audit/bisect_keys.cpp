// bisect_keys (bisector.hpp): which columns a partition is cut on and its differences reported by.
#include "exlschema/audit/bisector.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace exl::audit {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  // Column names are case-insensitive in StarRocks (docs reference/System_limit.md).
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
    return std::tolower(x) == std::tolower(y);
  });
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::any_of(names.begin(), names.end(),
                     [name](const std::string& n) { return same_name(n, name); });
}

// Types whose values have no literal to compare with (StarRocks does not allow them as key or
// sort columns either).
bool comparable(const starrocks::ColumnType& type) {
  static constexpr std::array<std::string_view, 7> k_not = {"json", "array",  "map",       "struct",
                                                            "hll",  "bitmap", "percentile"};
  return std::find(k_not.begin(), k_not.end(), type.base) == k_not.end();
}

starrocks::ParseError no_keys(std::string found) {
  return starrocks::ParseError{0, "key or sort columns to bisect on", std::move(found)};
}

} // namespace

starrocks::Result<std::vector<starrocks::Column>> bisect_keys(const starrocks::TableModel& model) {
  std::vector<std::string> names;
  for (const std::string& key : model.key_columns) {
    if (!contains(model.partitioning.columns, key)) {
      names.push_back(key);
    }
  }
  if (names.empty()) {
    names = model.key_columns; // every key column is a partition column
  }
  if (names.empty()) {
    names = model.order_by;
  }
  if (names.empty()) {
    return no_keys("a table without key columns or ORDER BY");
  }
  std::vector<starrocks::Column> keys;
  for (const std::string& name : names) {
    const starrocks::Column* column = model.find_column(name);
    if (column == nullptr) {
      return no_keys("key column " + starrocks::quote_identifier(name) + ", not in the table");
    }
    if (!comparable(column->type)) {
      return no_keys("key column " + starrocks::quote_identifier(name) + " of type " +
                     column->type.base);
    }
    keys.push_back(*column);
  }
  return keys;
}

} // namespace exl::audit
