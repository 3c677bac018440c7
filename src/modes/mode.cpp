#include "exlschema/modes/mode.hpp"

#include "exlschema/modes/run_context.hpp"

namespace exl::modes {

const char* side_name(Side side) {
  return side == Side::Source ? "source" : "target";
}

const char* kind_name(ObjectKind kind) {
  switch (kind) {
  case ObjectKind::View:
    return "view";
  case ObjectKind::MaterializedView:
    return "materialized view";
  case ObjectKind::Table:
    break;
  }
  return "table";
}

std::string TableJob::name() const {
  return source.database + "." + source.table;
}

std::vector<Statement> Mode::plan_run(RunContext& /*ctx*/) {
  return {};
}

int Mode::task_concurrency(const RunContext& ctx) const {
  return ctx.options.threads;
}

runner::TaskResult Mode::run_task(RunContext& ctx, const TablePlan& table, const TaskPlan& task) {
  runner::TaskResult result;
  result.name = task.name;
  result.table = table.job.name();
  result.partitions = task.partitions;
  for (const Statement& step : task.steps) {
    if (!step.label.empty()) {
      result.labels.push_back(step.label);
    }
    ctx.gate.mutate(step);
  }
  result.status = runner::TaskStatus::Succeeded;
  return result;
}

void Mode::supervise(RunContext& /*ctx*/, const std::vector<TablePlan>& /*plans*/,
                     const SuperviseEvents& /*events*/) {}

std::vector<std::string> Mode::plan_preamble(RunContext& /*ctx*/) {
  return {};
}

void Mode::verify_table(RunContext& /*ctx*/, const TablePlan& plan,
                        report::TableReport& table_report) {
  table_report.outcome = plan.outcome;
}

} // namespace exl::modes
