#pragma once

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "modes/load_sender.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What the JDBC-catalog modes (v1-v5) load, and the statements that load it: one partition's
// exact predicate on the source, the ADD PARTITION a missing one needs, batches of similar size,
// and the labelled INSERT that reads the source through the catalog.
namespace exl::modes {

struct RunContext;

struct PartitionLoad {
  std::string name;
  std::string predicate;          // exact, on the source's columns; empty: the whole table
  bool whole_table = false;       // the single partition of an unpartitioned table
  bool created_by_load = false;   // a missing automatic partition: INSERT INTO creates it
  std::optional<std::string> add; // ALTER TABLE .. ADD PARTITION to run before loading
  std::uint64_t bytes = 0;        // the source partition's data size (SHOW PARTITIONS)
  // The source partition's rows: the audit's count where it counted them, else SHOW
  // PARTITIONS' RowCount (an estimate, absent on old releases); the ETA only.
  std::optional<std::int64_t> rows;
  starrocks::PartitionBounds bounds; // the source partition's bounds (a temporary twin's too)
  // The key ranges the rows are sent in, one labelled load each (predicates on the source's
  // columns, ANDed to `predicate`; every row satisfies exactly one); empty: one load of all rows.
  std::vector<std::string> ranges;
  // The source partition's PartitionId and VisibleVersion (SHOW PARTITIONS), when shown: -o files
  // reuses an earlier export only while both are unchanged.
  std::optional<std::int64_t> source_id;
  std::optional<std::int64_t> source_version;
};

// The source partitions of `job` (SHOW PARTITIONS on the source, reads only), in order, with
// their exact predicates; `only` (the -p names) keeps those. Throws std::runtime_error naming
// the reason when a predicate cannot be exact (the table is then refused, never guessed).
struct SourcePartitions {
  std::vector<starrocks::PartitionInfo> partitions;
  std::vector<starrocks::PartitionColumn> columns;
};
SourcePartitions read_source_partitions(RunContext& ctx, const TableJob& job,
                                        const starrocks::TableModel& model);

// A load of source partition `info`: its predicate from `columns`; `missing` on the target adds
// it first (range/list) or lets the load create it (automatic partitioning).
PartitionLoad partition_load(const TableJob& job, const starrocks::TableModel& model,
                             const std::vector<starrocks::PartitionColumn>& columns,
                             const starrocks::PartitionInfo& info, bool missing);

// The rows of `loads` together; nullopt when one of them has no known count.
std::optional<std::int64_t> total_rows(const std::vector<PartitionLoad>& loads);

// Groups `loads` into batches of at most `max_bytes` each (a bigger partition alone), in order;
// loads that create their partition are never batched with overwrites (INSERT INTO vs OVERWRITE).
std::vector<std::vector<PartitionLoad>> batch_by_size(const std::vector<PartitionLoad>& loads,
                                                      std::uint64_t max_bytes);

// Expression or column-list partitioning: partitions are created by the loads themselves
// (StarRocks refuses ADD PARTITION on them).
bool automatic_partitions(const starrocks::TableModel& model);

// -speed in bytes.
std::uint64_t speed_bytes(double speed_gb);

// The label of loading `partitions` of `job` (names.hpp make_label) in this run's round:
// ctx.round plus the earlier runs of the table (RunContext::earlier_runs).
std::string load_label(const RunContext& ctx, const TableJob& job,
                       const std::vector<std::string>& partitions);

// INSERT [INTO|OVERWRITE] target [PARTITION (..)] WITH LABEL l (cols) SELECT cols FROM `from`
// WHERE (p1) OR (p2) ...: the loads of one task, reading the source's rows from `from` (the
// source table through a JDBC catalog, or a MYSQL external table on the target). `append` (a
// first load) makes it INSERT INTO; `extra_where` (-where) is ANDed in.
Statement load_statement(const RunContext& ctx, const TableJob& job,
                         const starrocks::TableModel& model, const starrocks::TableRef& from,
                         const std::vector<PartitionLoad>& loads, bool append,
                         std::string_view extra_where = {});

// The source table of `job` as seen through `catalog` on the target.
starrocks::TableRef through_catalog(std::string_view catalog, const TableJob& job);

// `load` with a label no earlier run has applied (looked up on the target, where the label lives
// also for a write through an OLAP external table on the source): a label found applied
// before this run sent anything belongs to an earlier run that had the same round (one without this
// run's history, e.g. another state file), so the statement gets the next free label
// (`<label>_n<k>`). A label held by a load still running is kept: that is an earlier process's
// load of the same rows, and send() waits for it instead of loading them a second time.
Statement with_fresh_label(RunContext& ctx, Statement load, std::string_view database);
// The label itself: `label`, or the next free `<label>_n<k>` (for a load that is not SQL).
std::string fresh_label(RunContext& ctx, const std::string& label, std::string_view database);

// Sends a labelled load exactly once (LoadSender) after with_fresh_label.
LoadResult send_load(RunContext& ctx, const Statement& load, std::string_view database);

// The auditor's reads on `side`, through the gate.
audit::SideReader side_reader(RunContext& ctx, Side side);

// What the auditor needs for `job`: -p, the state store and the copy's key; `count_source` false
// for a target-only audit (v4/v5), `where` for v1's -where (then no cheap rounds: the store's
// counts are of whole partitions).
audit::AuditRequest audit_request(const RunContext& ctx, const TableJob& job,
                                  const starrocks::TableModel& model, bool count_source,
                                  const std::string& where = {});

// How many partitions the tasks of `plan` write (the report's "rewritten").
int task_partitions(const TablePlan& plan);

// "p1, p2, p3, p4, p5, ... (N)": at most `limit` names, then how many there are.
std::string name_sample(const std::vector<std::string>& names, std::size_t limit = 5);

// `db.table#p1,p2` (or `db.table` for a whole table), the task's name on the console.
std::string task_name(const TableJob& job, const std::vector<PartitionLoad>& loads);

} // namespace exl::modes
