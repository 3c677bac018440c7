// Two processes writing one store at once (PRODUCT.md §5b): every run of both is there
// afterwards and SQLite's integrity check passes.
#include "exlschema/state/state_store.hpp"

#include "sample_runs.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>

namespace exl::state {
namespace {

using config::test::TempDir;

constexpr int k_runs_per_process = 150;

// The child: waits until the parent releases both children at once (the pipe closes), then
// opens the store, which neither has created yet, and records its runs one by one.
[[noreturn]] void write_runs(const std::string& path, int release_fd, const std::string& prefix) {
  char byte = 0;
  const bool released = ::read(release_fd, &byte, 1) == 0;
  int code = released ? 0 : 3;
  try {
    StateStore store(path);
    for (int i = 0; i < k_runs_per_process && code == 0; ++i) {
      const auto run = test::sample_run(prefix + std::to_string(i), i);
      store.begin_run(run);
      store.finish_run(run);
      store.put_partition_version({prefix, "b", "ods.orders"},
                                  {"p" + std::to_string(i), i, i, i, test::at(i), i, i});
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", prefix.c_str(), e.what());
    code = 1;
  }
  ::_exit(code);
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
  std::string result = sqlite3_step(stmt) == SQLITE_ROW
                           ? reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))
                           : "no answer";
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

TEST(StateStoreConcurrencyTest, TwoProcessesWritingAtOnceLoseNothing) {
  const TempDir dir;
  const std::string path = dir.path() + "/sub/state.db";
  std::array<int, 2> release{};
  ASSERT_EQ(::pipe(release.data()), 0);
  std::array<pid_t, 2> children{};
  for (int i = 0; i < 2; ++i) {
    children[i] = ::fork();
    ASSERT_GE(children[i], 0);
    if (children[i] == 0) {
      ::close(release[1]);
      write_runs(path, release[0], i == 0 ? "a-" : "b-");
    }
  }
  ::close(release[0]);
  ::close(release[1]); // both children start now
  for (const pid_t child : children) {
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }

  StateStore store(path);
  const auto runs = store.recent_runs(10 * k_runs_per_process);
  EXPECT_EQ(runs.size(), 2U * k_runs_per_process);
  for (const auto& run : runs) {
    EXPECT_TRUE(run.finished) << run.run_id;
    EXPECT_EQ(run.tables_total, 2) << run.run_id;
  }
  EXPECT_EQ(store.run_tasks("a-7").size(), 3U);
  EXPECT_EQ(store.run_tasks("b-" + std::to_string(k_runs_per_process - 1)).size(), 3U);
  EXPECT_EQ(store.partition_versions({"a-", "b", "ods.orders"}).size(),
            static_cast<std::size_t>(k_runs_per_process));
  EXPECT_EQ(store.partition_versions({"b-", "b", "ods.orders"}).size(),
            static_cast<std::size_t>(k_runs_per_process));
  EXPECT_EQ(integrity(path), "ok");
}

} // namespace
} // namespace exl::state
