#include "app/exit_codes.hpp"

#include <algorithm>

namespace exl::app {
namespace {

template <typename Rows, typename Pred> bool any_row(const Rows& rows, Pred pred) {
  return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return pred(r.status); });
}

template <typename Pred> bool any_status(const report::RunReport& report, Pred pred) {
  return any_row(report.tables, pred) || any_row(report.tasks, pred);
}

// Failed, and every status of work that did not run to its end (Pending, Running, Skipped,
// Cancelled): a run with unfinished work did not sync its tables.
bool failed_or_unfinished(runner::TaskStatus status) {
  return status != runner::TaskStatus::Succeeded && status != runner::TaskStatus::Inconsistent;
}

} // namespace

int exit_code_for(const report::RunReport& report) {
  if (any_status(report, failed_or_unfinished)) {
    return k_exit_failed;
  }
  if (any_status(report,
                 [](runner::TaskStatus s) { return s == runner::TaskStatus::Inconsistent; })) {
    return k_exit_inconsistent;
  }
  return k_exit_ok;
}

} // namespace exl::app
