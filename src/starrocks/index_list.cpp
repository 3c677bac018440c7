#include "exlschema/starrocks/index_list.hpp"

#include <algorithm>

namespace exl::starrocks {

std::string build_describe_all(const TableRef& table) {
  return "DESC " + table.sql() + " ALL";
}

Result<TableIndexes> parse_describe_all(const std::vector<std::string>& column_names,
                                        const std::vector<ResultRow>& rows) {
  const auto column = std::find(column_names.begin(), column_names.end(), "IndexName");
  if (column == column_names.end()) {
    return ParseError{0, "an IndexName column (DESC .. ALL of an OLAP table)",
                      column_names.empty() ? std::string() : column_names.front()};
  }
  const auto at = static_cast<std::size_t>(column - column_names.begin());
  TableIndexes indexes;
  bool have_base = false;
  for (const ResultRow& row : rows) {
    if (at >= row.size() || !row[at] || row[at]->empty()) {
      continue; // a further column of the index above, or the empty row between indexes
    }
    if (!have_base) {
      indexes.base = *row[at];
      have_base = true;
    } else {
      indexes.others.push_back(*row[at]);
    }
  }
  if (!have_base) {
    return ParseError{0, "at least the base index",
                      "no IndexName in " + std::to_string(rows.size()) + " rows"};
  }
  return indexes;
}

} // namespace exl::starrocks
