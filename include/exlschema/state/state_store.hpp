#pragma once

#include "exlschema/report/run_report.hpp"
#include "exlschema/runner/task_result.hpp"
#include "exlschema/state/file_unit.hpp"
#include "exlschema/state/partition_version.hpp"
#include "exlschema/state/run_history.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

// The run history (PRODUCT.md §5b): a SQLite file recording every run, table, task and load
// label, and, for incremental rounds, the partition versions last seen equal. Several exlSchema
// processes may use one file at once (WAL journal, busy timeout, write transactions that take
// the lock up front), and several threads one StateStore (each call holds the store's mutex, so
// calls run one at a time on its single SQLite connection and a transaction is never
// interleaved with another thread's statements). Schema and concurrency: docs/history.md.
namespace exl::state {

// `$XDG_STATE_HOME/exlSchema/state.db` when XDG_STATE_HOME is set to an absolute path, else
// `$HOME/.local/state/exlSchema/state.db`. Throws exl::ConfigError when neither is set.
std::string default_state_path();

class StateStore {
public:
  // Opens `path`, creating it (mode 0600) and its missing parent directories (mode 0700), and
  // creates or migrates the schema. Throws exl::ConfigError (exit code 2) with one line naming
  // `path` when it cannot be created or opened, is a directory, is not a SQLite file, is corrupt,
  // is some other program's database, or was written by a newer exlSchema.
  explicit StateStore(const std::string& path);
  ~StateStore();
  StateStore(StateStore&&) noexcept;
  StateStore& operator=(StateStore&&) noexcept;
  StateStore(const StateStore&) = delete;
  StateStore& operator=(const StateStore&) = delete;

  [[nodiscard]] const std::string& path() const { return m_path; }

  // Records the start of a run from `header` (run_id, command_line, mode, source, target,
  // dry_run, start, and any tables already known) with status "running": a run whose process
  // dies stays visible as unfinished. Throws exl::FatalError on a write error or a second
  // begin_run of the same run id.
  void begin_run(const report::RunReport& header);

  // Records the end of `report`'s run in one transaction: end, exit code, every table (status,
  // counts, partitions audited / rewritten, elapsed, error, outcome, target table, rows moved as
  // the sum of its tasks) and every task (with its partitions and labels). Replaces whatever an
  // earlier begin_run / finish_run recorded for the run id, so it may be called after each
  // round; works without a begin_run. Throws exl::FatalError on a write error.
  void finish_run(const report::RunReport& report);

  // The last `limit` runs, newest first; with `filter` only runs that touched a selected table.
  std::vector<RunSummary> recent_runs(int limit, const TableFilter& filter = {});

  // Every table name any run recorded that `filter` selects, sorted.
  std::vector<std::string> tables(const TableFilter& filter = {});

  // The last `limit` runs of `table`, newest first.
  std::vector<TableRun> table_runs(const std::string& table, int limit);

  // The tables recorded for `run_id`, by name.
  std::vector<TableRun> run_tables(const std::string& run_id);

  // The tasks recorded for `run_id` in the order finish_run received them.
  std::vector<runner::TaskResult> run_tasks(const std::string& run_id);

  // Incremental rounds (issue #10): remembers `version` for `copy` (insert or replace by
  // partition name), reads one back, reads all of a table, or forgets a table's (after it was
  // recreated or truncated). Throw exl::FatalError on a database error.
  void put_partition_version(const TableCopy& copy, const PartitionVersion& version);
  std::optional<PartitionVersion> partition_version(const TableCopy& copy,
                                                    const std::string& partition);
  std::vector<PartitionVersion> partition_versions(const TableCopy& copy);
  void forget_partition_versions(const TableCopy& copy);

  // One audit's outcome in one transaction: remembers each of `versions` (insert or replace by
  // partition name) and forgets the partitions named in `forget` (found different, or gone).
  // Throws exl::FatalError on a database error; then nothing is changed.
  void record_partition_versions(const TableCopy& copy,
                                 const std::vector<PartitionVersion>& versions,
                                 const std::vector<std::string>& forget);

  // `-o files` (issue #17): the units on their way through object storage (file_unit.hpp).
  // put_file_unit inserts or replaces by unit name; forget_file_units removes the named ones.
  void put_file_unit(const TableCopy& copy, const FileUnit& unit);
  std::optional<FileUnit> file_unit(const TableCopy& copy, const std::string& unit);
  std::vector<FileUnit> file_units(const TableCopy& copy);
  void forget_file_units(const TableCopy& copy, const std::vector<std::string>& units);
  // Forgets every unit whose export or load URL starts with `url_prefix` (its objects were
  // removed by `clean`).
  void forget_file_units_under(const std::string& url_prefix);

  // The schema version this build writes (SQLite user_version).
  static constexpr int k_schema_version = 4;

  struct Impl; // src/state's business (state_store_impl.hpp)

private:
  std::string m_path;
  std::unique_ptr<Impl> m_impl;
};

} // namespace exl::state
