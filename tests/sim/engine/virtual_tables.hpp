#pragma once

// information_schema tables that StarRocks fills from FE memory (partitions_meta, tasks,
// task_runs, materialized_views, loads, tables, columns) are materialised into a temporary table of
// the session's MariaDB connection just before a query reads them, so any WHERE / projection /
// ORDER BY runs in MariaDB.

#include "engine_state.hpp"

#include <string>

namespace srsim::engine {

// Returns the temporary table's reference for information_schema.<name>, or "" when MariaDB's
// own information_schema table should be used.
std::string virtual_table(Ctx& ctx, const std::string& name, const std::string& query);

} // namespace srsim::engine
