#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace exl::runner {

enum class TaskStatus { Pending, Running, Succeeded, Failed, Skipped, Inconsistent };

const char* to_string(TaskStatus status);

// What one task yields. A failed task never stops the others; its reason is in `error`.
struct TaskResult {
  std::string task_id;
  std::string name; // e.g. `db.table` or `db.table#p20240101`
  TaskStatus status = TaskStatus::Pending;
  int attempts = 0;
  std::chrono::system_clock::time_point start{};
  std::chrono::system_clock::time_point end{};
  std::string error; // redacted reason when Failed / Skipped
  std::optional<std::int64_t> rows_moved;

  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(end - start);
  }
};

} // namespace exl::runner
