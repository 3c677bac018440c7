#pragma once

#include "exlschema/report/run_report.hpp"

#include <string>

// Runs to record in a state store: fixed times, two tables (one ok, one failed), tasks with
// partitions and labels.
namespace exl::state::test {

inline std::chrono::system_clock::time_point at(int seconds) {
  // 2026-11-21T12:00:00Z plus `seconds`.
  return std::chrono::system_clock::time_point(std::chrono::seconds(1795262400 + seconds));
}

inline runner::TaskResult sample_task(std::string table, std::string partition,
                                      runner::TaskStatus status, std::int64_t rows) {
  runner::TaskResult task;
  task.task_id = table + "#" + partition;
  task.name = task.task_id;
  task.table = std::move(table);
  task.status = status;
  task.attempts = 1;
  task.start = at(10);
  task.end = at(20);
  task.rows_moved = rows;
  task.partitions = {std::move(partition)};
  task.labels = {"exl_run_" + task.name};
  return task;
}

// Run `id` started at `at(start_s)`: ods.orders ok (two tasks, 300 rows, 2 partitions
// rewritten), ods.users failed.
inline report::RunReport sample_run(const std::string& id, int start_s = 0) {
  using runner::TaskStatus;
  report::RunReport run;
  run.run_id = id;
  run.mode = "v2";
  run.source = "prod_a";
  run.target = "prod_b";
  run.command_line = "exlSchema -source prod_a -target prod_b -t ods.* -o v2 -r";
  run.dry_run = false;
  run.start = at(start_s);
  run.end = at(start_s + 125);
  run.exit_code = 1;
  run.tables = {
      {"ods.orders",
       "v2",
       TaskStatus::Succeeded,
       1000,
       1000,
       12,
       2,
       std::chrono::milliseconds(61500),
       "",
       "",
       "",
       "loaded",
       {},
       "",
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
       "Access denied for user 'u'",
       "v4",
       "",
       "failed",
       {},
       "",
       {},
       {}},
  };
  run.tasks = {sample_task("ods.orders", "p1", TaskStatus::Succeeded, 100),
               sample_task("ods.orders", "p2", TaskStatus::Succeeded, 200),
               sample_task("ods.users", "p1", TaskStatus::Failed, 0)};
  run.tasks[2].rows_moved.reset();
  run.tasks[2].error = "Access denied for user 'u'";
  return run;
}

} // namespace exl::state::test
