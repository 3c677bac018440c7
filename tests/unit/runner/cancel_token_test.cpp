#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/runner/task_runner.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!fs::exists(p)) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(10ms); // polling interval, bounded by the deadline
  }
  return true;
}

} // namespace

TEST(SignalTest, SigtermSkipsQueuedTasksRunsCleanupAndExits143) {
  const fs::path dir = fs::temp_directory_path() / ("exl_sig_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    child_main(dir);
  }
  ASSERT_TRUE(wait_for_file(dir / "started0", 20s)) << "child never started its first task";
  kill(pid, SIGTERM);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 143);
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
