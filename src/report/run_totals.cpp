#include "exlschema/report/run_totals.hpp"

namespace exl::report {

const std::string& table_of(const runner::TaskResult& task) {
  return task.table.empty() ? task.name : task.table;
}

std::map<std::string, std::int64_t> rows_moved_per_table(const RunReport& report) {
  std::map<std::string, std::int64_t> rows;
  for (const auto& task : report.tasks) {
    if (task.rows_moved) {
      rows[table_of(task)] += *task.rows_moved;
    }
  }
  return rows;
}

std::int64_t rows_moved(const RunReport& report) {
  std::int64_t total = 0;
  for (const auto& task : report.tasks) {
    total += task.rows_moved.value_or(0);
  }
  return total;
}

} // namespace exl::report
