#include "exlschema/runner/task_runner.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

using exl::runner::CancelledError;
using exl::runner::CancelToken;
using exl::runner::OutcomeUnknownError;
using exl::runner::Retry;
using exl::runner::Task;
using exl::runner::TaskResult;
using exl::runner::TaskRunner;
using exl::runner::TaskStatus;
using namespace std::chrono_literals;

namespace {

// Counts how many tasks are inside `run` at once.
struct ConcurrencyProbe {
  std::atomic<int> now{0};
  std::atomic<int> max{0};
  void enter() {
    const int n = ++now;
    int m = max.load();
    while (n > m && !max.compare_exchange_weak(m, n)) {
    }
  }
  void leave() { --now; }
};

TaskResult ok() {
  TaskResult r;
  r.status = TaskStatus::Succeeded;
  return r;
}

Task make_task(const std::string& name, std::function<TaskResult()> fn) {
  Task t;
  t.name = name;
  t.run = std::move(fn);
  return t;
}

exl::runner::RunnerOptions options(int threads, const CancelToken* cancel = nullptr) {
  exl::runner::RunnerOptions o;
  o.max_concurrency = threads;
  o.cancel = cancel;
  return o;
}

} // namespace

TEST(TaskRunnerTest, NeverRunsMoreThanMaxConcurrencyAndKeepsSubmissionOrder) {
  ConcurrencyProbe probe;
  std::vector<Task> tasks;
  for (int i = 0; i < 12; ++i) {
    tasks.push_back(make_task("t" + std::to_string(i), [&probe, i] {
      probe.enter();
      // The first three wait for each other (bounded), so the workers provably overlap; a fourth
      // concurrent task would show in `probe.max`.
      EXPECT_TRUE(exl::test::eventually([&] { return probe.max.load() >= 3; }, 10s));
      probe.leave();
      TaskResult r = ok();
      r.rows_moved = i;
      return r;
    }));
  }
  TaskRunner runner(options(3));
  const auto results = runner.run(tasks);
  ASSERT_EQ(results.size(), 12U);
  EXPECT_EQ(probe.max.load(), 3);
  for (int i = 0; i < 12; ++i) {
    EXPECT_EQ(results[i].name, "t" + std::to_string(i));
    EXPECT_EQ(results[i].status, TaskStatus::Succeeded);
    EXPECT_EQ(results[i].rows_moved, i);
    EXPECT_EQ(results[i].attempts, 1);
    EXPECT_LE(results[i].start, results[i].end);
  }
  EXPECT_EQ(runner.progress().done, 12);
}

TEST(TaskRunnerTest, AThrowingTaskFailsAloneAndTheOthersGoOn) {
  std::vector<Task> tasks;
  tasks.push_back(make_task("ok1", [] { return ok(); }));
  tasks.push_back(make_task("bad", []() -> TaskResult {
    throw std::runtime_error("INSERT failed: \"password\"=\"hunter2\"");
  }));
  tasks.push_back(make_task("ok2", [] { return ok(); }));
  TaskRunner runner(options(1));
  const auto results = runner.run(tasks);
  EXPECT_EQ(results[0].status, TaskStatus::Succeeded);
  EXPECT_EQ(results[1].status, TaskStatus::Failed);
  EXPECT_NE(results[1].error.find("INSERT failed"), std::string::npos);
  EXPECT_EQ(results[1].error.find("hunter2"), std::string::npos); // redacted
  EXPECT_EQ(results[2].status, TaskStatus::Succeeded);
  EXPECT_EQ(runner.progress().failed, 1);
}

TEST(TaskRunnerTest, RetryableTaskIsRunAgainAndCountsAttempts) {
  int calls = 0;
  Task t = make_task("flaky", [&]() -> TaskResult {
    if (++calls < 3) {
      throw std::runtime_error("lost connection");
    }
    return ok();
  });
  t.retry = Retry::Idempotent;
  t.retry_on = [](const std::exception&) { return true; };
  exl::runner::RetryPolicy policy;
  policy.initial_backoff = 1ms;
  policy.max_backoff = 2ms;
  auto opts = options(2);
  opts.retry = policy;
  TaskRunner runner(opts);
  const auto results = runner.run({t});
  EXPECT_EQ(results[0].status, TaskStatus::Succeeded);
  EXPECT_EQ(results[0].attempts, 3);
}

TEST(TaskRunnerTest, QueuedTasksAreSkippedOnceCancelled) {
  CancelToken token;
  std::vector<Task> tasks;
  // The first task cancels the run while it is running; it finishes its work normally.
  tasks.push_back(make_task("running", [&] {
    token.cancel(2);
    return ok();
  }));
  for (int i = 0; i < 5; ++i) {
    tasks.push_back(make_task("queued" + std::to_string(i), [] { return ok(); }));
  }
  TaskRunner runner(options(1, &token));
  const auto results = runner.run(tasks);
  EXPECT_EQ(results[0].status, TaskStatus::Succeeded);
  for (int i = 1; i < 6; ++i) {
    EXPECT_EQ(results[i].status, TaskStatus::Skipped) << results[i].name;
    EXPECT_FALSE(results[i].error.empty());
  }
}

TEST(TaskRunnerTest, CallbacksSeeEveryTask) {
  std::atomic<int> started{0};
  std::atomic<int> finished{0};
  std::vector<Task> tasks(4, make_task("t", [] { return ok(); }));
  auto opts = options(2);
  opts.on_start = [&](const Task&) { ++started; };
  opts.on_finish = [&](const TaskResult&) { ++finished; };
  TaskRunner runner(opts);
  runner.run(tasks);
  EXPECT_EQ(started.load(), 4);
  EXPECT_EQ(finished.load(), 4);
}

TEST(TaskRunnerTest, AThrowingObserverDoesNotStopTheRun) {
  std::vector<Task> tasks(3, make_task("t", [] { return ok(); }));
  auto opts = options(2);
  opts.on_finish = [](const TaskResult&) { throw std::runtime_error("console gone"); };
  const auto results = TaskRunner(opts).run(tasks);
  ASSERT_EQ(results.size(), 3U);
  for (const auto& r : results) {
    EXPECT_EQ(r.status, TaskStatus::Succeeded);
  }
}

namespace {

exl::runner::RunnerOptions retrying_options() {
  auto opts = options(1);
  opts.retry.initial_backoff = 1ms;
  opts.retry.max_backoff = 2ms;
  return opts;
}

} // namespace

// A task is run again only when it says it is idempotent: a classifier alone is not enough.
TEST(TaskRunnerTest, TaskNotDeclaredIdempotentIsNotRunAgain) {
  int calls = 0;
  Task t = make_task("insert", [&]() -> TaskResult {
    ++calls;
    throw std::runtime_error("lost connection");
  });
  t.retry_on = [](const std::exception&) { return true; };
  const auto results = TaskRunner(retrying_options()).run({t});
  EXPECT_EQ(results[0].status, TaskStatus::Failed);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(results[0].attempts, 1);
}

// Even an idempotent task is not run again when a write inside it has an unknown outcome.
TEST(TaskRunnerTest, OutcomeUnknownIsNotRunAgainEvenForAnIdempotentTask) {
  int calls = 0;
  Task t = make_task("load", [&]() -> TaskResult {
    ++calls;
    throw OutcomeUnknownError("outcome unknown: INSERT", 2013);
  });
  t.retry = Retry::Idempotent;
  t.retry_on = [](const std::exception&) { return true; };
  const auto results = TaskRunner(retrying_options()).run({t});
  EXPECT_EQ(results[0].status, TaskStatus::Failed);
  EXPECT_NE(results[0].error.find("outcome unknown"), std::string::npos);
  EXPECT_EQ(calls, 1);
}

// A task that returns without saying how it ended did not succeed.
TEST(TaskRunnerTest, ResultWithoutAFinalStatusIsAFailure) {
  std::vector<Task> tasks;
  tasks.push_back(make_task("default", [] { return TaskResult{}; }));
  tasks.push_back(make_task("running", [] {
    TaskResult r;
    r.status = TaskStatus::Running;
    return r;
  }));
  const auto results = TaskRunner(options(1)).run(tasks);
  for (const auto& r : results) {
    EXPECT_EQ(r.status, TaskStatus::Failed) << r.name;
    EXPECT_NE(r.error.find("without a final status"), std::string::npos) << r.error;
  }
}

// Stopped by the cancellation while running: Cancelled, not Failed and not Skipped.
TEST(TaskRunnerTest, TaskStoppedByCancellationIsCancelled) {
  CancelToken token;
  Task t = make_task("interrupted", [&]() -> TaskResult {
    token.cancel(15);
    throw CancelledError("cancelled while retrying INSERT");
  });
  const auto results = TaskRunner(options(1, &token)).run({t});
  EXPECT_EQ(results[0].status, TaskStatus::Cancelled);
  EXPECT_STREQ(exl::runner::to_string(results[0].status), "cancelled");
}
