#pragma once

#include <optional>
#include <string>
#include <string_view>

// The two progress reports scs writes to log/sync.INFO.log every report_interval_seconds
// (docs: administration/data_migration_tool.md, "View the migration progress"). The docs name
// the fields and show the lines only as a picture, so the parser reads `name: number` pairs after
// the report's title whatever the spacing, separators and order, and ignores what it does not
// know; a line it cannot read is nullopt (kept in the log, never fatal).
namespace exl::scs {

// `Sync job progress`: jobs of the current check cycle (100% means "caught up in this cycle").
struct JobProgress {
  double percent = 0;  // the title's percentage; computed from finished/total when absent
  long long total = 0; // every job of this cycle
  long long ddl_pending = 0;
  long long job_pending = 0;
  long long sent = 0;
  long long running = 0;
  long long finished = 0;
  long long failed = 0; // failed jobs are re-sent by scs
  long long unknown = 0;
  bool idle() const { return ddl_pending == 0 && job_pending == 0 && sent == 0 && running == 0; }
};

// `Sync table progress`: tables synced at least once (finished), never (unfinished), behind the
// source now (expired).
struct TableProgress {
  double finished_ratio = 0; // percent
  double expired_ratio = 0;  // percent
  long long total = 0;
  long long finished = 0;
  long long unfinished = 0;
  long long expired = 0;
};

std::optional<JobProgress> parse_job_progress(std::string_view line);
std::optional<TableProgress> parse_table_progress(std::string_view line);

// One line for the console and Feishu: `scs: jobs 62.5% (8 total: 5 finished, 2 running, ...)`.
std::string describe(const JobProgress& jobs);
std::string describe(const TableProgress& tables);

} // namespace exl::scs
