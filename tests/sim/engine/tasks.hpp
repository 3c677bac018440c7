#pragma once

// SUBMIT TASK runs (starrocks-surface.md §5): at most four runs execute at once
// (task_runs_concurrency), each runs its INSERT through the engine in a session of its own.
// Tasks live in memory: they vanish with the srsim process (StarRocks keeps them ~1 day).

#include "engine_state.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <thread>

namespace srsim::engine {

struct TaskRun {
  std::string query_id;
  std::string task_name;
  std::string db;
  std::string definition;
  std::string properties;
  std::string creator;
  std::int64_t create_time = 0;
  std::int64_t finish_time = 0;
  std::string state = "PENDING";
  bool dropped = false; // DROP TASK removed the task; the run stays in task_runs
  std::int64_t error_code = 0;
  std::string error_message;
  std::string progress = "0%";
  std::shared_ptr<SessionContext> session;
};

// Runs one statement in a session of its own (the engine's execute / close_session).
using TaskExecutor = std::function<Reply(SessionContext&, const std::string&)>;
using TaskCloser = std::function<void(SessionContext&)>;

class TaskRunner {
public:
  TaskRunner(TaskExecutor execute, TaskCloser close);
  ~TaskRunner();
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  // Queues a run; answers false when a live task has that name.
  bool submit(TaskRun run);
  // Drops the task and cancels its run if it is pending or running; false when unknown.
  bool drop(const std::string& name);
  std::vector<TaskRun> runs();

  static constexpr int k_concurrency = 4;

private:
  void worker();
  void run_one(const std::string& task_name);

  TaskExecutor m_execute;
  TaskCloser m_close;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::string, TaskRun> m_runs; // by task name
  std::deque<std::string> m_queue;
  bool m_stop = false;
  std::vector<std::thread> m_workers;
};

} // namespace srsim::engine
