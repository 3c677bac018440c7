#include "exlschema/starrocks/session_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string build_show_variable(std::string_view name) {
  return "SHOW VARIABLES LIKE " + quote_string(name);
}

std::optional<std::string>
variable_value(const std::vector<std::string>& columns,
               const std::vector<std::vector<std::optional<std::string>>>& rows,
               std::string_view name) {
  std::size_t value = 0;
  while (value < columns.size() && columns[value] != "Value") {
    ++value;
  }
  if (value == columns.size()) {
    return std::nullopt;
  }
  for (const auto& row : rows) {
    if (!row.empty() && row[0] && *row[0] == name && value < row.size()) {
      return row[value];
    }
  }
  return std::nullopt;
}

} // namespace exl::starrocks
