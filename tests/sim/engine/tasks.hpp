#pragma once

// SUBMIT TASK runs (starrocks-surface.md §5): at most task_runs_concurrency runs execute at once
// (FE config, default 4, read live from LiveSettings as TaskRunScheduler reads
// Config.task_runs_concurrency at each round); the others wait PENDING. Each run executes its
// statement through the engine in a session of its own. Tasks live in memory: they vanish with
// the srsim process (StarRocks keeps them ~1 day).

#include "engine_state.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <list>
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
  TaskRunner(TaskExecutor execute, TaskCloser close, std::shared_ptr<LiveSettings> live);
  ~TaskRunner();
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  // Queues a run; answers false when a live task has that name.
  bool submit(TaskRun run);
  // Drops the task and cancels its run if it is pending or running; false when unknown.
  bool drop(const std::string& name);
  std::vector<TaskRun> runs();

private:
  struct Worker {
    std::thread thread;
    bool done = false;
  };
  // Starts pending runs while fewer than task_runs_concurrency run; joins finished workers.
  void schedule();
  void run_one(const std::string& task_name, Worker& worker);

  TaskExecutor m_execute;
  TaskCloser m_close;
  std::shared_ptr<LiveSettings> m_live;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::map<std::string, TaskRun> m_runs; // by task name
  std::deque<std::string> m_queue;
  int m_running = 0;
  bool m_stop = false;
  std::list<Worker> m_workers; // one per started run; a list keeps each Worker in place
  std::thread m_scheduler;
};

} // namespace srsim::engine
