#include "commands/history_json.hpp"

#include "exlschema/report/atomic_file.hpp"
#include "exlschema/report/format.hpp"
#include "exlschema/util/redact.hpp"

namespace exl::commands {
namespace {

using nlohmann::json;

json optional_count(const std::optional<std::int64_t>& count) {
  return count ? json(*count) : json(nullptr);
}

json run_json(const state::RunSummary& run) {
  json out{{"run_id", util::redact(run.run_id)},
           {"command_line", util::redact(run.command_line)},
           {"mode", run.mode},
           {"source", run.source},
           {"target", run.target},
           {"dry_run", run.dry_run},
           {"finished", run.finished},
           {"start", report::format_utc(run.start)},
           {"end", nullptr},
           {"elapsed_ms", nullptr},
           {"exit_code", run.exit_code ? json(*run.exit_code) : json(nullptr)},
           {"tables_total", run.tables_total},
           {"tables_ok", run.tables_ok},
           {"tables_failed", run.tables_failed},
           {"rows_moved", optional_count(run.rows_moved)}};
  if (run.end) {
    out["end"] = report::format_utc(*run.end);
    out["elapsed_ms"] =
        std::chrono::duration_cast<std::chrono::milliseconds>(*run.end - run.start).count();
  }
  return out;
}

json table_run_json(const state::TableRun& run) {
  return {{"run_id", util::redact(run.run_id)},
          {"start", report::format_utc(run.run_start)},
          {"mode", run.mode},
          {"dry_run", run.dry_run},
          {"run_finished", run.run_finished},
          {"target_table", util::redact(run.target_table)},
          {"status", run.status},
          {"outcome", run.outcome},
          {"rows_moved", optional_count(run.rows_moved)},
          {"source_rows", optional_count(run.source_rows)},
          {"target_rows", optional_count(run.target_rows)},
          {"partitions_audited", run.partitions_audited},
          {"partitions_rewritten", run.partitions_rewritten},
          {"elapsed_ms", run.elapsed.count()},
          {"error", util::redact(run.error)},
          {"recommended_mode", run.recommended_mode}};
}

} // namespace

json history_to_json(const HistoryView& view) {
  json runs = json::array();
  for (const auto& run : view.runs) {
    runs.push_back(run_json(run));
  }
  json tables = json::array();
  for (const auto& table : view.tables) {
    json table_runs = json::array();
    for (const auto& run : table.runs) {
      table_runs.push_back(table_run_json(run));
    }
    tables.push_back({{"table", util::redact(table.table)}, {"runs", std::move(table_runs)}});
  }
  return {{"schema_version", k_history_json_version},
          {"state_path", view.state_path},
          {"limit", view.limit},
          {"runs", std::move(runs)},
          {"tables", std::move(tables)}};
}

void write_history_json(const HistoryView& view, const std::string& path) {
  report::write_file_atomically(path, history_to_json(view).dump(2) + "\n", "-json");
}

} // namespace exl::commands
