// -o v1: see v1.hpp. Statements, in order:
//   target: CREATE EXTERNAL CATALOG `exl_src_<alias>` (with -a, once)
//   target: the structure statements (structure.hpp); TRUNCATE TABLE (-truncate)
//   source: SELECT MAX(c) .. NTILE(n) (-batch, a partition larger than -speed: its cut points)
//   target: INSERT INTO t WITH LABEL l (cols) SELECT cols FROM `exl_src_<alias>`.`db`.`t`
//           [WHERE <batch> AND <-where>]                        (one per table or per batch)
//   target: INSERT OVERWRITE t PARTITION (p) ..                  (-complement, per differing p)
#include "modes/v1.hpp"
#include "modes/content_check.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/source_catalog.hpp"
#include "exlschema/modes/structure.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/catalog_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/split_sql.hpp"
#include "exlschema/util/log.hpp"
#include "modes/load_sender.hpp"
#include "modes/partition_loads.hpp"

#include <cmath>

namespace exl::modes {
namespace {

// The column a too-large piece is cut on: the first partition column, else the first key column.
std::string split_column(const starrocks::TableModel& model) {
  if (!model.partitioning.columns.empty()) {
    return model.partitioning.columns.front();
  }
  if (!model.key_columns.empty()) {
    return model.key_columns.front();
  }
  return model.columns.empty() ? std::string() : model.columns.front().name;
}

// One batch: the partitions it covers, the predicate that selects its rows, its size.
struct Batch {
  std::vector<std::string> partitions;
  std::string predicate;
  std::uint64_t bytes = 0;
};

TaskPlan batch_task(const RunContext& ctx, const TablePlan& plan, std::string_view catalog,
                    const Batch& batch, std::size_t index, std::size_t count) {
  TaskPlan task;
  task.name = plan.job.name();
  if (count > 1) {
    task.name += " batch " + std::to_string(index + 1) + "/" + std::to_string(count);
  }
  task.partitions = batch.partitions;
  task.bytes = batch.bytes;
  task.predicate = batch.predicate == "TRUE" ? std::string() : batch.predicate;
  std::vector<std::string> predicates;
  if (!task.predicate.empty()) {
    predicates.push_back(task.predicate);
  }
  if (!ctx.options.where.empty()) {
    predicates.push_back(ctx.options.where);
  }
  // The label names the batch, not only its partitions: a cut partition is several loads.
  std::vector<std::string> key = batch.partitions;
  key.push_back("batch" + std::to_string(index + 1) + "of" + std::to_string(count));
  starrocks::InsertSpec spec;
  spec.target = plan.job.target;
  spec.label = load_label(ctx, plan.job, key);
  spec.columns = starrocks::insertable_columns(*plan.source_table);
  spec.query = starrocks::build_select_columns(
      {std::string(catalog), plan.job.source.database, plan.job.source.table}, spec.columns,
      predicates);
  task.steps.push_back(Statement{Side::Target, starrocks::build_insert(spec, ctx.target.version),
                                 spec.label, false});
  return task;
}

} // namespace

const ModeInfo& V1Mode::info() const {
  return *find_mode("v1");
}

std::vector<Statement> V1Mode::plan_run(RunContext& ctx) {
  SourceCatalog catalog = plan_source_catalog(ctx);
  m_catalog = catalog.name;
  for (const std::string& note : catalog.notes) {
    util::log().info("{}", note);
  }
  return catalog.create ? std::vector<Statement>{*catalog.create} : std::vector<Statement>{};
}

TablePlan V1Mode::plan_table(RunContext& ctx, const TableJob& job) {
  TablePlan plan = structure_table_plan(ctx, job);
  if (plan.refused || plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return plan;
  }
  if (const auto bad = starrocks::jdbc_unreadable_column(*plan.source_table)) {
    plan.refused = "-o v1 cannot copy it: " + *bad + "; -o starrocks copies every column type";
    plan.recommended_mode = "starrocks";
    return plan;
  }
  const bool target_is_new = plan.outcome == "created" || plan.outcome == "recreated";
  if (!target_is_new) {
    const db::ResultSet any =
        ctx.gate.read(Side::Target, starrocks::build_any_row(plan.job.target));
    if (!any.rows.empty() && !ctx.options.truncate && !ctx.options.complement) {
      plan.refused = "the target table already holds rows, and INSERT INTO would add the "
                     "source's rows to them (doubled data); nothing was written. Add -truncate "
                     "to empty it first, -complement to load and then overwrite each partition "
                     "that differs, or use -o v2";
      plan.recommended_mode = "v2";
      return plan;
    }
    if (!any.rows.empty() && ctx.options.truncate) {
      plan.prepare.push_back(
          Statement{Side::Target, starrocks::build_truncate(plan.job.target), {}, true});
    }
  }
  try {
    plan_batches(ctx, plan);
  } catch (const runner::CancelledError&) {
    throw;
  } catch (const std::exception& e) {
    plan.refused = e.what();
  }
  plan.outcome = "loaded";
  return plan;
}

void V1Mode::plan_batches(RunContext& ctx, TablePlan& plan) {
  std::vector<Batch> batches;
  if (!ctx.options.batch) {
    batches.push_back(Batch{});
  } else {
    const starrocks::TableModel& model = *plan.source_table;
    const SourcePartitions source = read_source_partitions(ctx, plan.job, model);
    const std::uint64_t limit = std::max<std::uint64_t>(1, speed_bytes(ctx.options.speed_gb));
    std::vector<PartitionLoad> loads;
    for (const auto& partition : source.partitions) {
      loads.push_back(partition_load(plan.job, model, source.columns, partition, false));
    }
    const std::string column = split_column(model);
    const starrocks::Column* col = model.find_column(column);
    for (const auto& group : batch_by_size(loads, limit)) {
      std::uint64_t bytes = 0;
      std::string any_of;
      std::vector<std::string> names;
      for (const PartitionLoad& load : group) {
        bytes += load.bytes;
        names.push_back(load.name);
        any_of += (any_of.empty() ? "(" : " OR (") +
                  (load.predicate.empty() ? std::string("TRUE") : load.predicate) + ")";
      }
      if (group.size() == 1 && bytes > limit && !column.empty()) {
        const int pieces = static_cast<int>(std::ceil(static_cast<double>(bytes) / limit));
        const db::ResultSet rs =
            ctx.gate.read(Side::Source, starrocks::build_split_bounds(plan.job.source, column,
                                                                      group[0].predicate, pieces));
        std::vector<std::string> bounds;
        for (std::size_t i = 0; i < rs.rows.size(); ++i) {
          if (const auto v = rs.value(i, "exl_bound")) {
            bounds.push_back(*v);
          }
        }
        const auto ranges = starrocks::split_predicates(
            column, col ? std::optional(col->type) : std::nullopt, bounds);
        for (const std::string& range : ranges) {
          const std::string base =
              group[0].predicate.empty() ? "" : "(" + group[0].predicate + ") AND ";
          batches.push_back(Batch{names, base + "(" + range + ")", bytes / ranges.size()});
        }
        continue;
      }
      batches.push_back(
          Batch{names, group.size() == 1 && group[0].predicate.empty() ? "" : any_of, bytes});
    }
  }
  for (std::size_t i = 0; i < batches.size(); ++i) {
    plan.tasks.push_back(batch_task(ctx, plan, m_catalog, batches[i], i, batches.size()));
  }
  const std::string what = ctx.options.batch ? std::to_string(batches.size()) + " batch(es)"
                                             : std::string("one INSERT for the whole table");
  plan.summary = plan.summary.empty() ? what : plan.summary + "; " + what;
}

runner::TaskResult V1Mode::run_task(RunContext& ctx, const TablePlan& table, const TaskPlan& task) {
  runner::TaskResult result;
  result.name = task.name;
  result.table = table.job.name();
  result.partitions = task.partitions;
  for (const Statement& step : task.steps) {
    result.labels.push_back(step.label);
    const LoadResult load = send_load(ctx, step, table.job.target.database);
    result.rows_moved = static_cast<std::int64_t>(load.exec.affected_rows);
  }
  result.status = runner::TaskStatus::Succeeded;
  return result;
}

// -complement: after the load, each partition whose counts differ is overwritten from the source.
void V1Mode::complement(RunContext& ctx, const TablePlan& plan, report::TableReport& table_report) {
  const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
  std::optional<starrocks::RowHash> hash;
  const audit::TableAudit result = auditor.audit(
      content_request(ctx, plan.job, *plan.source_table, true, ctx.options.where, hash));
  for (const audit::PartitionAudit& p : result.partitions) {
    const bool differs = p.state == audit::PartitionState::Differs ||
                         p.state == audit::PartitionState::ContentDiffers;
    if (!differs || !p.source) {
      continue;
    }
    const PartitionLoad load =
        partition_load(plan.job, *plan.source_table, result.columns, *p.source, false);
    const Statement overwrite = load_statement(ctx, plan.job, *plan.source_table,
                                               through_catalog(m_catalog, plan.job), {load}, false);
    send_load(ctx, overwrite, plan.job.target.database);
    ++table_report.partitions_rewritten;
  }
}

void V1Mode::verify_table(RunContext& ctx, const TablePlan& plan,
                          report::TableReport& table_report) {
  table_report.outcome = plan.outcome;
  if (plan.job.kind != ObjectKind::Table || !plan.source_table) {
    return;
  }
  restore_deferred(ctx, plan);
  if (ctx.options.complement) {
    complement(ctx, plan, table_report);
  }
  const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
  std::optional<starrocks::RowHash> hash;
  const audit::TableAudit result = auditor.audit(
      content_request(ctx, plan.job, *plan.source_table, true, ctx.options.where, hash));
  table_report.partitions_audited = static_cast<int>(result.partitions.size());
  table_report.source_rows = result.source_rows;
  table_report.target_rows = result.target_rows;
  if (!result.equal()) {
    table_report.status = runner::TaskStatus::Inconsistent;
    table_report.outcome = content_outcome(result);
    table_report.differences = findings_of(result);
    table_report.recommended_mode = result.recommended_mode.value_or("v2");
    const std::string what =
        table_report.outcome == "content differs"
            ? "the content of " +
                  std::to_string(result.count(audit::PartitionState::ContentDiffers)) +
                  " partition(s) differs (same row counts, different checksums)"
            : "the counts differ (source " + std::to_string(result.source_rows) + ", target " +
                  std::to_string(result.target_rows) + " rows)";
    table_report.error = "after the load " + what + "; -o " + table_report.recommended_mode +
                         (ctx.options.checksum ? " -checksum" : "") +
                         " repairs the differing partitions";
  }
}

std::unique_ptr<Mode> make_v1_mode() {
  return std::make_unique<V1Mode>();
}

} // namespace exl::modes
