#pragma once

#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/runner/retry_policy.hpp"
#include "exlschema/runner/task_result.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

// Runs a list of tasks on at most `max_concurrency` threads. Each task yields one TaskResult; a
// task that throws becomes Failed (Cancelled for CancelledError) with the (redacted) reason and
// the others go on; tasks not yet started when the cancel token is set become Skipped.
namespace exl::runner {

struct Task {
  std::string id;   // shown as the task id on log lines; defaults to the 1-based position
  std::string name; // e.g. `db.table#p20240101`
  // The work. Returns its result with a final status (Succeeded, Failed, Inconsistent; a task
  // that returns Pending or Running did not say how it ended and becomes Failed) or throws
  // (CancelledError -> Cancelled, anything else -> Failed).
  std::function<TaskResult()> run;
  // Whether the whole task may be run again. Only a task declared Retry::Idempotent is retried,
  // and only for an exception `retry_on` accepts; an OutcomeUnknownError never is.
  Retry retry = Retry::Never;
  RetryClassifier retry_on;
  // The rows it is expected to move, when known (the progress line's ETA); 0 for a task that
  // moves none.
  std::optional<std::int64_t> expected_rows;
};

struct RunnerOptions {
  int max_concurrency = 3;
  const CancelToken* cancel = nullptr; // may be null: never cancelled
  RetryPolicy retry;
  // Called on the worker thread just before a task starts / just after it ends. Must not throw.
  std::function<void(const Task&)> on_start;
  std::function<void(const TaskResult&)> on_finish;
  // Log each task's start and end at info (the console); false: at debug (the -log file and -v),
  // for many small tasks such as the read-only planning of a thousand tables.
  bool log_tasks = true;
};

// A consistent-enough snapshot for progress messages (read while `run` is busy).
struct RunnerProgress {
  int total = 0;
  int done = 0; // finished in any status, skipped included
  int running = 0;
  int failed = 0;
};

class TaskRunner {
public:
  explicit TaskRunner(RunnerOptions options);

  // Runs `tasks` and returns their results in submission order. Blocks until every task has
  // finished or been skipped. Not re-entrant: one `run` at a time per TaskRunner.
  std::vector<TaskResult> run(const std::vector<Task>& tasks);

  // Safe to call from any thread, also while `run` is busy.
  RunnerProgress progress() const;

private:
  void work(const std::vector<Task>& tasks, std::vector<TaskResult>& results);
  TaskResult run_one(const Task& task, std::size_t index);
  TaskResult attempt(const Task& task, int& attempts) const;
  bool cancelled() const { return m_options.cancel != nullptr && m_options.cancel->is_cancelled(); }

  RunnerOptions m_options;
  std::atomic<std::size_t> m_next{0};
  std::atomic<int> m_total{0};
  std::atomic<int> m_done{0};
  std::atomic<int> m_running{0};
  std::atomic<int> m_failed{0};
};

} // namespace exl::runner
