#pragma once

#include "exlschema/runner/task_result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

// Progress on the console while a run is busy. On a terminal: one live line (tasks done/total,
// running, failed, rows moved, elapsed, ETA once it can be estimated) repainted in place, with a
// line per finished task above it. Otherwise (cron, pipes): plain timestamped lines, one per task
// start and finish. Thread-safe: the runner's worker threads call it.
namespace exl::report {

struct ProgressCounts {
  int total = 0;
  int done = 0;
  int running = 0;
  int failed = 0;
  std::int64_t rows_moved = 0;
  std::chrono::milliseconds elapsed{0};
  std::optional<std::chrono::milliseconds> eta; // nullopt until a task has finished
};

// `[3/10] running 2, failed 0, rows 1,234, elapsed 12.0s, ETA 28.0s`.
std::string format_progress(const ProgressCounts& counts);

class ConsoleProgress {
public:
  using Clock = std::chrono::system_clock;

  // `out` receives the lines; `live`: repaint one line (a terminal) instead of plain lines;
  // `now` is the clock (injectable for tests).
  ConsoleProgress(std::ostream& out, bool live, int total_tasks,
                  std::function<Clock::time_point()> now = Clock::now);

  // -q: no start lines and no live line; a finished task is shown only when it failed, was
  // cancelled or ended inconsistent.
  void show_problems_only();

  void task_started(const std::string& task_id, const std::string& name);
  void task_finished(const runner::TaskResult& result);
  void repaint(); // live mode: redraw the line (e.g. every second, so elapsed moves)
  void finish();  // live mode: clear the line before the end-of-run table

  ProgressCounts counts() const;

private:
  ProgressCounts counts_locked() const;
  void paint_locked();
  void clear_locked();
  void write_line_locked(const std::string& line);

  std::ostream& m_out;
  bool m_problems_only = false;
  bool m_live;
  std::function<Clock::time_point()> m_now;
  Clock::time_point m_start;
  mutable std::mutex m_mutex;
  ProgressCounts m_counts;
  bool m_painted = false;
};

// True when `fd` is a terminal (isatty): choose live or plain progress.
bool is_terminal(int fd);

} // namespace exl::report
