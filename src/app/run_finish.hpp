#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/notify/notifier.hpp"
#include "exlschema/report/run_report.hpp"

#include <ostream>

namespace exl::app {

// Ends a run: sets `report.exit_code` (PRODUCT.md §2; 130/143 when `signal_number` is SIGINT /
// SIGTERM), writes the `-json` report when `options.json_path` is set, prints the end-of-run
// table on `out` and sends the final card through `notifier`. Each output is produced even when
// another one fails; a failure is logged. A `-json` report that cannot be written turns an
// otherwise successful run into exit code 1 (a cron job relying on the file must notice); the
// table and the card never change the exit code. Returns the exit code.
int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               notify::Notifier& notifier, std::ostream& out);

} // namespace exl::app
