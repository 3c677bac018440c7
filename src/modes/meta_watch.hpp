#pragma once

#include "exlschema/audit/table_audit.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/scs/progress_line.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

// How `-o meta` decides that the data is in: each table audited natively on both clusters
// (audit::Auditor), and, since starrocks-cluster-sync replicates partitions at the source's
// version, their VisibleVersions compared too (docs/modes.md "-o meta").
namespace exl::modes {

struct RunContext;

struct MetaTableState {
  bool done = false; // every partition equal, at the source's version
  std::string lag;   // one line: "in sync (3 partitions, 1200 rows)", "behind: ..."
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  int partitions = 0;
  int equal_partitions = 0;
};

// Audits every table plan of `plans` (views and MVs hold no data of their own: skipped).
std::map<std::string, MetaTableState> audit_meta_tables(RunContext& ctx,
                                                        const std::vector<TablePlan>& plans);

// What scs's log said last, and how it moves: the watch's stall and failure rules.
struct ScsProgressTracker {
  std::optional<scs::JobProgress> jobs;
  std::optional<scs::TableProgress> tables;
  int failed_rises = 0; // consecutive reports whose `failed` rose while `finished` did not

  // Reads one log line; returns the console line to print when it was a progress report, and
  // sets `moved` when the report shows progress (more finished jobs or synced tables).
  std::optional<std::string> read(const std::string& line, bool& moved);
};

} // namespace exl::modes
