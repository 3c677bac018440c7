#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/report/run_report.hpp"

#include <ostream>

namespace exl::app {

// Ends a run: sets `report.exit_code` (PRODUCT.md §2; 130/143 when `signal_number` is SIGINT /
// SIGTERM), prints the end-of-run table on `out`, and writes the `-json` report when
// `options.json_path` is set. A report that cannot be written is logged and turns an otherwise
// successful run into exit code 1 (a cron job relying on the file must notice). Returns the
// exit code.
int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               std::ostream& out);

} // namespace exl::app
