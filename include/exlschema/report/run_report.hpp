#pragma once

#include "exlschema/runner/task_result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The data of a run's report: filled by the runner and the modes, rendered by src/report (console
// table, JSON) and src/notify (Feishu card). Plain data, no behaviour.
namespace exl::report {

// One write of the plan: which cluster (alias) receives it and the statement, redacted.
struct PlannedStatement {
  std::string cluster;
  std::string sql;
};

// One row key that differs between the two sides (content verification, issue #11).
struct KeyFinding {
  std::string kind; // "only on source", "only on target", "content differs"
  std::string key;  // the key columns as `col`=value, redacted by the writer
  int source_copies = 0;
  int target_copies = 0;
};

// A key range bisection did not narrow down further (a bound was reached).
struct RangeFinding {
  std::string range; // e.g. "`id` > 100 AND `id` <= 200"
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
};

// A partition that differs: its state and, when bisected, where.
struct PartitionFinding {
  std::string partition;
  std::string state; // "count differs", "content differs", "missing on target", "target only"
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  std::vector<KeyFinding> keys;
  std::vector<RangeFinding> ranges;
  bool complete = false; // bisection listed every differing row
  std::string note;      // why it was not bisected or not completely, when so
};

struct TableReport {
  std::string table; // `db.table`
  std::string mode;  // e.g. `v2`
  runner::TaskStatus status = runner::TaskStatus::Pending;
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  int partitions_audited = 0;
  int partitions_rewritten = 0;
  std::chrono::milliseconds elapsed{0};
  std::string error;            // redacted reason when failed
  std::string recommended_mode; // e.g. `v4` when the audit says so; empty otherwise
  std::string target_table;     // `db.table` on the target when renamed; empty: same as `table`
  std::string outcome;          // one word: created, equal, differs, recreated, loaded, skipped...
  std::vector<std::string> notes;            // warnings and plan summary lines (redacted)
  std::string summary;                       // the plan's one line for this table
  std::vector<PlannedStatement> plan;        // every write, in the order it is (or would be) sent
  std::vector<PartitionFinding> differences; // content verification: each differing partition
};

struct RunReport {
  static constexpr int k_schema_version = 1;
  std::string run_id;
  std::string mode;
  std::string source;       // alias
  std::string target;       // alias
  std::string command_line; // argv joined, already redacted (no secret is ever on it anyway)
  bool dry_run = true;
  std::chrono::system_clock::time_point start{};
  std::chrono::system_clock::time_point end{};
  std::vector<TableReport> tables;
  std::vector<runner::TaskResult> tasks;
  int exit_code = 0;
  std::string error; // redacted reason when the run stopped before any table's report; else empty
  // The round this report closes (1 for a one-time run; 0: the run ended before its first
  // round) and when that round started (incremental runs: `start` is the run's start).
  int round = 0;
  std::chrono::system_clock::time_point round_start{};
};

} // namespace exl::report
