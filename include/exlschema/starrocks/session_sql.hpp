#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reads of a cluster's settings (reference §10, §12).
namespace exl::starrocks {

// SHOW VARIABLES LIKE '<name>' (Variable_name, Value): the session's value.
std::string build_show_variable(std::string_view name);

// The Value of the row whose Variable_name is exactly `name` (LIKE's `_` is a wildcard, so
// other rows may come back); nullopt if absent.
// `columns`/`rows` as the statement returned them (NULL as nullopt).
std::optional<std::string>
variable_value(const std::vector<std::string>& columns,
               const std::vector<std::vector<std::optional<std::string>>>& rows,
               std::string_view name);

} // namespace exl::starrocks
