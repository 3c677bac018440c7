#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reads of a cluster's settings (reference §10, §12).
namespace exl::starrocks {

// SHOW VARIABLES LIKE '<name>' (Variable_name, Value): the session's value.
std::string build_show_variable(std::string_view name);

// ADMIN SHOW FRONTEND CONFIG LIKE '<name>' (Key, AliasNames, Value, Type, IsMutable, Comment);
// needs the OPERATE privilege.
std::string build_show_frontend_config(std::string_view name);

// The Value column of the row whose first column is `name` in either result; nullopt if absent.
// `columns`/`rows` as the statement returned them (NULL as nullopt).
std::optional<std::string>
setting_value(const std::vector<std::string>& columns,
              const std::vector<std::vector<std::optional<std::string>>>& rows,
              std::string_view name);

} // namespace exl::starrocks
