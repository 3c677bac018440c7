#include "exlschema/report/console_progress.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/util/redact.hpp"

#include <unistd.h>

#include <sstream>

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

} // namespace

std::string format_progress(const ProgressCounts& c) {
  std::ostringstream line;
  line << "[" << c.done << "/" << c.total << "] running " << c.running << ", failed " << c.failed
       << ", rows " << format_count(c.rows_moved) << ", elapsed " << format_duration(c.elapsed);
  if (c.eta) {
    line << ", ETA " << format_duration(*c.eta);
  }
  return line.str();
}

ConsoleProgress::ConsoleProgress(std::ostream& out, bool live, int total_tasks,
                                 std::function<Clock::time_point()> now)
    : m_out(out), m_live(live), m_now(std::move(now)), m_start(m_now()) {
  m_counts.total = total_tasks;
}

void ConsoleProgress::show_problems_only() {
  std::lock_guard lock(m_mutex);
  m_problems_only = true;
  m_live = false;
}

void ConsoleProgress::task_started(const std::string& task_id, const std::string& name) {
  std::lock_guard lock(m_mutex);
  ++m_counts.running;
  if (m_problems_only) {
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
  m_counts.running = std::max(0, m_counts.running - 1);
  ++m_counts.done;
  m_counts.failed += result.status == runner::TaskStatus::Failed ? 1 : 0;
  m_counts.rows_moved += result.rows_moved.value_or(0);
  if (!m_problems_only || is_problem(result.status)) {
    write_line_locked(finished_line(result));
  }
  if (m_live) {
    paint_locked();
  }
}

void ConsoleProgress::repaint() {
  std::lock_guard lock(m_mutex);
  if (m_live) {
    paint_locked();
  }
}

void ConsoleProgress::finish() {
  std::lock_guard lock(m_mutex);
  clear_locked();
}

ProgressCounts ConsoleProgress::counts() const {
  std::lock_guard lock(m_mutex);
  return counts_locked();
}

ProgressCounts ConsoleProgress::counts_locked() const {
  ProgressCounts c = m_counts;
  c.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(m_now() - m_start);
  // Throughput so far (parallelism included) times the tasks left.
  if (c.done > 0 && c.total > c.done) {
    c.eta = c.elapsed / c.done * (c.total - c.done);
  }
  return c;
}

void ConsoleProgress::paint_locked() {
  m_out << k_clear_line << format_progress(counts_locked()) << std::flush;
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

} // namespace exl::report
