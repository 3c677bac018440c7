// v2-v5: see repair_mode.hpp. Statements, in order:
//   target: CREATE EXTERNAL CATALOG `exl_src_<alias>` (with -a, once)
//   target: the structure statements (structure.hpp), then per task
//   target: ALTER TABLE .. ADD PARTITION IF NOT EXISTS (a missing range/list partition)
//   target: INSERT OVERWRITE t PARTITION (p) WITH LABEL l (cols) SELECT cols FROM
//           `exl_src_<alias>`.`db`.`t` WHERE <p's exact bounds>      (v2/v4)
//   target: SUBMIT TASK `exl_tmp_<run>__load_..` AS <that INSERT over a batch>, followed in
//           information_schema.task_runs, then DROP TASK                    (v3/v5)
// The counts of the audit run natively on each side (audit.hpp); the source itself only
// receives reads.
#include "modes/repair_mode.hpp"
#include "modes/content_check.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/source_catalog.hpp"
#include "exlschema/modes/structure.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/log.hpp"
#include "modes/async_load.hpp"
#include "modes/load_sender.hpp"
#include "modes/partition_loads.hpp"

#include <algorithm>

namespace exl::modes {
namespace {

constexpr int k_default_task_runs_concurrency = 4; // FE Config.task_runs_concurrency

std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                  std::string_view catalog,
                                  const std::vector<PartitionLoad>& loads) {
  std::vector<Statement> steps;
  for (const PartitionLoad& load : loads) {
    if (load.add) {
      steps.push_back(Statement{Side::Target, *load.add, {}, true});
    }
  }
  steps.push_back(load_statement(ctx, plan.job, *plan.source_table,
                                 through_catalog(catalog, plan.job), loads, false));
  return steps;
}

} // namespace

RepairMode::RepairMode(std::string_view name, RepairStyle style) : m_name(name), m_style(style) {}

const ModeInfo& RepairMode::info() const {
  return *find_mode(m_name);
}

std::vector<Statement> RepairMode::plan_run(RunContext& ctx) {
  SourceCatalog catalog = plan_source_catalog(ctx);
  m_catalog = catalog.name;
  for (const std::string& note : catalog.notes) {
    util::log().info("{}", note);
  }
  if (m_style.batched) {
    m_task_runs_limit = k_default_task_runs_concurrency;
    try {
      const db::ResultSet rs = ctx.gate.read(
          Side::Target, starrocks::build_show_frontend_config("task_runs_concurrency"));
      std::vector<starrocks::ResultRow> rows(rs.rows.begin(), rs.rows.end());
      if (const auto value =
              starrocks::parse_frontend_config_value(rs.columns, rows, "task_runs_concurrency")) {
        m_task_runs_limit = std::max(1, std::stoi(*value));
      }
    } catch (const std::exception& e) {
      util::log().warn("cannot read the target's task_runs_concurrency ({}); assuming {}", e.what(),
                       k_default_task_runs_concurrency);
    }
    if (ctx.options.threads > *m_task_runs_limit) {
      util::log().warn("-thread {} capped to {}: the target runs at most {} task runs at once "
                       "(task_runs_concurrency, shared with materialized-view refreshes)",
                       ctx.options.threads, *m_task_runs_limit, *m_task_runs_limit);
    }
  }
  std::vector<Statement> out;
  if (catalog.create) {
    out.push_back(*catalog.create);
  }
  return out;
}

int RepairMode::task_concurrency(const RunContext& ctx) const {
  return m_task_runs_limit ? std::min(ctx.options.threads, *m_task_runs_limit)
                           : ctx.options.threads;
}

TablePlan RepairMode::plan_table(RunContext& ctx, const TableJob& job) {
  TablePlan plan = structure_table_plan(ctx, job);
  if (plan.refused || plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return plan; // views and materialized views: structure only, as ghost
  }
  if (const auto bad = starrocks::jdbc_unreadable_column(*plan.source_table)) {
    plan.refused = "-o " + std::string(m_name) + " cannot copy it: " + *bad +
                   "; -o starrocks copies every column type";
    plan.recommended_mode = "starrocks";
    return plan;
  }
  const bool target_is_new = plan.outcome == "created" || plan.outcome == "recreated";
  try {
    plan_loads(ctx, plan, target_is_new);
  } catch (const runner::CancelledError&) {
    throw;
  } catch (const std::exception& e) {
    plan.refused = e.what();
  }
  return plan;
}

void RepairMode::plan_loads(RunContext& ctx, TablePlan& plan, bool target_is_new) {
  const starrocks::TableModel& model = *plan.source_table;
  std::vector<PartitionLoad> loads;
  std::vector<std::string> missing_not_added;
  std::vector<std::string> target_only;
  std::size_t audited = 0;
  if (target_is_new) { // every partition the CREATE TABLE made (automatic ones: the load makes)
    const SourcePartitions source = read_source_partitions(ctx, plan.job, model);
    for (const auto& partition : source.partitions) {
      loads.push_back(
          partition_load(plan.job, model, source.columns, partition, automatic_partitions(model)));
    }
    audited = source.partitions.size();
  } else {
    const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
    std::optional<starrocks::RowHash> hash;
    const audit::TableAudit result = auditor.audit(
        content_request(ctx, plan.job, model, m_style.audit_source, std::string(), hash));
    audited = result.partitions.size();
    for (const audit::PartitionAudit& p : result.partitions) {
      using State = audit::PartitionState;
      if (p.state == State::TargetOnly) {
        target_only.push_back(p.name);
        continue;
      }
      // v4/v5's target-only audit counts the source only where the target holds no rows, so
      // Differs there means "rows on the source, none on the target".
      const bool missing = p.state == State::MissingOnTarget;
      const bool needed = p.state == State::Differs || p.state == State::ContentDiffers || missing;
      if (!needed || !p.source) {
        continue;
      }
      if (missing && m_style.audit_source && !ctx.options.add_partitions) {
        missing_not_added.push_back(p.name);
        continue;
      }
      loads.push_back(partition_load(plan.job, model, result.columns, *p.source, missing));
      loads.back().rows = p.source_rows ? p.source_rows : loads.back().rows;
    }
  }
  if (!target_only.empty() && m_style.audit_source) {
    plan.recommended_mode = m_style.batched ? "v5" : "v4";
    plan.refused = "the target holds partitions the source does not have (" +
                   name_sample(target_only) + "): -o " + std::string(m_name) +
                   " copies a table exactly and would never find it equal; -o " +
                   plan.recommended_mode + " loads what the target lacks and keeps them";
    return;
  }
  if (!target_only.empty()) {
    plan.notes.push_back("kept " + std::to_string(target_only.size()) +
                         " target-only partition(s): " + name_sample(target_only));
  }
  if (!missing_not_added.empty()) {
    plan.notes.push_back("missing on the target, not loaded without -add: " +
                         name_sample(missing_not_added));
  }
  if (m_style.batched) {
    for (const auto& batch : batch_by_size(loads, speed_bytes(ctx.options.speed_gb))) {
      TaskPlan task;
      task.name = task_name(plan.job, batch);
      for (const PartitionLoad& load : batch) {
        task.partitions.push_back(load.name);
        task.bytes += load.bytes;
      }
      task.rows = total_rows(batch);
      task.steps = load_steps(ctx, plan, m_catalog, batch);
      task.async_name = starrocks::make_temp_name(
          ctx.options.run_id, "load_" + starrocks::stable_hash_hex(task.steps.back().label));
      plan.tasks.push_back(std::move(task));
    }
  } else {
    for (const PartitionLoad& load : loads) {
      TaskPlan task;
      task.name = task_name(plan.job, {load});
      task.partitions = {load.name};
      task.bytes = load.bytes;
      task.rows = load.rows;
      task.steps = load_steps(ctx, plan, m_catalog, {load});
      plan.tasks.push_back(std::move(task));
    }
  }
  const std::string what =
      std::to_string(loads.size()) + " of " + std::to_string(audited) + " partition(s) to load";
  plan.summary = plan.summary.empty() ? what : plan.summary + "; " + what;
  if (target_is_new) {
    plan.outcome = loads.empty() ? plan.outcome : "loaded";
  } else {
    plan.outcome = loads.empty() && missing_not_added.empty() ? "equal" : "repaired";
  }
}

runner::TaskResult RepairMode::run_task(RunContext& ctx, const TablePlan& table,
                                        const TaskPlan& task) {
  runner::TaskResult result;
  result.name = task.name;
  result.table = table.job.name();
  result.partitions = task.partitions;
  for (const Statement& step : task.steps) {
    if (step.label.empty()) {
      ctx.gate.mutate(step);
      continue;
    }
    result.labels.push_back(step.label);
    if (task.async_name.empty()) {
      const LoadResult load = send_load(ctx, step, table.job.target.database);
      result.rows_moved = static_cast<std::int64_t>(load.exec.affected_rows);
    } else {
      run_async_load(ctx, table.job.target.database, task.async_name,
                     with_fresh_label(ctx, step, table.job.target.database));
    }
  }
  result.status = runner::TaskStatus::Succeeded;
  return result;
}

void RepairMode::verify_table(RunContext& ctx, const TablePlan& plan,
                              report::TableReport& table_report) {
  table_report.outcome = plan.outcome;
  table_report.recommended_mode = plan.recommended_mode;
  if (plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return;
  }
  restore_deferred(ctx, plan);
  const int rewritten = task_partitions(plan);
  table_report.partitions_rewritten = rewritten;
  const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
  std::optional<starrocks::RowHash> hash;
  const audit::TableAudit result = auditor.audit(content_request(
      ctx, plan.job, *plan.source_table, m_style.audit_source, std::string(), hash));
  table_report.partitions_audited = static_cast<int>(result.partitions.size());
  table_report.target_rows = result.target_rows;
  if (m_style.audit_source) {
    table_report.source_rows = result.source_rows;
  }
  std::vector<std::string> differing;
  for (const audit::PartitionAudit& p : result.partitions) {
    const bool ok = p.state == audit::PartitionState::Equal ||
                    p.state == audit::PartitionState::EmptyOnBoth ||
                    (!m_style.audit_source && p.state == audit::PartitionState::TargetOnly);
    if (!ok) {
      differing.push_back(p.name + " (" + audit::state_name(p.state) + ")");
    }
  }
  std::vector<report::PartitionFinding> findings = findings_of(result);
  std::string outcome = content_outcome(result);
  if (!m_style.audit_source && ctx.options.checksum && rewritten > 0) {
    // v4/v5 never compare a partition the target holds rows of; with -checksum the partitions
    // this run loaded are compared on both sides, by content.
    std::vector<std::string> loaded;
    for (const TaskPlan& task : plan.tasks) {
      loaded.insert(loaded.end(), task.partitions.begin(), task.partitions.end());
    }
    std::optional<starrocks::RowHash> both;
    const audit::TableAudit check = auditor.reaudit(
        content_request(ctx, plan.job, *plan.source_table, true, std::string(), both), loaded);
    for (const audit::PartitionAudit& p : check.partitions) {
      if (p.state != audit::PartitionState::Equal &&
          p.state != audit::PartitionState::EmptyOnBoth) {
        differing.push_back(p.name + " (" + audit::state_name(p.state) + ")");
      }
    }
    auto more = findings_of(check);
    findings.insert(findings.end(), more.begin(), more.end());
    outcome = content_outcome(check) != "equal" ? content_outcome(check) : outcome;
  }
  if (!differing.empty()) {
    table_report.status = runner::TaskStatus::Inconsistent;
    table_report.outcome = outcome;
    table_report.differences = std::move(findings);
    table_report.error = "after the run, partitions still differ: " + name_sample(differing);
    if (table_report.recommended_mode.empty()) {
      table_report.recommended_mode =
          result.recommended_mode.value_or(ctx.options.add_partitions ? "v2" : "v2 -add");
    }
  }
}

std::unique_ptr<Mode> make_v2_mode() {
  return std::make_unique<RepairMode>("v2", RepairStyle{true, false});
}
std::unique_ptr<Mode> make_v3_mode() {
  return std::make_unique<RepairMode>("v3", RepairStyle{true, true});
}
std::unique_ptr<Mode> make_v4_mode() {
  return std::make_unique<RepairMode>("v4", RepairStyle{false, false});
}
std::unique_ptr<Mode> make_v5_mode() {
  return std::make_unique<RepairMode>("v5", RepairStyle{false, true});
}

} // namespace exl::modes
