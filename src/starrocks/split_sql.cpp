#include "exlschema/starrocks/split_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>

namespace exl::starrocks {
namespace {

std::string literal(const std::optional<ColumnType>& type, const std::string& value) {
  return type && type->is_numeric() ? value : quote_string(value);
}

} // namespace

std::string build_split_bounds(const TableRef& table, std::string_view column,
                               std::string_view predicate, int pieces) {
  const std::string c = quote_identifier(column);
  std::string where = " WHERE ";
  if (!predicate.empty() && predicate != "TRUE") {
    where += "(" + std::string(predicate) + ") AND ";
  }
  return "SELECT MAX(" + c + ") AS exl_bound FROM (SELECT " + c + ", NTILE(" +
         std::to_string(std::max(1, pieces)) + ") OVER (ORDER BY " + c + ") AS exl_tile FROM " +
         table.sql() + where + c + " IS NOT NULL) AS exl_split GROUP BY exl_tile ORDER BY exl_tile";
}

std::vector<std::string> split_predicates(std::string_view column,
                                          const std::optional<ColumnType>& type,
                                          std::vector<std::string> bounds) {
  if (!bounds.empty()) {
    bounds.pop_back(); // the last tile's upper bound is the maximum: no cut there
  }
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  if (bounds.empty()) {
    return {"TRUE"};
  }
  const std::string c = quote_identifier(column);
  std::vector<std::string> out;
  out.push_back(c + " <= " + literal(type, bounds.front()) + " OR " + c + " IS NULL");
  for (std::size_t i = 1; i < bounds.size(); ++i) {
    out.push_back(c + " > " + literal(type, bounds[i - 1]) + " AND " + c +
                  " <= " + literal(type, bounds[i]));
  }
  out.push_back(c + " > " + literal(type, bounds.back()));
  return out;
}

std::string build_any_row(const TableRef& table) {
  return "SELECT 1 AS exl_any FROM " + table.sql() + " LIMIT 1";
}

} // namespace exl::starrocks
