#include "modes/async_load.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/task_sql.hpp"
#include "exlschema/util/log.hpp"
#include "modes/load_sender.hpp"

#include <chrono>
#include <stdexcept>

namespace exl::modes {
namespace {

constexpr std::chrono::milliseconds k_poll{500};

bool task_exists(RunContext& ctx, const std::string& task) {
  const db::ResultSet rs = ctx.gate.read(Side::Target, starrocks::build_list_tasks(task));
  for (const auto& row : rs.rows) {
    if (!row.empty() && row[0] && *row[0] == task) {
      return true;
    }
  }
  return false;
}

// task_exists, with a connection error (the FE restarting, a leader change) waited out for as
// long as a load may run: whether the task exists decides whether SUBMIT goes again.
bool task_exists_when_readable(RunContext& ctx, const std::string& task) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(ctx.options.query_timeout_s + 60);
  while (true) {
    try {
      return task_exists(ctx, task);
    } catch (const std::exception& e) {
      if (!db::is_retryable(e) || std::chrono::steady_clock::now() > deadline) {
        throw;
      }
      util::log().warn("task {}: the task list cannot be read yet ({}); asking again", task,
                       e.what());
    }
    if (ctx.cancel.wait_for(k_poll)) {
      throw runner::CancelledError("cancelled while looking for task " + task);
    }
  }
}

// Sends SUBMIT TASK once; a lost answer is resolved by looking for the task, never by a blind
// second submission.
void submit(RunContext& ctx, const std::string& task, const Statement& load) {
  const Statement statement{
      Side::Target,
      starrocks::build_submit_task(task, load.sql, ctx.options.query_timeout_s, ctx.target.version),
      load.label, false};
  try {
    ctx.gate.mutate(statement);
  } catch (const runner::OutcomeUnknownError&) {
    if (!task_exists_when_readable(ctx, task)) {
      ctx.gate.mutate(statement);
    }
  }
}

enum class RunEnd { Running, Succeeded };

// The progress line shows what task_runs says of a run not finished yet: `pending` while it
// waits for a slot (task_runs_concurrency), else its PROGRESS. StarRocks computes PROGRESS in
// TaskRun.getStatus from the run's InsertLoadJob (fe/.../scheduler/TaskRun.java: progress of
// the coordinator's load job, 99 at most while RUNNING, 100 on SUCCESS), and InsertLoadJob
// .updateProgress as rows reported by the BEs / (estimateScanRow + 1) (fe/.../load/loadv2/
// InsertLoadJob.java), where StmtExecutor sets estimateScanRow from the plan root's cardinality
// when no OLAP table is scanned, as for a read through a JDBC catalog: an optimiser estimate,
// so the figure is StarRocks's, shown as it reports it (docs/cli.md "Progress"). Read from the
// poll the wait sends anyway: no statement is added for it.
void report_progress(RunContext& ctx, const db::ResultSet& rs) {
  if (!ctx.statement_progress) {
    return;
  }
  const std::size_t last = rs.rows.size() - 1;
  const std::string state = rs.value(last, "STATE").value_or("");
  const std::string progress =
      state == "PENDING" ? std::string("pending") : rs.value(last, "PROGRESS").value_or("");
  if (!progress.empty()) {
    ctx.statement_progress(progress);
  }
}

// The run's state from task_runs, or, once the run row is gone, from the load's label.
RunEnd poll(RunContext& ctx, const std::string& database, const std::string& task,
            const Statement& load) {
  const db::ResultSet rs = ctx.gate.read(Side::Target, starrocks::build_task_runs_query({task}));
  if (!rs.rows.empty()) {
    const std::string state = rs.value(rs.rows.size() - 1, "STATE").value_or("");
    if (state == "SUCCESS") {
      return RunEnd::Succeeded;
    }
    if (state == "FAILED") {
      throw std::runtime_error("task " + task + " failed: " +
                               rs.value(rs.rows.size() - 1, "ERROR_MESSAGE").value_or("?"));
    }
    report_progress(ctx, rs);
    return RunEnd::Running;
  }
  LoadSender sender(ctx.gate, ctx.target.version, ctx.cancel);
  const auto state = sender.label_state(database, load.label);
  if (state && starrocks::load_applied(state->phase)) {
    return RunEnd::Succeeded;
  }
  if (state && state->phase == starrocks::LoadPhase::Cancelled) {
    throw std::runtime_error("task " + task + ": its load " + load.label + " was cancelled");
  }
  return RunEnd::Running;
}

} // namespace

void run_async_load(RunContext& ctx, const std::string& database, const std::string& task,
                    const Statement& load) {
  submit(ctx, task, load);
  TempGuard guard(
      ctx.temps,
      Statement{Side::Target, starrocks::build_drop_task(task, ctx.target.version), {}, true});
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::seconds(ctx.options.query_timeout_s + 60);
  // The FE restarting or changing leader refuses connections for a while: the task runs on
  // without us, so a connection error is one more poll that saw nothing, until the deadline.
  const auto polled = [&] {
    try {
      return poll(ctx, database, task, load);
    } catch (const std::exception& e) {
      if (!db::is_retryable(e) || std::chrono::steady_clock::now() > deadline) {
        throw;
      }
      util::log().warn("task {}: its state cannot be read yet ({}); asking again", task, e.what());
      return RunEnd::Running;
    }
  };
  while (polled() == RunEnd::Running) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error(
          "task " + task + " did not finish within " + std::to_string(ctx.options.query_timeout_s) +
          " s; check SHOW LOAD WHERE LABEL = \"" + load.label + "\" before re-running");
    }
    if (ctx.cancel.wait_for(k_poll)) {
      throw runner::CancelledError("cancelled while task " + task + " ran (dropped)");
    }
  }
}

} // namespace exl::modes
