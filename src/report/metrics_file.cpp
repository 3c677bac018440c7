#include "exlschema/report/metrics_file.hpp"

#include "exlschema/report/atomic_file.hpp"
#include "exlschema/report/run_totals.hpp"
#include "exlschema/util/redact.hpp"
#include "exlschema/util/utf8.hpp"
#include "report/prometheus_text.hpp"

#include <array>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

namespace exl::report {
namespace {

using prom::Labels;
using runner::TaskStatus;

constexpr std::string_view k_run_last_success = "exlschema_last_success_timestamp_seconds";
constexpr std::string_view k_table_last_success = "exlschema_table_last_success_timestamp_seconds";

constexpr std::array k_statuses{
    TaskStatus::Succeeded, TaskStatus::Failed,  TaskStatus::Inconsistent, TaskStatus::Skipped,
    TaskStatus::Cancelled, TaskStatus::Pending, TaskStatus::Running};

// The partition states of a difference (report words, audit::state_name) and their label values.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_difference_states{{
    {"count differs", "count_differs"},
    {"content differs", "content_differs"},
    {"missing on target", "missing_on_target"},
    {"target only", "target_only"},
}};

double epoch_seconds(std::chrono::system_clock::time_point at) {
  return std::chrono::duration<double>(at.time_since_epoch()).count();
}

double span_seconds(std::chrono::system_clock::time_point from,
                    std::chrono::system_clock::time_point to) {
  return to > from ? std::chrono::duration<double>(to - from).count() : 0.0;
}

// One table of the report with what its samples need.
struct TableRow {
  const TableReport* report = nullptr;
  std::string name; // `db.table` as on the source, redacted, valid UTF-8
  Labels labels;
  long long rows_moved = 0;
};

Labels run_labels(const RunReport& report, const MetricsJob& job) {
  return {{"job_key", job.job_key},
          {"source", report.source},
          {"target", report.target},
          {"mode", report.mode}};
}

// `db.table` split at its first dot: database names hold no dot (docs/names.md), table names may.
std::pair<std::string, std::string> split_name(const std::string& name) {
  const auto dot = name.find('.');
  return dot == std::string::npos ? std::pair{name, std::string()}
                                  : std::pair{name.substr(0, dot), name.substr(dot + 1)};
}

// Every table once (node_exporter refuses a file with two samples of one series).
std::vector<TableRow> table_rows(const RunReport& report, const Labels& base) {
  const std::map<std::string, std::int64_t> rows = rows_moved_per_table(report);
  std::vector<TableRow> out;
  std::set<std::string, std::less<>> seen;
  for (const TableReport& table : report.tables) {
    TableRow row{&table, util::valid_utf8(util::redact(table.table)), base, 0};
    if (!seen.insert(row.name).second) {
      continue;
    }
    const auto [db, name] = split_name(row.name);
    row.labels.emplace_back("db", db);
    row.labels.emplace_back("table", name);
    const auto moved = rows.find(table.table);
    row.rows_moved = moved == rows.end() ? 0 : moved->second;
    out.push_back(std::move(row));
  }
  return out;
}

Labels with(Labels labels, std::string name, std::string value) {
  labels.emplace_back(std::move(name), std::move(value));
  return labels;
}

void run_metrics(prom::Exposition& out, const RunReport& report, const Labels& labels,
                 const LastSuccess& previous) {
  const auto one = [&](std::string_view name, std::string_view help, const std::string& value) {
    out.gauge(name, help);
    out.sample(name, labels, value);
  };
  one("exlschema_run_start_timestamp_seconds", "When the run started (Unix time).",
      prom::seconds(epoch_seconds(report.start)));
  one("exlschema_run_end_timestamp_seconds",
      "When the run, or the round of this file, ended (Unix time).",
      prom::seconds(epoch_seconds(report.end)));
  one("exlschema_run_duration_seconds", "Seconds from the run's start to the end of this file.",
      prom::seconds(span_seconds(report.start, report.end)));
  one("exlschema_run_round", "The incremental round this file closes (1 for a one-time run).",
      prom::number(report.round));
  one("exlschema_run_round_duration_seconds", "Seconds the round of this file took.",
      prom::seconds(
          span_seconds(report.round == 0 ? report.start : report.round_start, report.end)));
  one("exlschema_run_exit_code", "The exit code of the run (of the round, for a round).",
      prom::number(report.exit_code));
  one("exlschema_run_tables", "Tables (and views) the run covered.",
      prom::number(static_cast<long long>(report.tables.size())));
  out.gauge("exlschema_run_tables_by_status", "Tables of the run per final status.");
  for (const TaskStatus status : k_statuses) {
    long long n = 0;
    for (const TableReport& table : report.tables) {
      n += table.status == status ? 1 : 0;
    }
    out.sample("exlschema_run_tables_by_status", with(labels, "status", runner::to_string(status)),
               prom::number(n));
  }
  one("exlschema_run_rows_moved", "Rows the run's tasks loaded into the target.",
      prom::number(rows_moved(report)));
  const double last = report.exit_code == 0 ? epoch_seconds(report.end) : previous.run.value_or(0);
  one(k_run_last_success, "End of the job's last run or round that exited 0 (0: none known).",
      prom::seconds(last));
}

// One family over every table; `value` answers nullopt for a table without a sample (a count
// that is not known).
void per_table(prom::Exposition& out, const std::vector<TableRow>& rows, std::string_view name,
               std::string_view help,
               const std::function<std::optional<std::string>(const TableRow&)>& value) {
  out.gauge(name, help);
  for (const TableRow& row : rows) {
    if (const auto v = value(row)) {
      out.sample(name, row.labels, *v);
    }
  }
}

std::optional<std::string> count(const std::optional<std::int64_t>& value) {
  return value ? std::optional(prom::number(*value)) : std::nullopt;
}

void table_counts(prom::Exposition& out, const std::vector<TableRow>& rows) {
  per_table(out, rows, "exlschema_table_rows_moved", "Rows the run loaded into the table.",
            [](const TableRow& r) { return prom::number(r.rows_moved); });
  per_table(out, rows, "exlschema_table_source_rows", "Rows on the source at the final audit.",
            [](const TableRow& r) { return count(r.report->source_rows); });
  per_table(out, rows, "exlschema_table_target_rows", "Rows on the target at the final audit.",
            [](const TableRow& r) { return count(r.report->target_rows); });
  per_table(out, rows, "exlschema_table_partitions_audited", "Partitions the final audit compared.",
            [](const TableRow& r) { return prom::number(r.report->partitions_audited); });
  per_table(out, rows, "exlschema_table_partitions_rewritten",
            "Partitions the run wrote (overwrote or loaded).",
            [](const TableRow& r) { return prom::number(r.report->partitions_rewritten); });
  per_table(out, rows, "exlschema_table_duration_seconds", "Seconds the table took.",
            [](const TableRow& r) {
              return prom::seconds(std::chrono::duration<double>(r.report->elapsed).count());
            });
}

void table_states(prom::Exposition& out, const std::vector<TableRow>& rows) {
  out.gauge("exlschema_table_partitions_differing",
            "Partitions that still differ after the run, per kind of difference.");
  for (const TableRow& row : rows) {
    for (const auto& [word, label] : k_difference_states) {
      long long n = 0;
      for (const PartitionFinding& finding : row.report->differences) {
        n += finding.state == word ? 1 : 0;
      }
      out.sample("exlschema_table_partitions_differing",
                 with(row.labels, "state", std::string(label)), prom::number(n));
    }
  }
  out.gauge("exlschema_table_status", "1 for the table's final status, 0 for the others.");
  for (const TableRow& row : rows) {
    for (const TaskStatus status : k_statuses) {
      out.sample("exlschema_table_status", with(row.labels, "status", runner::to_string(status)),
                 prom::number(row.report->status == status ? 1 : 0));
    }
  }
}

void table_metrics(prom::Exposition& out, const RunReport& report,
                   const std::vector<TableRow>& rows, const LastSuccess& previous) {
  table_counts(out, rows);
  table_states(out, rows);
  per_table(out, rows, k_table_last_success,
            "End of the last run or round in which the table ended ok (0: none known).",
            [&](const TableRow& r) {
              if (r.report->status == TaskStatus::Succeeded) {
                return prom::seconds(epoch_seconds(report.end));
              }
              const auto found = previous.tables.find(r.name);
              return prom::seconds(found == previous.tables.end() ? 0.0 : found->second);
            });
}

} // namespace

LastSuccess parse_last_success(std::string_view text) {
  LastSuccess out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    const auto sample = prom::parse_sample(line);
    if (!sample) {
      continue;
    }
    if (sample->name == k_run_last_success) {
      out.run = sample->value;
    } else if (sample->name == k_table_last_success && sample->labels.contains("db") &&
               sample->labels.contains("table")) {
      const std::string& table = sample->labels.at("table");
      out.tables[sample->labels.at("db") + (table.empty() ? "" : "." + table)] = sample->value;
    }
  }
  return out;
}

LastSuccess read_last_success(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_last_success(text.str());
}

std::string render_metrics(const RunReport& report, const MetricsJob& job,
                           const LastSuccess& previous) {
  prom::Exposition out;
  const Labels labels = run_labels(report, job);
  run_metrics(out, report, labels, previous);
  table_metrics(out, report, table_rows(report, labels), previous);
  return out.text();
}

void write_metrics_file(const RunReport& report, const std::string& path, const MetricsJob& job,
                        const LastSuccess& previous) {
  write_file_atomically(path, render_metrics(report, job, previous), "the -metrics file");
}

} // namespace exl::report
