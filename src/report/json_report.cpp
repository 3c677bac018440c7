#include "exlschema/report/json_report.hpp"

#include "exlschema/report/atomic_file.hpp"
#include "exlschema/report/format.hpp"
#include "exlschema/report/run_totals.hpp"
#include "exlschema/util/redact.hpp"

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

json plan_json(const TableReport& table) {
  json plan = json::array();
  for (const auto& step : table.plan) {
    plan.push_back({{"cluster", step.cluster}, {"sql", util::redact(step.sql)}});
  }
  return plan;
}

json notes_json(const TableReport& table) {
  json notes = json::array();
  for (const auto& note : table.notes) {
    notes.push_back(util::redact(note));
  }
  return notes;
}

json differences_json(const TableReport& table) {
  json out = json::array();
  for (const PartitionFinding& finding : table.differences) {
    json keys = json::array();
    for (const KeyFinding& key : finding.keys) {
      keys.push_back({{"kind", key.kind},
                      {"key", util::redact(key.key)},
                      {"source_copies", key.source_copies},
                      {"target_copies", key.target_copies}});
    }
    json ranges = json::array();
    for (const RangeFinding& range : finding.ranges) {
      ranges.push_back({{"range", util::redact(range.range)},
                        {"source_rows", range.source_rows},
                        {"target_rows", range.target_rows}});
    }
    out.push_back({{"partition", finding.partition},
                   {"state", finding.state},
                   {"source_rows", count_or_null(finding.source_rows)},
                   {"target_rows", count_or_null(finding.target_rows)},
                   {"keys", keys},
                   {"ranges", ranges},
                   {"complete", finding.complete},
                   {"note", util::redact(finding.note)}});
  }
  return out;
}

json table_json(const TableReport& table) {
  return {
      {"table", util::redact(table.table)},
      {"target_table", util::redact(table.target_table.empty() ? table.table : table.target_table)},
      {"outcome", table.outcome},
      {"summary", util::redact(table.summary)},
      {"notes", notes_json(table)},
      {"plan", plan_json(table)},
      {"mode", table.mode},
      {"status", runner::to_string(table.status)},
      {"source_rows", count_or_null(table.source_rows)},
      {"target_rows", count_or_null(table.target_rows)},
      {"partitions_audited", table.partitions_audited},
      {"partitions_rewritten", table.partitions_rewritten},
      {"elapsed_ms", table.elapsed.count()},
      {"error", util::redact(table.error)},
      {"recommended_mode", table.recommended_mode},
      {"differences", differences_json(table)}};
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
  return {{"tables", report.tables.size()},
          {"tasks", report.tasks.size()},
          {"status_counts", counts},
          {"rows_moved", rows_moved(report)}};
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
  json document = {{"schema_version", RunReport::k_schema_version},
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
  if (!report.error.empty()) {
    document["error"] = report.error; // the run stopped before any table's report
  }
  return document;
}

void write_json_report(const RunReport& report, const std::string& path) {
  // Serialised before any file is touched; text that is not UTF-8 (a server message in another
  // encoding) is replaced with U+FFFD instead of costing the whole report.
  const std::string text =
      report_to_json(report).dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  write_file_atomically(path, text, "the -json report");
}

} // namespace exl::report
