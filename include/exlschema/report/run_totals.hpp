#pragma once

#include "exlschema/report/run_report.hpp"

#include <cstdint>
#include <map>
#include <string>

// Totals derived from a run's report, the same for every output that shows them (the history,
// the -json report, the -metrics file).
namespace exl::report {

// The table a task belongs to: its `table`, else its name (a task per table).
const std::string& table_of(const runner::TaskResult& task);

// Rows moved per table: the sum of its tasks' counts; absent when none of them reported one.
std::map<std::string, std::int64_t> rows_moved_per_table(const RunReport& report);

// Rows moved by the whole run: the sum of every task's count (0 when none reported one).
std::int64_t rows_moved(const RunReport& report);

} // namespace exl::report
