#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/runner/task_runner.hpp"
#include "support/eventually.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <latch>
#include <pthread.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using exl::runner::CancelToken;
using exl::runner::exit_code_for_signal;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST(CancelTokenTest, WaitForReturnsEarlyWhenCancelled) {
  CancelToken token;
  EXPECT_FALSE(token.wait_for(1ms)); // times out, not cancelled
  std::jthread t([&] { token.cancel(SIGINT); });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(token.wait_for(60s));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s);
  EXPECT_TRUE(token.is_cancelled());
  EXPECT_EQ(token.signal_number(), SIGINT);
}

TEST(CancelTokenTest, CallbacksFireOnceAndLateRegistrationFiresImmediately) {
  CancelToken token;
  int fired = 0;
  int seen_signal = -1;
  token.on_cancel([&](int s) {
    ++fired;
    seen_signal = s;
  });
  const auto removed = token.on_cancel([&](int) { fired += 100; });
  token.remove_callback(removed);
  token.cancel(SIGTERM);
  token.cancel(SIGINT); // ignored: the first cancel wins
  EXPECT_EQ(fired, 1);
  EXPECT_EQ(seen_signal, SIGTERM);
  EXPECT_EQ(token.signal_number(), SIGTERM);
  bool late = false;
  token.on_cancel([&](int) { late = true; });
  EXPECT_TRUE(late);
}

TEST(CancelTokenTest, CleanupHooksRunLastFirstOnceAndSurviveFailures) {
  CancelToken token;
  std::vector<std::string> order;
  token.add_cleanup("catalog", [&] { order.push_back("catalog"); });
  token.add_cleanup("broken", [] { throw std::runtime_error("drop failed"); });
  token.add_cleanup("table", [&] { order.push_back("table"); });
  token.run_cleanup();
  token.run_cleanup();
  EXPECT_EQ(order, (std::vector<std::string>{"table", "catalog"}));
}

TEST(CancelTokenTest, ExitCodesFollowTheShellConvention) {
  EXPECT_EQ(exit_code_for_signal(SIGINT), 130);
  EXPECT_EQ(exit_code_for_signal(SIGTERM), 143);
}

namespace {

// The child: a runner with long, interruptible tasks; SIGTERM must skip the queued ones, run the
// clean-up hook (marker file) and exit 143.
[[noreturn]] void child_main(const fs::path& dir) {
  CancelToken token;
  exl::runner::install_signal_handlers(token);
  token.add_cleanup("marker", [&] { std::ofstream(dir / "cleaned") << "yes"; });
  std::vector<exl::runner::Task> tasks;
  for (int i = 0; i < 4; ++i) {
    exl::runner::Task t;
    t.name = "t" + std::to_string(i);
    t.run = [&token, &dir, i] {
      std::ofstream(dir / ("started" + std::to_string(i))) << "1";
      exl::runner::TaskResult r;
      r.status = exl::runner::TaskStatus::Succeeded;
      if (token.wait_for(60s)) {
        r.status = exl::runner::TaskStatus::Failed;
        r.error = "interrupted";
      }
      return r;
    };
    tasks.push_back(std::move(t));
  }
  exl::runner::RunnerOptions opts;
  opts.max_concurrency = 1;
  opts.cancel = &token;
  exl::runner::TaskRunner runner(opts);
  const auto results = runner.run(tasks);
  std::ofstream out(dir / "results");
  for (const auto& r : results) {
    out << exl::runner::to_string(r.status) << "\n";
  }
  out.close();
  token.run_cleanup();
  exl::runner::uninstall_signal_handlers();
  _exit(token.is_cancelled() ? exit_code_for_signal(token.signal_number()) : 0);
}

bool wait_for_file(const fs::path& p, std::chrono::seconds limit) {
  return exl::test::eventually([&] { return fs::exists(p); }, limit);
}

// A fresh, empty directory for one forked child's marker files.
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs `child_main(dir)` in a forked child (where it never returns); -1 when fork fails.
pid_t fork_child(void (*child_main)(const fs::path&), const fs::path& dir) {
  const pid_t pid = fork();
  if (pid == 0) {
    child_main(dir);
  }
  return pid;
}

// The child's exit code once it has ended; -1 when it did not exit normally.
int exit_code_of(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) {
    return -1;
  }
  return WEXITSTATUS(status);
}

} // namespace

TEST(SignalTest, SigtermSkipsQueuedTasksRunsCleanupAndExits143) {
  const fs::path dir = fresh_dir("exl_sig");
  const pid_t pid = fork_child(child_main, dir);
  ASSERT_GE(pid, 0);
  ASSERT_TRUE(wait_for_file(dir / "started0", 20s)) << "child never started its first task";
  kill(pid, SIGTERM);
  EXPECT_EQ(exit_code_of(pid), 143);
  EXPECT_TRUE(fs::exists(dir / "cleaned"));
  std::ifstream in(dir / "results");
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    lines.push_back(l);
  }
  EXPECT_EQ(lines, (std::vector<std::string>{"failed", "skipped", "skipped", "skipped"}));
  EXPECT_FALSE(fs::exists(dir / "started1"));
  fs::remove_all(dir);
}

// remove_callback returns only once a callback that is already running has returned, so that the
// objects it uses may be destroyed right after.
TEST(CancelTokenTest, RemoveCallbackWaitsForARunningCallback) {
  CancelToken token;
  std::latch entered(1);
  std::atomic<bool> removed{false};
  std::atomic<bool> removed_while_running{true};
  const auto id = token.on_cancel([&](int) {
    entered.count_down();
    // Gives a remove_callback that does not wait time to return (bounded: it must not).
    exl::test::eventually([&] { return removed.load(); }, 500ms);
    removed_while_running = removed.load();
  });
  std::jthread canceller([&] { token.cancel(SIGINT); });
  entered.wait();
  token.remove_callback(id);
  removed = true;
  EXPECT_FALSE(removed_while_running.load()) << "the callback was still running after removal";
}

// A callback may remove itself (and others) without waiting for itself.
TEST(CancelTokenTest, CallbackMayRemoveCallbacksWithoutDeadlock) {
  CancelToken token;
  std::atomic<std::size_t> self{0};
  std::atomic<std::size_t> other{0};
  bool other_ran = false;
  self = token.on_cancel([&](int) {
    token.remove_callback(self);
    token.remove_callback(other);
  });
  other = token.on_cancel([&](int) { other_ran = true; });
  token.cancel(SIGTERM); // returns: no self-wait
  EXPECT_FALSE(other_ran) << "a callback removed before its turn still ran";
}

TEST(CancelTokenTest, StopTokenIsStoppedByCancel) {
  CancelToken token;
  const std::stop_token stop = token.stop_token();
  EXPECT_FALSE(stop.stop_requested());
  token.cancel();
  EXPECT_TRUE(stop.stop_requested());
}

// The signals are blocked in threads started after installation, so that only the watcher takes
// them (with sigwait) and no worker thread is ever interrupted by a handler.
TEST(SignalTest, ThreadsStartedAfterInstallHaveTheSignalsBlocked) {
  CancelToken token;
  exl::runner::install_signal_handlers(token);
  bool int_blocked = false;
  bool term_blocked = false;
  std::thread([&] {
    sigset_t mask;
    pthread_sigmask(SIG_BLOCK, nullptr, &mask);
    int_blocked = sigismember(&mask, SIGINT) == 1;
    term_blocked = sigismember(&mask, SIGTERM) == 1;
  }).join();
  exl::runner::uninstall_signal_handlers();
  EXPECT_TRUE(int_blocked);
  EXPECT_TRUE(term_blocked);
  sigset_t after;
  pthread_sigmask(SIG_BLOCK, nullptr, &after);
  EXPECT_EQ(sigismember(&after, SIGINT), 0) << "uninstall did not restore the mask";
  EXPECT_FALSE(token.is_cancelled()) << "uninstalling must not cancel";
}

namespace {

// The child: its cancel callback hangs (a KILL QUERY that never answers); a second signal must
// still end it at once.
[[noreturn]] void hanging_child_main(const fs::path& dir) {
  CancelToken token;
  exl::runner::install_signal_handlers(token);
  token.on_cancel([&](int) {
    std::ofstream(dir / "cancelling") << "1";
    std::this_thread::sleep_for(60s); // simulates a callback stuck on the network
  });
  std::ofstream(dir / "ready") << "1";
  token.wait_for(60s);
  std::this_thread::sleep_for(60s);
  _exit(0);
}

} // namespace

TEST(SignalTest, SecondSignalEndsTheProcessWhileTheFirstIsHandled) {
  const fs::path dir = fresh_dir("exl_sig2");
  const pid_t pid = fork_child(hanging_child_main, dir);
  ASSERT_GE(pid, 0);
  ASSERT_TRUE(wait_for_file(dir / "ready", 20s));
  kill(pid, SIGTERM);
  ASSERT_TRUE(wait_for_file(dir / "cancelling", 20s));
  const auto start = std::chrono::steady_clock::now();
  kill(pid, SIGINT);
  EXPECT_EQ(exit_code_of(pid), 130);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 30s); // not after the callback's 60 s
  fs::remove_all(dir);
}

// A throwing callback is logged; it neither escapes `cancel` nor keeps the others from running.
TEST(CancelTokenTest, ThrowingCallbackDoesNotStopTheOthers) {
  CancelToken token;
  bool second_ran = false;
  token.on_cancel([](int) { throw std::runtime_error("KILL QUERY failed"); });
  token.on_cancel([&](int) { second_ran = true; });
  EXPECT_NO_THROW(token.cancel(SIGINT));
  EXPECT_TRUE(second_ran);
  EXPECT_NO_THROW(token.on_cancel([](int) { throw std::runtime_error("late"); }));
}
