#pragma once

#include "exlschema/report/run_report.hpp"

// The process exit codes (PRODUCT.md §2), in one place.
namespace exl::app {

inline constexpr int k_exit_ok = 0;           // every table synced and consistent, or plan printed
inline constexpr int k_exit_failed = 1;       // a table failed, or work was left unfinished
inline constexpr int k_exit_usage = 2;        // bad usage or configuration; nothing changed
inline constexpr int k_exit_inconsistent = 3; // every task ran, a final audit is inconsistent
// 130 / 143 for SIGINT / SIGTERM come from exl::runner::exit_code_for_signal.

// The exit code a finished run's `report` calls for: 1 when a table or task failed or did not run
// to its end (Pending, Running, Skipped, Cancelled: unfinished work is never 0; failure wins over
// inconsistency), 3 when a table's audit is inconsistent, else 0.
int exit_code_for(const report::RunReport& report);

} // namespace exl::app
