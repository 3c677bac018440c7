#pragma once

#include "exlschema/modes/mode.hpp"
#include "modes/load_sender.hpp"
#include "modes/partition_loads.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What -o mysql, -o starrocks and -o pipe share (PRODUCT.md §4.3/§4.4/§4.10, issues #12, #14):
// the table is copied through a temporary external table (TablePlan::temps; pipe: through this
// host), one task per partition (one per table when it is unpartitioned), and audited on both
// sides afterwards.
//
// Which partitions a run loads, and how:
// - a table the run creates, or an existing one that holds no rows (in the -p partitions): every
//   source partition is appended (INSERT INTO); with -where, only those rows;
// - a target that holds rows: refused, nothing written, unless -truncate (emptied first, the
//   -p partitions only with -p) or the run is an incremental round (a later round of a run
//   without -i, or a run without -i of a table an earlier run copied: the history says the rows
//   are this copy's). An incremental round audits both sides and replaces each partition that
//   differs atomically; a partition missing on the target is loaded with -add (range/list; an
//   automatic partition is created by its load); target-only partitions are kept and noted.
// The modes differ in where the external table lives and how a partition is written through it.
namespace exl::modes {

class ExternalCopyMode : public Mode {
public:
  explicit ExternalCopyMode(std::string_view name) : m_name(name) {}

  const ModeInfo& info() const override;
  TablePlan plan_table(RunContext& ctx, const TableJob& job) override;
  runner::TaskResult run_task(RunContext& ctx, const TablePlan& table,
                              const TaskPlan& task) override;
  void verify_table(RunContext& ctx, const TablePlan& plan,
                    report::TableReport& table_report) override;

protected:
  // A reason `model` cannot go through this mode's external table (a column type, a partition
  // type), else nullopt; the table is then refused with `alternative()` recommended.
  virtual std::optional<std::string> unsupported(const RunContext& ctx,
                                                 const starrocks::TableModel& model) const = 0;
  virtual std::string alternative() const = 0;

  // The external table the table's loads go through (its CREATE and DROP); nullopt for a mode
  // that needs none (pipe).
  virtual std::optional<TempObject> external_table(const RunContext& ctx, const TableJob& job,
                                                   const starrocks::TableModel& model) const = 0;

  // The steps that write `load` into the target: appended to an empty partition (`replace`
  // false), or replacing the partition's rows atomically (`replace` true).
  virtual std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                            const PartitionLoad& load, bool replace) const = 0;

  // The key ranges `load` is cut into, one load each (PartitionLoad::ranges); empty: one load.
  // An append of a cut partition is one task per range (-thread of them at once); a replacement
  // loads every range into the temporary partition before the one REPLACE.
  virtual std::vector<std::string> unit_ranges(RunContext&, const TablePlan&,
                                               const PartitionLoad&) const {
    return {};
  }

  // Whether a load can create a missing automatic partition itself (INSERT INTO on the target
  // does; a write through an OLAP external table cannot, so the partition is added first).
  virtual bool loads_create_partitions() const { return true; }

  // A reason this mode cannot replace a partition of `model` atomically, else nullopt; an
  // incremental round of such a table is then refused (nothing written).
  virtual std::optional<std::string> replace_refused(const RunContext&,
                                                     const starrocks::TableModel&) const {
    return std::nullopt;
  }

  // What the task of `load` must undo when it ends, whatever happened (TaskPlan::cleanup).
  virtual std::optional<Statement> task_cleanup(const RunContext&, const TablePlan&,
                                                const PartitionLoad&, bool /*replace*/) const {
    return std::nullopt;
  }

  // Sends one labelled step exactly once (LoadSender); the default sends a target load. Notes
  // for the table's report go into `result`.
  virtual LoadResult send_load_step(RunContext& ctx, const TablePlan& plan, const Statement& step,
                                    runner::TaskResult& result);

  // The external table of `job`: exl_tmp_<run>__<table>.
  std::string external_name(const RunContext& ctx, const TableJob& job) const;
  std::string_view name() const { return m_name; }

private:
  // The loads of one table and whether they replace partitions; notes for what is left out.
  void plan_loads(RunContext& ctx, TablePlan& plan, bool target_is_new);
  // Missing partitions are added in the structure phase, before the external table exists (so
  // its copy of the target's metadata has them): returns the loads without their ADD.
  PartitionLoad add_first(TablePlan& plan, PartitionLoad load) const;
  // The task(s) writing `load`: one, or one per key range of an append (unit_ranges).
  void add_tasks(RunContext& ctx, TablePlan& plan, PartitionLoad load, bool replace) const;
  bool incremental(const RunContext& ctx, const TableJob& job) const;

  std::string_view m_name;
};

} // namespace exl::modes
