#include "app/exit_codes.hpp"

#include <algorithm>

namespace exl::app {
namespace {

template <typename Rows> bool any_status(const Rows& rows, runner::TaskStatus status) {
  return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.status == status; });
}

} // namespace

int exit_code_for(const report::RunReport& report) {
  using runner::TaskStatus;
  if (any_status(report.tables, TaskStatus::Failed) ||
      any_status(report.tasks, TaskStatus::Failed)) {
    return k_exit_failed;
  }
  if (any_status(report.tables, TaskStatus::Inconsistent) ||
      any_status(report.tasks, TaskStatus::Inconsistent)) {
    return k_exit_inconsistent;
  }
  return k_exit_ok;
}

} // namespace exl::app
