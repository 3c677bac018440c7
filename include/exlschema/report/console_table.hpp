#pragma once

#include "exlschema/report/run_report.hpp"

#include <string>

namespace exl::report {

// The end-of-run table (PRODUCT.md §6): one row per table with mode, status, source rows,
// target rows, partitions audited / rewritten and time, then a summary line and, for each
// failed or inconsistent table, its reason and recommended mode. Every text is redacted.
std::string render_console_table(const RunReport& report);

} // namespace exl::report
