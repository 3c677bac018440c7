#include "exlschema/report/console_table.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

namespace exl::report {
namespace {

constexpr std::size_t k_columns = 8;
using Row = std::array<std::string, k_columns>;

const Row k_header{
    "table", "mode", "status", "outcome", "source rows", "target rows", "audited/rewritten",
    "time"};

// A plan-only run did nothing: its tables are "planned", not "ok".
std::string status_text(const RunReport& report, const TableReport& table) {
  if (report.dry_run && table.status == runner::TaskStatus::Succeeded) {
    return "planned";
  }
  return runner::to_string(table.status);
}

Row make_row(const RunReport& report, const TableReport& table) {
  return {util::redact(table.table),
          table.mode,
          status_text(report, table),
          table.outcome.empty() ? "-" : table.outcome,
          format_count(table.source_rows),
          format_count(table.target_rows),
          std::to_string(table.partitions_audited) + "/" +
              std::to_string(table.partitions_rewritten),
          format_duration(table.elapsed)};
}

// Text columns left-aligned, numbers right-aligned.
void write_row(std::ostringstream& out, const Row& row,
               const std::array<std::size_t, k_columns>& w) {
  for (std::size_t i = 0; i < k_columns; ++i) {
    const std::string pad(w[i] - row[i].size(), ' ');
    out << (i == 0 ? "" : "  ") << (i < 4 ? row[i] + pad : pad + row[i]);
  }
  out << "\n";
}

std::size_t count(const RunReport& report, runner::TaskStatus status) {
  return static_cast<std::size_t>(std::count_if(report.tables.begin(), report.tables.end(),
                                                [&](const auto& t) { return t.status == status; }));
}

std::string summary(const RunReport& report) {
  using runner::TaskStatus;
  const auto total =
      std::chrono::duration_cast<std::chrono::milliseconds>(report.end - report.start);
  std::ostringstream out;
  out << report.tables.size() << " table(s): " << count(report, TaskStatus::Succeeded) << " ok, "
      << count(report, TaskStatus::Failed) << " failed, " << count(report, TaskStatus::Inconsistent)
      << " inconsistent, " << count(report, TaskStatus::Skipped) << " skipped";
  if (const auto cancelled = count(report, TaskStatus::Cancelled); cancelled > 0) {
    out << ", " << cancelled << " cancelled";
  }
  out << "; total time " << format_duration(total);
  return out.str();
}

void write_problems(std::ostringstream& out, const RunReport& report) {
  for (const auto& table : report.tables) {
    if (table.error.empty() && table.recommended_mode.empty()) {
      continue;
    }
    out << "  " << util::redact(table.table) << ": "
        << util::redact(table.error.empty() ? "differs" : table.error);
    if (!table.recommended_mode.empty()) {
      out << " (recommended: -o " << table.recommended_mode << ")";
    }
    out << "\n";
  }
}

// What a table's run wants said beyond its row: a wait, a partition left out, a throttle pause.
void write_notes(std::ostringstream& out, const RunReport& report) {
  for (const auto& table : report.tables) {
    for (const auto& note : table.notes) {
      out << "  " << util::redact(table.table) << ": note: " << util::redact(note) << "\n";
    }
  }
}

} // namespace

std::string render_console_table(const RunReport& report) {
  std::vector<Row> rows{k_header};
  for (const auto& table : report.tables) {
    rows.push_back(make_row(report, table));
  }
  std::array<std::size_t, k_columns> widths{};
  for (const Row& row : rows) {
    for (std::size_t i = 0; i < k_columns; ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::ostringstream out;
  for (const Row& row : rows) {
    write_row(out, row, widths);
  }
  out << summary(report) << "\n";
  write_problems(out, report);
  write_notes(out, report);
  return out.str();
}

} // namespace exl::report
