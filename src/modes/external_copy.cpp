// -o mysql / -o starrocks: see external_copy.hpp. The audits count natively on each cluster
// (docs/audit.md); only the loads go through the external table.
#include "modes/external_copy.hpp"
#include "modes/content_check.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/structure.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"

#include <algorithm>

namespace exl::modes {
namespace {

using State = audit::PartitionState;

// One partition to write, and whether it replaces rows the target holds.
struct Write {
  PartitionLoad load;
  bool replace = false;
};

bool kept_as_equal(State state) {
  return state == State::Equal || state == State::EmptyOnBoth || state == State::TargetOnly;
}

} // namespace

const ModeInfo& ExternalCopyMode::info() const {
  return *find_mode(m_name);
}

std::string ExternalCopyMode::external_name(const RunContext& ctx, const TableJob& job) const {
  return starrocks::make_temp_name(ctx.options.run_id, job.target.table);
}

TablePlan ExternalCopyMode::plan_table(RunContext& ctx, const TableJob& job) {
  TablePlan plan = structure_table_plan(ctx, job);
  if (plan.refused || plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return plan; // views and materialized views: structure only, as ghost
  }
  if (const auto bad = unsupported(ctx, *plan.source_table)) {
    plan.refused =
        "-o " + std::string(m_name) + " cannot copy it: " + *bad + "; -o " + alternative() + " can";
    plan.recommended_mode = alternative();
    return plan;
  }
  try {
    plan_loads(ctx, plan, plan.outcome == "created" || plan.outcome == "recreated");
  } catch (const runner::CancelledError&) {
    throw;
  } catch (const std::exception& e) {
    plan.refused = e.what();
  }
  if (!plan.refused && !plan.tasks.empty()) {
    if (auto temp = external_table(ctx, plan.job, *plan.source_table)) {
      plan.temps.push_back(std::move(*temp));
    }
  }
  return plan;
}

// Later rounds of a run without -i, and a run without -i of a table this copy loaded before.
bool ExternalCopyMode::incremental(const RunContext& ctx, const TableJob& job) const {
  if (ctx.options.once) {
    return false;
  }
  const auto earlier = ctx.earlier_runs.find(job.name());
  return ctx.round > 1 || (earlier != ctx.earlier_runs.end() && earlier->second > 0);
}

void ExternalCopyMode::plan_loads(RunContext& ctx, TablePlan& plan, bool target_is_new) {
  const starrocks::TableModel& model = *plan.source_table;
  std::vector<Write> writes;
  std::vector<std::string> not_added;
  std::size_t audited = 0;
  bool replacing = false;
  if (target_is_new) { // range/list partitions exist from the CREATE; automatic ones: the load
    const SourcePartitions source = read_source_partitions(ctx, plan.job, model);
    for (const auto& partition : source.partitions) {
      writes.push_back(
          {partition_load(plan.job, model, source.columns, partition, automatic_partitions(model)),
           false});
    }
    audited = source.partitions.size();
  } else {
    const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
    // Target-only counts first: does the target hold rows (in the -p partitions) to protect?
    audit::AuditRequest request = audit_request(ctx, plan.job, model, false);
    request.store = nullptr;
    audit::TableAudit found = auditor.audit(request);
    const bool holds_rows = found.target_rows > 0;
    replacing = holds_rows && !ctx.options.truncate;
    if (replacing && !incremental(ctx, plan.job)) {
      plan.refused = "the target table already holds " + std::to_string(found.target_rows) +
                     " row(s), and INSERT INTO would add the source's rows to them (doubled "
                     "data); nothing was written. Add -truncate to empty it first (or run "
                     "without -i once a first copy is in, to replace the partitions that differ)";
      plan.recommended_mode = std::string(m_name) + " -truncate";
      return;
    }
    if (holds_rows && ctx.options.truncate) {
      plan.prepare.push_back(
          Statement{Side::Target,
                    starrocks::build_truncate(plan.job.target, ctx.options.partitions),
                    {},
                    true});
    }
    if (replacing) { // an incremental round: counts (or checksums) on both sides
      std::optional<starrocks::RowHash> hash;
      found = auditor.audit(content_request(ctx, plan.job, model, true, std::string(), hash));
    }
    audited = found.partitions.size();
    std::vector<std::string> target_only;
    for (const audit::PartitionAudit& p : found.partitions) {
      if (p.state == State::TargetOnly) {
        target_only.push_back(p.name);
        continue;
      }
      const bool missing = p.state == State::MissingOnTarget;
      if (!p.source || p.state == State::EmptyOnBoth || (replacing && kept_as_equal(p.state))) {
        continue;
      }
      if (missing && !automatic_partitions(model) && !ctx.options.add_partitions) {
        not_added.push_back(p.name);
        continue;
      }
      writes.push_back({partition_load(plan.job, model, found.columns, *p.source, missing),
                        replacing && !missing});
      writes.back().load.rows = p.source_rows ? p.source_rows : writes.back().load.rows;
    }
    if (!target_only.empty()) {
      plan.notes.push_back("kept " + std::to_string(target_only.size()) +
                           " partition(s) the source does not have: " + name_sample(target_only));
    }
  }
  const bool replaces =
      std::any_of(writes.begin(), writes.end(), [](const Write& write) { return write.replace; });
  if (const auto why = replaces ? replace_refused(ctx, model) : std::nullopt) {
    plan.refused =
        "-o " + std::string(m_name) + " cannot replace the partitions that differ: " + *why;
    plan.recommended_mode = alternative();
    return;
  }
  if (!not_added.empty()) {
    plan.notes.push_back("missing on the target, not loaded without -add: " +
                         name_sample(not_added));
  }
  for (const Write& write : writes) {
    add_tasks(ctx, plan, add_first(plan, write.load), write.replace);
  }
  const std::string what = std::to_string(writes.size()) + " of " + std::to_string(audited) +
                           " partition(s) to " + (replacing ? "replace or load" : "load");
  plan.summary = plan.summary.empty() ? what : plan.summary + "; " + what;
  if (replacing) {
    plan.outcome = writes.empty() && not_added.empty() ? "equal" : "repaired";
  } else if (!writes.empty()) {
    plan.outcome = "loaded";
  }
}

PartitionLoad ExternalCopyMode::add_first(TablePlan& plan, PartitionLoad load) const {
  if (load.created_by_load && !loads_create_partitions()) {
    const auto add = starrocks::build_add_source_partition(plan.job.target, load.name, load.bounds,
                                                           plan.source_table->partitioning);
    if (!add) {
      throw std::runtime_error(
          "partition " + load.name +
          " cannot be created on the target before its load: " + add.error().message());
    }
    load.add = add.value();
    load.created_by_load = false;
  }
  if (load.add) {
    plan.prepare.push_back(Statement{Side::Target, *load.add, {}, true});
    load.add.reset();
  }
  return load;
}

void ExternalCopyMode::add_tasks(RunContext& ctx, TablePlan& plan, PartitionLoad load,
                                 bool replace) const {
  load.ranges = unit_ranges(ctx, plan, load);
  // Ranges of a partition a load creates stay in one task: its first load creates it.
  const bool apart = load.ranges.size() > 1 && !replace && !load.created_by_load;
  const std::size_t count = apart ? load.ranges.size() : 1;
  for (std::size_t i = 0; i < count; ++i) {
    PartitionLoad unit = load;
    TaskPlan task;
    task.name = task_name(plan.job, {load});
    task.bytes = load.bytes;
    task.rows = load.rows;
    if (apart) {
      unit.ranges = {load.ranges[i]};
      task.name += " range " + std::to_string(i + 1) + "/" + std::to_string(count);
      task.bytes = load.bytes / count;
      // Rows per range are not known; an even share is the estimate the ETA needs.
      task.rows = load.rows
                      ? std::optional<std::int64_t>(*load.rows / static_cast<std::int64_t>(count))
                      : std::nullopt;
    }
    task.partitions = {load.name};
    task.steps = load_steps(ctx, plan, unit, replace);
    task.cleanup = task_cleanup(ctx, plan, unit, replace);
    plan.tasks.push_back(std::move(task));
  }
}

LoadResult ExternalCopyMode::send_load_step(RunContext& ctx, const TablePlan& plan,
                                            const Statement& step, runner::TaskResult&) {
  return send_load(ctx, step, plan.job.target.database);
}

runner::TaskResult ExternalCopyMode::run_task(RunContext& ctx, const TablePlan& table,
                                              const TaskPlan& task) {
  runner::TaskResult result;
  result.name = task.name;
  result.table = table.job.name();
  result.partitions = task.partitions;
  std::optional<TempGuard> cleanup;
  if (task.cleanup) {
    cleanup.emplace(ctx.temps, *task.cleanup);
  }
  for (const Statement& step : task.steps) {
    if (step.label.empty()) {
      ctx.gate.mutate(step);
      continue;
    }
    result.labels.push_back(step.label);
    const LoadResult load = send_load_step(ctx, table, step, result);
    result.rows_moved =
        result.rows_moved.value_or(0) + static_cast<std::int64_t>(load.exec.affected_rows);
  }
  result.status = runner::TaskStatus::Succeeded;
  return result;
}

void ExternalCopyMode::verify_table(RunContext& ctx, const TablePlan& plan,
                                    report::TableReport& table_report) {
  table_report.outcome = plan.outcome;
  table_report.recommended_mode = plan.recommended_mode;
  if (plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return;
  }
  restore_deferred(ctx, plan);
  table_report.partitions_rewritten = task_partitions(plan);
  // With -where (a one-time first load) both sides are counted through the same filter.
  const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
  std::optional<starrocks::RowHash> hash;
  const audit::TableAudit result = auditor.audit(
      content_request(ctx, plan.job, *plan.source_table, true, ctx.options.where, hash));
  table_report.partitions_audited = static_cast<int>(result.partitions.size());
  table_report.source_rows = result.source_rows;
  table_report.target_rows = result.target_rows;
  std::vector<std::string> differing;
  for (const audit::PartitionAudit& p : result.partitions) {
    if (!kept_as_equal(p.state)) {
      differing.push_back(p.name + " (" + audit::state_name(p.state) + ")");
    }
  }
  if (differing.empty()) {
    return;
  }
  table_report.status = runner::TaskStatus::Inconsistent;
  table_report.outcome = content_outcome(result);
  table_report.differences = findings_of(result);
  table_report.error = "after the run, partitions still differ: " + name_sample(differing);
  if (table_report.recommended_mode.empty()) {
    // A run without -i replaces the partitions that differ.
    table_report.recommended_mode = std::string(m_name);
  }
}

} // namespace exl::modes
