#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace exl::runner {

// Pending and Running are unfinished work (never a success); Skipped: not started because the
// run was cancelled; Cancelled: started, then stopped by the cancellation before it finished.
enum class TaskStatus { Pending, Running, Succeeded, Failed, Skipped, Inconsistent, Cancelled };

// True only for the statuses of work that ran to its end: Succeeded, Failed, Inconsistent.
bool is_finished(TaskStatus status);

const char* to_string(TaskStatus status);

// What one task yields. A failed task never stops the others; its reason is in `error`.
struct TaskResult {
  std::string task_id;
  std::string name; // e.g. `db.table` or `db.table#p20240101`
  TaskStatus status = TaskStatus::Pending;
  int attempts = 0;
  std::chrono::system_clock::time_point start{};
  std::chrono::system_clock::time_point end{};
  std::string error; // redacted reason when Failed / Skipped / Cancelled
  std::optional<std::int64_t> rows_moved;
  std::string table;                   // `db.table` the task worked on; empty when not per table
  std::vector<std::string> partitions; // partitions it wrote; empty: whole table or none
  std::vector<std::string> labels;     // load labels it used (names.hpp make_label)
  std::vector<std::string> notes;      // what its table's report should say (e.g. a long wait)

  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
  }
};

} // namespace exl::runner
