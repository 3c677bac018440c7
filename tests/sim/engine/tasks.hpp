#pragma once

// SUBMIT TASK runs (starrocks-surface.md §5): a small pool of at most four concurrent runs
// (task_runs_concurrency), each executing its INSERT through the engine with its own session.

#include "engine_state.hpp"

#include <condition_variable>
#include <deque>
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
  std::int64_t error_code = 0;
  std::string error_message;
  std::string progress = "0%";
  std::shared_ptr<SessionContext> session;
};

class TaskRunner {
public:
  explicit TaskRunner(EngineState& state);
  ~TaskRunner();

  // Queues a run; answers false when the name is taken.
  bool submit(TaskRun run);
  // Removes the task (cancelling its run); false when unknown.
  bool drop(const std::string& name);
  std::vector<TaskRun> runs();

private:
  void worker();
  void execute(const std::string& task_name);

  EngineState& m_state;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::string, TaskRun> m_runs; // by task name
  std::deque<std::string> m_queue;
  bool m_stop = false;
  std::vector<std::thread> m_workers;
};

} // namespace srsim::engine
