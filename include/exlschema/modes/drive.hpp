#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/mode_info.hpp"
#include "exlschema/notify/notifier.hpp"
#include "exlschema/report/run_report.hpp"
#include "exlschema/runner/cancel_token.hpp"

#include <functional>
#include <ostream>

namespace exl::state {
class StateStore;
}

// The life cycle every mode shares (PRODUCT.md §4, STYLE.md "Run flow"): read both clusters'
// facts, resolve the table list, read what the target has, plan every table (reads only, in
// parallel), then either print the plan (no -r) or create the databases, run each object's
// structure statements in creation order and the mode's tasks on the task runner, verify each
// table, and drop the run's temporary objects (also after a failure or a signal).
namespace exl::modes {

struct DriveOutput {
  std::ostream& out;  // the plan, progress lines
  bool live_progress; // a terminal: one repainted progress line
  notify::Notifier& notifier;
  state::StateStore* store = nullptr; // the run history; cheap incremental audits, label rounds
  // Incremental runs (no -i): called with each round's report before the pause that follows it
  // (console table, history, Feishu); the last round's report is drive's return value.
  std::function<void(report::RunReport&)> round_finished;
};

// The report of a run before it starts: id, mode, aliases, plan-only or not, start time.
report::RunReport report_header(const config::RunOptions& options);
// The same from the command line alone, for a run refused before its options exist: `mode` the
// `-o` name (or "verify"), `execute` whether `-r` was given.
report::RunReport report_header(std::string run_id, std::string mode, std::string source,
                                std::string target, bool execute);

// Returns the run's report (exit code not yet set: app::finish_run does it). Throws
// UsageError when `-t` matched nothing (nothing was written), FatalError when a cluster cannot
// be reached before planning.
report::RunReport drive(const ModeInfo& mode, const config::RunOptions& options,
                        const runner::CancelToken& cancel, DriveOutput output);

} // namespace exl::modes
