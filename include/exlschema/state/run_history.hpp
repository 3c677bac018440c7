#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// What `exlSchema history` reads back from the state store (StateStore's queries).
namespace exl::state {

// Selects tables by their `db.table` name; an empty function selects every table.
using TableFilter = std::function<bool(std::string_view table)>;

// One past run, as the overview shows it. With a TableFilter the counts cover only the
// selected tables.
struct RunSummary {
  std::string run_id;
  std::string command_line; // redacted
  std::string mode;
  std::string source; // alias
  std::string target; // alias
  bool dry_run = true;
  bool finished = false; // false: still running, or the process died before finishing
  std::chrono::system_clock::time_point start{};
  std::optional<std::chrono::system_clock::time_point> end;
  std::optional<int> exit_code;
  int tables_total = 0;
  int tables_ok = 0;
  int tables_failed = 0;                  // failed, inconsistent or cancelled
  std::optional<std::int64_t> rows_moved; // nullopt: no task reported a row count
};

// One table in one past run.
struct TableRun {
  std::string run_id;
  std::chrono::system_clock::time_point run_start{};
  std::string mode;
  bool dry_run = true;
  bool run_finished = false;
  std::string table;        // `db.table` on the source
  std::string target_table; // `db.table` on the target (the same unless renamed)
  std::string status;       // runner::to_string(TaskStatus): ok, failed, inconsistent, ...
  std::optional<std::int64_t> rows_moved;
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  int partitions_audited = 0;
  int partitions_rewritten = 0;
  std::chrono::milliseconds elapsed{0};
  std::string error;   // redacted reason when it failed
  std::string outcome; // one word: created, equal, loaded, ...
  std::string recommended_mode;
};

} // namespace exl::state
