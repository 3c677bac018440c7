#pragma once

#include "exlschema/db/connection_params.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What a statement returned. Values are the text the server sent (the MySQL text protocol), NULL
// is std::nullopt; callers convert. Plain data.
namespace exl::db {

using Value = std::optional<std::string>;
using RowValues = std::vector<Value>;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<RowValues> rows;

  bool empty() const noexcept { return rows.empty(); }

  // Position of the column named `name` (exact match first, then case-insensitive, since
  // SHOW statements differ in capitalisation between versions); nullopt when absent.
  std::optional<std::size_t> column_index(std::string_view name) const;

  // The value of column `name` in row `row`; nullopt when NULL or when the column is absent.
  Value value(std::size_t row, std::string_view name) const;

  // Every row as a column-name map (the fetch_all shape).
  std::vector<Row> to_rows() const;
};

// What a data-changing statement returned: mysql_affected_rows and mysql_info (StarRocks puts
// the load label and status there, e.g. `{'label':'insert_...', 'status':'VISIBLE', ...}`).
struct ExecResult {
  std::uint64_t affected_rows = 0;
  std::string info;
};

} // namespace exl::db
