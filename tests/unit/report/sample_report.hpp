#pragma once

#include "exlschema/report/run_report.hpp"

// A small finished run: one table synced, one failed, one inconsistent, fixed times.
namespace exl::report::test {

inline std::chrono::system_clock::time_point at(int seconds) {
  // 2026-11-21T12:00:00Z plus `seconds`.
  return std::chrono::system_clock::time_point(std::chrono::seconds(1795262400 + seconds));
}

inline RunReport sample_report() {
  using runner::TaskStatus;
  RunReport report;
  report.run_id = "20261121T120000-a1b2";
  report.mode = "v2";
  report.source = "prod_a";
  report.target = "prod_b";
  report.dry_run = false;
  report.start = at(0);
  report.end = at(125);
  report.exit_code = 1;
  report.tables = {
      {"ods.orders",
       "v2",
       TaskStatus::Succeeded,
       1234567,
       1234567,
       12,
       3,
       std::chrono::milliseconds(61500),
       "",
       "",
       "",
       "loaded",
       {},
       {},
       {},
       {}},
      {"ods.users",
       "v2",
       TaskStatus::Failed,
       std::nullopt,
       std::nullopt,
       0,
       0,
       std::chrono::milliseconds(800),
       "Access denied; IDENTIFIED BY 'hunter22'",
       "",
       "",
       "failed",
       {},
       {},
       {},
       {}},
      {"ods.events",
       "v2",
       TaskStatus::Inconsistent,
       100,
       120,
       5,
       5,
       std::chrono::milliseconds(4000),
       "",
       "v4",
       "",
       "differs",
       {},
       {},
       {},
       {}},
  };
  runner::TaskResult task;
  task.task_id = "1";
  task.name = "ods.orders#p20240101";
  task.table = "ods.orders";
  task.status = TaskStatus::Succeeded;
  task.attempts = 2;
  task.start = at(1);
  task.end = at(3);
  task.rows_moved = 500;
  report.tasks = {task};
  return report;
}

} // namespace exl::report::test
