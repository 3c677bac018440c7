#include "exlschema/report/json_report.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

#include <cstdio>
#include <fstream>

namespace exl::report {
namespace {

using nlohmann::json;

json count_or_null(const std::optional<std::int64_t>& count) {
  return count ? json(*count) : json(nullptr);
}

long long elapsed_ms(std::chrono::system_clock::time_point start,
                     std::chrono::system_clock::time_point end) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(end - start).count();
}

json table_json(const TableReport& table) {
  return {{"table", util::redact(table.table)},
          {"mode", table.mode},
          {"status", runner::to_string(table.status)},
          {"source_rows", count_or_null(table.source_rows)},
          {"target_rows", count_or_null(table.target_rows)},
          {"partitions_audited", table.partitions_audited},
          {"partitions_rewritten", table.partitions_rewritten},
          {"elapsed_ms", table.elapsed.count()},
          {"error", util::redact(table.error)},
          {"recommended_mode", table.recommended_mode}};
}

json task_json(const runner::TaskResult& task) {
  return {{"task_id", task.task_id},
          {"name", util::redact(task.name)},
          {"status", runner::to_string(task.status)},
          {"attempts", task.attempts},
          {"start", format_utc(task.start)},
          {"end", format_utc(task.end)},
          {"elapsed_ms", task.elapsed().count()},
          {"rows_moved", count_or_null(task.rows_moved)},
          {"error", util::redact(task.error)}};
}

json summary_json(const RunReport& report) {
  json counts = json::object();
  for (const auto status :
       {runner::TaskStatus::Succeeded, runner::TaskStatus::Failed, runner::TaskStatus::Inconsistent,
        runner::TaskStatus::Skipped, runner::TaskStatus::Cancelled}) {
    counts[runner::to_string(status)] = 0;
  }
  for (const auto& table : report.tables) {
    counts[runner::to_string(table.status)] = counts.value(runner::to_string(table.status), 0) + 1;
  }
  std::int64_t rows_moved = 0;
  for (const auto& task : report.tasks) {
    rows_moved += task.rows_moved.value_or(0);
  }
  return {{"tables", report.tables.size()},
          {"tasks", report.tasks.size()},
          {"status_counts", counts},
          {"rows_moved", rows_moved}};
}

} // namespace

json report_to_json(const RunReport& report) {
  json tables = json::array();
  for (const auto& table : report.tables) {
    tables.push_back(table_json(table));
  }
  json tasks = json::array();
  for (const auto& task : report.tasks) {
    tasks.push_back(task_json(task));
  }
  return {{"schema_version", RunReport::k_schema_version},
          {"run_id", report.run_id},
          {"mode", report.mode},
          {"source", report.source},
          {"target", report.target},
          {"dry_run", report.dry_run},
          {"start", format_utc(report.start)},
          {"end", format_utc(report.end)},
          {"elapsed_ms", elapsed_ms(report.start, report.end)},
          {"exit_code", report.exit_code},
          {"summary", summary_json(report)},
          {"tables", tables},
          {"tasks", tasks}};
}

void write_json_report(const RunReport& report, const std::string& path) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << report_to_json(report).dump(2) << "\n";
    if (!out.flush()) {
      std::remove(temporary.c_str());
      throw FatalError("exlSchema: cannot write the -json report to " + temporary);
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    throw FatalError("exlSchema: cannot move the -json report into place at " + path);
  }
}

} // namespace exl::report
