#pragma once

// The WHERE / ORDER BY / LIMIT tail of SHOW PARTITIONS, applied to the computed rows
// (PartitionsProcDir: column names case-insensitive, = on strings exact, numbers compared
// numerically, LIKE with % wildcards, unknown column -> "Incorrect column name").

#include "sim_api.hpp"
#include "sql_cursor.hpp"

namespace srsim::engine {

ResultSet apply_show_filter(ResultSet rows, Cursor& cur);

} // namespace srsim::engine
