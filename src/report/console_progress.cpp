#include "exlschema/report/console_progress.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/util/redact.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace exl::report {
namespace {

// Carriage return and "erase to end of line": the live line is redrawn in place.
constexpr const char* k_clear_line = "\r\033[K";

std::string finished_line(const runner::TaskResult& result) {
  std::ostringstream line;
  line << "done  [" << result.task_id << "] " << util::redact(result.name) << " "
       << runner::to_string(result.status) << " in " << format_duration(result.elapsed());
  if (result.rows_moved) {
    line << ", rows " << format_count(result.rows_moved);
  }
  if (!result.error.empty()) {
    line << ": " << util::redact(result.error);
  }
  return line.str();
}

bool is_problem(runner::TaskStatus status) {
  return status == runner::TaskStatus::Failed || status == runner::TaskStatus::Cancelled ||
         status == runner::TaskStatus::Inconsistent;
}

std::string running_text(const RunningTask& task) {
  return "[" + task.id + "] " + util::redact(task.name) + " " + format_duration(task.elapsed) +
         (task.progress.empty() ? "" : " " + task.progress);
}

} // namespace

std::string format_progress(const ProgressCounts& c) {
  std::ostringstream line;
  line << "[" << c.done << "/" << c.total << "] running " << c.running << ", failed " << c.failed
       << ", rows " << format_count(c.rows_moved) << ", elapsed " << format_duration(c.elapsed);
  if (c.eta) {
    line << ", ETA " << format_duration(*c.eta);
  }
  if (c.longest) {
    line << " | longest: " << running_text(*c.longest);
  }
  return line.str();
}

ConsoleProgress::ConsoleProgress(std::ostream& out, bool live, int total_tasks,
                                 std::function<Clock::time_point()> now)
    : m_out(out), m_live(live), m_now(std::move(now)), m_start(m_now()), m_last_still(m_start) {
  m_counts.total = total_tasks;
}

void ConsoleProgress::show_problems_only() {
  std::lock_guard lock(m_mutex);
  m_problems_only = true;
  m_live = false;
}

void ConsoleProgress::expect_rows(std::int64_t rows, int tasks_without_rows) {
  std::lock_guard lock(m_mutex);
  m_rows_expected = std::max<std::int64_t>(0, rows);
  m_unknown_left = std::max(0, tasks_without_rows);
}

void ConsoleProgress::task_started(const std::string& task_id, const std::string& name,
                                   std::optional<std::int64_t> expected_rows) {
  std::lock_guard lock(m_mutex);
  m_running[task_id] = Running{name, m_now(), expected_rows, {}};
  m_counts.running = static_cast<int>(m_running.size());
  if (m_problems_only || m_finished) {
    return;
  }
  if (m_live) {
    paint_locked();
  } else {
    write_line_locked("start [" + task_id + "] " + util::redact(name));
  }
}

void ConsoleProgress::task_finished(const runner::TaskResult& result) {
  std::lock_guard lock(m_mutex);
  std::optional<std::int64_t> expected;
  if (const auto it = m_running.find(result.task_id); it != m_running.end()) {
    expected = it->second.rows;
    m_running.erase(it);
  }
  if (expected) {
    m_rows_expected_done += *expected;
    const bool ok = result.status == runner::TaskStatus::Succeeded;
    m_rows_done += result.rows_moved.value_or(ok ? *expected : 0);
  } else {
    m_unknown_left = std::max(0, m_unknown_left - 1);
  }
  m_counts.running = static_cast<int>(m_running.size());
  ++m_counts.done;
  m_counts.failed += result.status == runner::TaskStatus::Failed ? 1 : 0;
  m_counts.rows_moved += result.rows_moved.value_or(0);
  if (m_finished) {
    return;
  }
  if (!m_problems_only || is_problem(result.status)) {
    write_line_locked(finished_line(result));
  }
  if (m_live) {
    paint_locked();
  }
}

void ConsoleProgress::statement_progress(const std::string& task_id, const std::string& progress) {
  std::lock_guard lock(m_mutex);
  if (const auto it = m_running.find(task_id); it != m_running.end()) {
    it->second.progress = progress;
  }
}

void ConsoleProgress::tick() {
  std::lock_guard lock(m_mutex);
  if (m_finished || m_problems_only) {
    return;
  }
  if (m_live) {
    paint_locked();
  } else {
    still_running_locked();
  }
}

void ConsoleProgress::finish() {
  std::lock_guard lock(m_mutex);
  clear_locked();
  m_finished = true;
}

ProgressCounts ConsoleProgress::counts() const {
  std::lock_guard lock(m_mutex);
  return counts_locked();
}

ProgressCounts ConsoleProgress::counts_locked() const {
  ProgressCounts c = m_counts;
  c.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(m_now() - m_start);
  c.eta = eta_locked(c.elapsed);
  c.longest = longest_locked();
  return c;
}

// Throughput so far (parallelism included) times the work left: rows when every unfinished
// task's count is known and rows have moved, else tasks once one has finished.
std::optional<std::chrono::milliseconds>
ConsoleProgress::eta_locked(std::chrono::milliseconds elapsed) const {
  const int tasks_left = m_counts.total - m_counts.done;
  if (tasks_left <= 0) {
    return std::nullopt;
  }
  const std::int64_t rows_left = m_rows_expected - m_rows_expected_done;
  if (m_unknown_left == 0 && m_rows_done > 0 && rows_left > 0) {
    const double ms = static_cast<double>(elapsed.count()) * static_cast<double>(rows_left) /
                      static_cast<double>(m_rows_done);
    return std::chrono::milliseconds(static_cast<std::int64_t>(ms));
  }
  if (m_counts.done > 0) {
    return elapsed / m_counts.done * tasks_left;
  }
  return std::nullopt;
}

std::optional<RunningTask> ConsoleProgress::longest_locked() const {
  const auto oldest =
      std::min_element(m_running.begin(), m_running.end(), [](const auto& a, const auto& b) {
        return a.second.start < b.second.start;
      });
  if (oldest == m_running.end()) {
    return std::nullopt;
  }
  return RunningTask{
      oldest->first, oldest->second.name,
      std::chrono::duration_cast<std::chrono::milliseconds>(m_now() - oldest->second.start),
      oldest->second.progress};
}

// Plain output: at most one line per k_still_running, naming the tasks running that long or
// longer (the longest first, at most three), so that a log shows a long statement is alive.
void ConsoleProgress::still_running_locked() {
  const auto now = m_now();
  if (now - m_last_still < k_still_running) {
    return;
  }
  std::vector<RunningTask> long_ones;
  for (const auto& [id, task] : m_running) {
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - task.start);
    if (elapsed >= k_still_running) {
      long_ones.push_back(RunningTask{id, task.name, elapsed, task.progress});
    }
  }
  if (long_ones.empty()) {
    return;
  }
  std::stable_sort(long_ones.begin(), long_ones.end(),
                   [](const auto& a, const auto& b) { return a.elapsed > b.elapsed; });
  constexpr std::size_t k_named = 3;
  std::string line = "still running ";
  for (std::size_t i = 0; i < long_ones.size() && i < k_named; ++i) {
    line += (i > 0 ? ", " : "") + running_text(long_ones[i]);
  }
  if (long_ones.size() > k_named) {
    line += " (+" + std::to_string(long_ones.size() - k_named) + " more)";
  }
  m_last_still = now;
  write_line_locked(line);
}

void ConsoleProgress::paint_locked() {
  m_out << k_clear_line << fit_to_width(format_progress(counts_locked()), m_columns())
        << std::flush;
  m_painted = true;
}

void ConsoleProgress::clear_locked() {
  if (m_painted) {
    m_out << k_clear_line << std::flush;
    m_painted = false;
  }
}

// Live mode: the line goes above the progress line, which paint_locked redraws afterwards.
void ConsoleProgress::write_line_locked(const std::string& line) {
  clear_locked();
  m_out << (m_live ? "" : format_utc(m_now()) + " ") << line << "\n" << std::flush;
}

bool is_terminal(int fd) {
  return ::isatty(fd) == 1;
}

int terminal_columns(int fd) {
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0) {
    return 0;
  }
  return size.ws_col;
}

std::string fit_to_width(const std::string& line, int columns) {
  if (columns <= 1) {
    return line;
  }
  const auto room = static_cast<std::size_t>(columns - 1);
  std::size_t code_points = 0;
  std::size_t cut = 0; // byte offset after the code point that leaves room for the ellipsis
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0U) == 0x80U) {
      continue; // a continuation byte: part of the code point already counted
    }
    ++code_points;
    if (code_points == room) {
      cut = i; // the room-th code point starts here: it becomes the ellipsis
    }
    if (code_points > room) {
      return line.substr(0, cut) + "\u2026";
    }
  }
  return line;
}

} // namespace exl::report
