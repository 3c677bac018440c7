#pragma once

#include "exlschema/runner/task_result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

// Progress on the console while a run is busy. On a terminal: one live line (tasks done/total,
// running, failed, rows moved, elapsed, ETA once it can be estimated, the task running longest)
// repainted in place, with a line per finished task above it. Otherwise (cron, pipes): plain
// timestamped lines, one per task start and finish, and a "still running" line at most once a
// minute while a task has been running a minute or more. Thread-safe: the runner's worker
// threads, the repaint ticker (progress_ticker.hpp) and the loads' polls call it.
//
// The ETA (docs/cli.md "Progress"): from rows once the run knows how many rows the tasks still
// to finish will move (expect_rows, the plan's source counts) and some rows have moved:
// elapsed x rows left / rows done; otherwise from task counts once a task has finished:
// elapsed x tasks left / tasks done; before either, none.
namespace exl::report {

// The task that has been running longest, as the live line shows it.
struct RunningTask {
  std::string id;
  std::string name;
  std::chrono::milliseconds elapsed{0};
  std::string progress; // what StarRocks reports of it (v3/v5: task_runs PROGRESS); empty: none
};

struct ProgressCounts {
  int total = 0;
  int done = 0;
  int running = 0;
  int failed = 0;
  std::int64_t rows_moved = 0;
  std::chrono::milliseconds elapsed{0};
  std::optional<std::chrono::milliseconds> eta; // nullopt until it can be estimated
  std::optional<RunningTask> longest;           // nullopt when nothing runs
};

// `[3/10] running 2, failed 0, rows 1,234, elapsed 12.0s, ETA 28.0s | longest: [4] db.t#p1
// 1m02s 35%`.
std::string format_progress(const ProgressCounts& counts);

// The columns of the terminal on `fd` (TIOCGWINSZ), 0 when it is not a terminal or has none.
int terminal_columns(int fd);

class ConsoleProgress {
public:
  using Clock = std::chrono::system_clock;

  // A task running this long gets a "still running" line in plain output; such lines come at
  // most once per this interval.
  static constexpr std::chrono::seconds k_still_running{60};

  // `out` receives the lines; `live`: repaint one line (a terminal) instead of plain lines;
  // `now` is the clock (injectable for tests).
  ConsoleProgress(std::ostream& out, bool live, int total_tasks,
                  std::function<Clock::time_point()> now = Clock::now);

  // -q: no start lines, no live line and no "still running" lines; a finished task is shown
  // only when it failed, was cancelled or ended inconsistent.
  void show_problems_only();

  // The rows the tasks with a known count will move (`rows`), and how many tasks have no known
  // count (`tasks_without_rows`): while one of those is unfinished, the ETA comes from task
  // counts.
  void expect_rows(std::int64_t rows, int tasks_without_rows);

  // `expected_rows`: the rows the task will move, when known (it must then be part of
  // expect_rows's `rows`).
  void task_started(const std::string& task_id, const std::string& name,
                    std::optional<std::int64_t> expected_rows = std::nullopt);
  void task_finished(const runner::TaskResult& result);
  // What StarRocks reports of the statement task `task_id` is running (e.g. `35%`), shown next
  // to it; ignored once the task has finished.
  void statement_progress(const std::string& task_id, const std::string& progress);

  // Once a second from the ticker: live mode repaints (elapsed moves); plain mode writes the
  // "still running" line when one is due.
  void tick();
  void finish(); // clear the live line before the end-of-run table; no output afterwards

  ProgressCounts counts() const;

private:
  struct Running {
    std::string name;
    Clock::time_point start;
    std::optional<std::int64_t> rows;
    std::string progress;
  };

  ProgressCounts counts_locked() const;
  std::optional<std::chrono::milliseconds> eta_locked(std::chrono::milliseconds elapsed) const;
  std::optional<RunningTask> longest_locked() const;
  void still_running_locked();
  void paint_locked();
  std::function<int()> m_columns = [] { return terminal_columns(1); }; // stdout's width
  void clear_locked();
  void write_line_locked(const std::string& line);

  std::ostream& m_out;
  bool m_problems_only = false;
  bool m_live;
  bool m_finished = false;
  std::function<Clock::time_point()> m_now;
  Clock::time_point m_start;
  Clock::time_point m_last_still; // the last "still running" line (the start before the first)
  mutable std::mutex m_mutex;
  ProgressCounts m_counts;
  std::map<std::string, Running> m_running; // by task id
  std::int64_t m_rows_expected = 0;         // of the tasks with a known count
  std::int64_t m_rows_expected_done = 0;    // of those that finished
  std::int64_t m_rows_done = 0;             // moved by those that finished
  int m_unknown_left = 0;                   // unfinished tasks without a known count
  bool m_painted = false;
};

// True when `fd` is a terminal (isatty): choose live or plain progress.
bool is_terminal(int fd);

// `line` cut to fit in `columns - 1` characters (counted as UTF-8 code points, never cutting
// one), with `…` as its last character when cut; unchanged when `columns` is 0 (unknown). A
// live line longer than the terminal would wrap, and `\r` then repaints only its last row.
std::string fit_to_width(const std::string& line, int columns);

} // namespace exl::report
