#include "engine_state.hpp"
#include "tasks.hpp"

#include <algorithm>

namespace srsim::engine {

TaskRunner::TaskRunner(TaskExecutor execute, TaskCloser close)
    : m_execute(std::move(execute)), m_close(std::move(close)) {
  for (int i = 0; i < k_concurrency; ++i) {
    m_workers.emplace_back([this] { worker(); });
  }
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
  for (std::thread& t : m_workers) {
    t.join();
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
  m_cv.notify_one();
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

void TaskRunner::worker() {
  std::unique_lock<std::mutex> lock(m_mutex);
  for (;;) {
    m_cv.wait(lock, [this] { return m_stop || !m_queue.empty(); });
    if (m_stop) {
      return;
    }
    std::string name = m_queue.front();
    m_queue.pop_front();
    lock.unlock();
    run_one(name);
    lock.lock();
  }
}

void TaskRunner::run_one(const std::string& name) {
  std::shared_ptr<SessionContext> session;
  std::string sql;
  {
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_runs.find(name);
    if (it == m_runs.end() || it->second.state != "PENDING") {
      return; // dropped while pending
    }
    TaskRun& run = it->second;
    run.state = "RUNNING";
    run.progress = "0%";
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
}

} // namespace srsim::engine
