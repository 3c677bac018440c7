// The live progress line of a running statement (issue #16, "Progress"): a v3 load whose task run
// waits in information_schema.task_runs shows `pending` next to it on the line, which the
// ticker repaints while nothing else happens, with the task's elapsed time moving.
#include "e2e/vmode_support.hpp"

#include <regex>
#include <thread>

namespace exl::test::e2e {
namespace {

// StarRocks's TaskRunScheduler starts no run while task_runs_concurrency runs are RUNNING (srsim:
// docs/srsim.md); 0 keeps every run PENDING until the guard puts the default back.
struct NoTaskRunSlots {
  NoTaskRunSlots() { sql("DST", "ADMIN SET FRONTEND CONFIG (\"task_runs_concurrency\" = \"0\")"); }
  ~NoTaskRunSlots() { release(); }
  void release() {
    if (!m_released) {
      m_released = true;
      sql("DST", "ADMIN SET FRONTEND CONFIG (\"task_runs_concurrency\" = \"4\")");
    }
  }
  bool m_released = false;
};

TEST(ProgressLineTest, WaitingTaskRunIsShownAsPendingOnTheRepaintedLine) {
  const std::string db = fresh_database("progress_v3");
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "t", 1),
                  rows_for_day(db, "t", 1, 1, 10)});
  config::test::TempDir dir;
  const std::string typescript = dir.path() + "/typescript";
  const std::string line = on_a_terminal(vmode("v3", db + ".t", {"-a", "-r", "-i", "-thread", "1"}),
                                         dir.path(), typescript);
  NoTaskRunSlots no_slots;
  int rc = -1;
  std::thread run([&] { rc = std::system(line.c_str()); });
  // A repaint of the line a second or more into the task: only the ticker draws it then.
  const std::regex repainted("longest: \\[[0-9]+\\] " + db +
                             "\\.t#p20240101 [1-9][0-9]*\\.[0-9]s "
                             "pending");
  const bool seen = eventually([&] { return std::regex_search(read_file(typescript), repainted); },
                               std::chrono::seconds(60), std::chrono::milliseconds(50));
  no_slots.release();
  run.join();
  const std::string text = read_file(typescript);
  EXPECT_TRUE(seen) << text;
  EXPECT_EQ(rc, 0) << text;
  EXPECT_TRUE(contains(text, "\r")) << text;
  EXPECT_EQ(content("DST", db, "t"), content("SRC", db, "t"));
}

} // namespace
} // namespace exl::test::e2e
