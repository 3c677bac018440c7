#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/notify/notifier.hpp"
#include "exlschema/report/run_report.hpp"

#include <ostream>

namespace exl::app {

// Ends a run or an incremental round: sets `report.exit_code` (PRODUCT.md §2; 130/143 when
// `signal_number` is SIGINT / SIGTERM), writes the `-metrics` file (not for a plan) and then the
// `-json` report when asked for, prints the end-of-run table on `out` and sends the final card
// through `notifier`. Each output is produced even when another one fails; a failure is logged
// in one line. A `-metrics` or `-json` file that cannot be written turns an otherwise successful
// run into exit code 1 (a cron job relying on the file must notice), and both files state the
// exit code the process ends with; the table and the card never change the exit code. Returns
// the exit code.
int finish_run(report::RunReport& report, const config::RunOptions& options, int signal_number,
               notify::Notifier& notifier, std::ostream& out);

// The `-metrics` file of a run that stopped before its report (a cluster unreachable, `-t`
// matching nothing): `report` is its header with the exit code and end set. A failure to write
// is logged; the exit code is already not 0.
void write_stopped_run_metrics(const report::RunReport& report, const config::RunOptions& options);

} // namespace exl::app
