#pragma once

// StarRocks column types: how StarRocks prints them, which MariaDB type stores them, and how
// partition key values of each type compare (docs/srsim-engine.md has the mapping table).

#include "model.hpp"
#include "sql_cursor.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

// Parses a type at the cursor (INT, VARCHAR(20), DECIMAL(10,2), ARRAY<INT>, ...) into the
// `type`, `sql_type` and `base` fields of `column`.
void parse_column_type(Cursor& cur, ColumnDef& column);

bool is_integer_base(const std::string& base);
// The smallest value of a partition column's type, as StarRocks prints range lower bounds.
std::string type_min_value(const std::string& base);
// Normalises a partition key literal for its type (dates zero-padded, datetimes with time).
std::string normalize_key(const std::string& base, const std::string& value);
// Compares two values of one column (MAXVALUE is greater than everything).
int compare_value(const std::string& base, const std::string& a, const std::string& b);
int compare_tuple(const std::vector<std::string>& bases, const std::vector<std::string>& a,
                  const std::vector<std::string>& b);
// StarRocks type names in SHOW PARTITIONS' Range cell: DATE, DATETIME, INT, BIGINT, VARCHAR, ...
std::string key_type_name(const std::string& base);
// A value as a MariaDB literal for this type (numbers bare, everything else quoted).
std::string sql_value(const std::string& base, const std::string& value);

} // namespace srsim::engine
