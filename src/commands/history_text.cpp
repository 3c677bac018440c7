#include "commands/history_text.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <sstream>

namespace exl::commands {
namespace {

using Row = std::vector<std::string>;

// Writes `rows` (the first is the header) as aligned columns indented by `indent`; the columns
// in `right` are right-aligned (numbers) and the last column is never padded.
void write_rows(std::ostringstream& out, const std::vector<Row>& rows, const std::string& indent,
                const std::vector<bool>& right) {
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  for (const Row& row : rows) {
    std::string line = indent;
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string pad(widths[i] - row[i].size(), ' ');
      const bool last = i + 1 == row.size();
      line += (i == 0 ? "" : "  ") + (right[i] ? pad + row[i] : row[i] + (last ? "" : pad));
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << "\n";
  }
}

std::string mode_text(const std::string& mode, bool dry_run) {
  return dry_run ? mode + " (plan)" : mode;
}

std::string run_time(const state::RunSummary& run) {
  if (!run.end) {
    return "unfinished";
  }
  return report::format_duration(
      std::chrono::duration_cast<std::chrono::milliseconds>(*run.end - run.start));
}

Row run_row(const state::RunSummary& run) {
  return {util::redact(run.run_id),
          report::format_utc(run.start),
          mode_text(run.mode, run.dry_run),
          run.source + " -> " + run.target,
          run.exit_code ? std::to_string(*run.exit_code) : "-",
          std::to_string(run.tables_ok) + "/" + std::to_string(run.tables_failed),
          report::format_count(run.rows_moved),
          run_time(run)};
}

// What went wrong, with the recommended mode when the audit gave one; empty for a success.
std::string reason(const state::TableRun& run) {
  std::string text = util::redact(run.error);
  if (text.empty() && run.status != "ok" && !run.outcome.empty()) {
    text = run.outcome;
  }
  if (!run.recommended_mode.empty()) {
    text +=
        (text.empty() ? "" : " ") + std::string("(recommended: -o ") + run.recommended_mode + ")";
  }
  return text;
}

std::string table_status(const state::TableRun& run) {
  const bool unfinished = run.status == "pending" || run.status == "running";
  return unfinished && !run.run_finished ? "unfinished" : run.status;
}

Row table_row(const state::TableRun& run) {
  return {util::redact(run.run_id),
          report::format_utc(run.run_start),
          mode_text(run.mode, run.dry_run),
          table_status(run),
          report::format_count(run.rows_moved),
          std::to_string(run.partitions_rewritten) + "/" + std::to_string(run.partitions_audited),
          report::format_duration(run.elapsed),
          reason(run)};
}

void write_runs(std::ostringstream& out, const HistoryView& view) {
  std::vector<Row> rows{{"run", "start", "mode", "source -> target", "exit", "tables ok/failed",
                         "rows moved", "time"}};
  for (const auto& run : view.runs) {
    rows.push_back(run_row(run));
  }
  out << "Last " << view.runs.size() << " run(s)" << (view.filtered ? " touching -t" : "")
      << ", newest first:\n";
  write_rows(out, rows, "  ", {false, false, false, false, true, true, true, true});
}

void write_tables(std::ostringstream& out, const HistoryView& view) {
  out << "\nPer table, its last " << view.limit << " run(s):\n";
  for (const auto& table : view.tables) {
    out << "  " << util::redact(table.table) << "\n";
    std::vector<Row> rows{
        {"run", "start", "mode", "status", "rows moved", "rewritten/audited", "time", "reason"}};
    for (const auto& run : table.runs) {
      rows.push_back(table_row(run));
    }
    write_rows(out, rows, "    ", {false, false, false, false, true, true, true, false});
  }
}

} // namespace

std::string render_history_text(const HistoryView& view) {
  std::ostringstream out;
  out << "State store: " << view.state_path << "\n";
  if (view.runs.empty()) {
    out << (view.store_exists ? "No runs recorded"
                              : "No runs recorded yet (the file does not exist)")
        << (view.filtered && view.store_exists ? " for the tables of -t" : "") << ".\n";
    return out.str();
  }
  write_runs(out, view);
  if (!view.tables.empty()) {
    write_tables(out, view);
  }
  return out.str();
}

} // namespace exl::commands
