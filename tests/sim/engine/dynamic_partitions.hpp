#pragma once

// The dynamic-partition scheduler of StarRocks (starrocks-surface.md §3, §13.11): for a RANGE
// table with `dynamic_partition.enable` = true it creates the partitions from today to
// today + `end` time units and drops those that end before today + `start`, at table creation
// and then every check interval — so partition lists change without DDL from any client.

#include "model.hpp"

#include <ctime>
#include <string>
#include <vector>

namespace srsim::engine {

// The ALTER TABLE statements one scheduler pass would run for `model` at `now` (local time).
// Supported time units: DAY, WEEK, MONTH, YEAR; others yield nothing.
std::vector<std::string> dynamic_partition_statements(const TableModel& model, std::time_t now);

} // namespace srsim::engine
