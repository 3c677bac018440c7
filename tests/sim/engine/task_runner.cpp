#include "engine_state.hpp"
#include "tasks.hpp"

#include <algorithm>

namespace srsim::engine {

namespace {

// How often the scheduler looks again without being woken: a change of task_runs_concurrency
// through ADMIN SET FRONTEND CONFIG wakes nobody (StarRocks's scheduler also polls).
constexpr auto k_poll = std::chrono::milliseconds(100);

} // namespace

TaskRunner::TaskRunner(TaskExecutor execute, TaskCloser close, std::shared_ptr<LiveSettings> live)
    : m_execute(std::move(execute)), m_close(std::move(close)), m_live(std::move(live)) {
  m_scheduler = std::thread([this] { schedule(); });
}

TaskRunner::~TaskRunner() {
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_stop = true;
    for (auto& [name, run] : m_runs) {
      if (run.session) {
        run.session->kill_query = true;
      }
    }
  }
  m_cv.notify_all();
  m_scheduler.join();
  for (Worker& w : m_workers) {
    w.thread.join();
  }
}

bool TaskRunner::submit(TaskRun run) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_runs.find(run.task_name);
  if (it != m_runs.end() && !it->second.dropped) {
    return false;
  }
  std::string name = run.task_name;
  m_runs[name] = std::move(run);
  m_queue.push_back(name);
  m_cv.notify_all();
  return true;
}

bool TaskRunner::drop(const std::string& name) {
  std::lock_guard<std::mutex> lock(m_mutex);
  auto it = m_runs.find(name);
  if (it == m_runs.end() || it->second.dropped) {
    return false;
  }
  TaskRun& run = it->second;
  // TaskManager.dropTasks -> killTask(name, clearPending = true): pending runs leave the queue
  // (and task_runs); the running one is killed (TaskRunManager.killTaskRun -> runCtx.kill) and
  // ends FAILED (TaskRunExecutor; Constants.TaskRunState has no CANCELLED in any release).
  if (run.state == "PENDING") {
    m_queue.erase(std::remove(m_queue.begin(), m_queue.end(), name), m_queue.end());
    m_runs.erase(it);
    return true;
  }
  run.dropped = true;
  if (run.state == "RUNNING" && run.session) {
    run.session->kill_query = true; // the engine cancels the MariaDB statement
  }
  return true;
}

std::vector<TaskRun> TaskRunner::runs() {
  std::lock_guard<std::mutex> lock(m_mutex);
  std::vector<TaskRun> out;
  for (const auto& [name, run] : m_runs) {
    out.push_back(run);
  }
  return out;
}

void TaskRunner::schedule() {
  std::unique_lock<std::mutex> lock(m_mutex);
  while (!m_stop) {
    for (auto it = m_workers.begin(); it != m_workers.end();) {
      if (it->done) {
        it->thread.join(); // it has left run_one: this returns at once
        it = m_workers.erase(it);
      } else {
        ++it;
      }
    }
    // TaskRunScheduler: no new run while task_runs_concurrency runs are RUNNING.
    while (!m_queue.empty() && m_running < m_live->task_runs_concurrency.load()) {
      std::string name = m_queue.front();
      m_queue.pop_front();
      TaskRun& run = m_runs.at(name);
      run.state = "RUNNING"; // under the lock: task_runs never shows more than the limit
      run.progress = "0%";
      ++m_running;
      Worker& w = m_workers.emplace_back();
      w.thread = std::thread([this, name, &w] { run_one(name, w); });
    }
    m_cv.wait_for(lock, k_poll);
  }
}

void TaskRunner::run_one(const std::string& name, Worker& worker) {
  std::shared_ptr<SessionContext> session;
  std::string sql;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    const TaskRun& run = m_runs.at(name);
    session = run.session;
    sql = run.definition;
  }
  Reply reply = m_execute(*session, sql);
  m_close(*session);
  std::lock_guard<std::mutex> lock(m_mutex);
  TaskRun& run = m_runs.at(name);
  run.finish_time = epoch_seconds();
  if (auto* err = std::get_if<ErrorReply>(&reply)) {
    run.state = "FAILED";
    run.error_code = err->code;
    run.error_message =
        run.dropped ? "Task " + name + " was dropped: " + err->message : err->message;
  } else {
    run.state = "SUCCESS";
    run.progress = "100%";
  }
  --m_running;
  worker.done = true;
  m_cv.notify_all();
}

} // namespace srsim::engine
