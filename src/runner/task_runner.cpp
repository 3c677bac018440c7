#include "exlschema/runner/task_runner.hpp"

#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <thread>

namespace exl::runner {
namespace {

TaskResult skipped(const Task& task, std::size_t index, const std::string& why) {
  TaskResult r;
  r.task_id = task.id.empty() ? std::to_string(index + 1) : task.id;
  r.name = task.name;
  r.status = TaskStatus::Skipped;
  r.start = r.end = std::chrono::system_clock::now();
  r.error = why;
  return r;
}

// Runs an observer callback; an exception from it must not escape a worker thread (that would
// terminate the process), so it is logged instead.
template <class Callback, class Arg>
void notify(const Callback& callback, const Arg& arg) noexcept {
  if (!callback) {
    return;
  }
  try {
    callback(arg);
  } catch (const std::exception& e) {
    util::log().error("task observer failed: {}", e.what());
  }
}

// A task that returned without a final status must not pass for a success.
void require_final_status(TaskResult& r) {
  if (r.status == TaskStatus::Pending || r.status == TaskStatus::Running) {
    r.error = std::string("the task returned without a final status (") + to_string(r.status) +
              ")" + (r.error.empty() ? "" : ": " + r.error);
    r.status = TaskStatus::Failed;
  }
}

TaskResult ended(TaskStatus status, const std::string& why) {
  TaskResult r;
  r.status = status;
  r.error = util::redact(why);
  return r;
}

} // namespace

TaskRunner::TaskRunner(RunnerOptions options) : m_options(std::move(options)) {
  m_options.max_concurrency = std::max(m_options.max_concurrency, 1);
}

std::vector<TaskResult> TaskRunner::run(const std::vector<Task>& tasks) {
  std::vector<TaskResult> results(tasks.size());
  m_next = 0;
  m_total = static_cast<int>(tasks.size());
  m_done = m_running = m_failed = 0;
  const auto threads = std::min<std::size_t>(m_options.max_concurrency, tasks.size());
  std::vector<std::jthread> workers;
  workers.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) {
    workers.emplace_back([this, &tasks, &results] { work(tasks, results); });
  }
  workers.clear(); // joins
  return results;
}

RunnerProgress TaskRunner::progress() const {
  return RunnerProgress{m_total.load(), m_done.load(), m_running.load(), m_failed.load()};
}

// Each worker claims the next unclaimed task until none is left, so at most `threads` tasks run
// at once and results land in their own slot without locking.
void TaskRunner::work(const std::vector<Task>& tasks, std::vector<TaskResult>& results) {
  for (std::size_t i = m_next++; i < tasks.size(); i = m_next++) {
    const Task& task = tasks[i];
    if (cancelled()) {
      results[i] = skipped(task, i, "cancelled before it started");
    } else {
      results[i] = run_one(task, i);
    }
    if (results[i].status == TaskStatus::Failed) {
      ++m_failed;
    }
    ++m_done;
    notify(m_options.on_finish, results[i]);
  }
  util::set_thread_task_id("");
}

TaskResult TaskRunner::run_one(const Task& task, std::size_t index) {
  const std::string id = task.id.empty() ? std::to_string(index + 1) : task.id;
  util::set_thread_task_id(id);
  ++m_running;
  notify(m_options.on_start, task);
  const auto level = m_options.log_tasks ? spdlog::level::info : spdlog::level::debug;
  util::log().log(level, "task {} started", task.name);
  const auto start = std::chrono::system_clock::now();
  int attempts = 0;
  TaskResult result = attempt(task, attempts);
  result.task_id = id;
  if (result.name.empty()) {
    result.name = task.name;
  }
  result.attempts = std::max(result.attempts, attempts);
  if (result.start == std::chrono::system_clock::time_point{}) {
    result.start = start;
  }
  if (result.end == std::chrono::system_clock::time_point{}) {
    result.end = std::chrono::system_clock::now();
  }
  --m_running;
  util::log().log(level, "task {} {} in {} ms", result.name, to_string(result.status),
                  result.elapsed().count());
  return result;
}

// Runs the task (under the retry policy when it is declared idempotent and asks for it); an
// exception becomes Failed, or Cancelled when the cancellation stopped it.
TaskResult TaskRunner::attempt(const Task& task, int& attempts) const {
  const bool may_retry = task.retry == Retry::Idempotent && task.retry_on;
  try {
    const RetryPolicy policy = may_retry ? m_options.retry : RetryPolicy::none();
    TaskResult r = with_retry(policy, m_options.cancel, "task " + task.name,
                              may_retry ? task.retry_on : RetryClassifier{}, [&](int n) {
                                attempts = n;
                                return task.run();
                              });
    require_final_status(r);
    r.error = util::redact(r.error);
    return r;
  } catch (const CancelledError& e) {
    util::log().warn("task {} cancelled: {}", task.name, util::redact(e.what()));
    return ended(TaskStatus::Cancelled, e.what());
  } catch (const std::exception& e) {
    util::log().error("task {} failed: {}", task.name, util::redact(e.what()));
    return ended(TaskStatus::Failed, e.what());
  } catch (...) {
    return ended(TaskStatus::Failed, "unknown exception");
  }
}

} // namespace exl::runner
