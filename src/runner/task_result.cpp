#include "exlschema/runner/task_result.hpp"

namespace exl::runner {

const char* to_string(TaskStatus status) {
  switch (status) {
  case TaskStatus::Pending:
    return "pending";
  case TaskStatus::Running:
    return "running";
  case TaskStatus::Succeeded:
    return "ok";
  case TaskStatus::Failed:
    return "failed";
  case TaskStatus::Skipped:
    return "skipped";
  case TaskStatus::Inconsistent:
    return "inconsistent";
  case TaskStatus::Cancelled:
    return "cancelled";
  }
  return "unknown";
}

bool is_finished(TaskStatus status) {
  return status == TaskStatus::Succeeded || status == TaskStatus::Failed ||
         status == TaskStatus::Inconsistent;
}

} // namespace exl::runner
