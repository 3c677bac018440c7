#include "exlschema/modes/drive.hpp"

#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/table_resolver.hpp"
#include "exlschema/notify/progress_reporter.hpp"
#include "exlschema/report/console_progress.hpp"
#include "exlschema/runner/task_runner.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"
#include "modes/creation_waves.hpp"
#include "modes/plan_output.hpp"
#include "modes/run_tables.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/state/state_store.hpp"

#include <map>
#include <set>

namespace exl::modes {
namespace {

ClusterFacts facts_or_fatal(const config::ClusterSettings& cluster, const char* role) {
  try {
    return read_cluster_facts(cluster.alias, cluster.connection);
  } catch (const db::SqlError& e) {
    throw FatalError(std::string("exlSchema: cannot read the ") + role + " cluster '" +
                     cluster.alias + "': " + util::redact(e.what()));
  }
}

// Both sides' sessions use the source's time_zone (issue #9).
db::ConnectionParams session_params(const config::ClusterSettings& cluster,
                                    const ClusterFacts& source, int query_timeout_s) {
  db::ConnectionParams params = cluster.connection;
  params.time_zone = source.time_zone;
  params.query_timeout_s = query_timeout_s;
  return params;
}

// What views and MVs must be re-pointed at: `-t db=db2` entries rename whole databases, and
// every object the run copies under another name is a table rename.
starrocks::QueryRenames renames_of(const config::RunOptions& options,
                                   const std::vector<TableJob>& jobs) {
  starrocks::QueryRenames renames;
  for (const config::TablePattern& pattern : options.tables) {
    if (pattern.renames() && pattern.table.empty()) {
      renames.databases.emplace_back(pattern.database, pattern.target_database);
    }
  }
  for (const TableJob& job : jobs) {
    if (job.source.database != job.target.database || job.source.table != job.target.table) {
      renames.tables.emplace_back(starrocks::ObjectName{job.source.database, job.source.table},
                                  starrocks::ObjectName{job.target.database, job.target.table});
    }
  }
  return renames;
}

std::vector<std::pair<std::string, std::string>> unresolved(const Resolution& resolution) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& entry : resolution.unmatched) {
    out.emplace_back(entry, "-t entry '" + entry + "' matched nothing on the source");
  }
  for (const std::string& conflict : resolution.conflicts) {
    out.emplace_back(conflict.substr(0, conflict.find(' ')), conflict);
  }
  return out;
}

std::set<std::string> target_databases(const std::vector<TableJob>& jobs) {
  std::set<std::string> out;
  for (const TableJob& job : jobs) {
    out.insert(job.target.database);
  }
  return out;
}

// Plans every table in parallel (reads only); a table whose planning throws is refused with
// the reason, the others are planned.
std::vector<TablePlan> plan_tables(Mode& mode, RunContext& ctx, const std::vector<TableJob>& jobs) {
  std::vector<TablePlan> plans(jobs.size());
  std::vector<runner::Task> tasks;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    runner::Task task;
    task.name = "plan " + jobs[i].name();
    task.retry = runner::Retry::Never;
    task.run = [&, i] {
      try {
        plans[i] = mode.plan_table(ctx, jobs[i]);
      } catch (const runner::CancelledError&) {
        throw;
      } catch (const std::exception& e) {
        plans[i].job = jobs[i];
        plans[i].refused = util::redact(e.what());
      }
      runner::TaskResult r;
      r.status = runner::TaskStatus::Succeeded;
      return r;
    };
    tasks.push_back(std::move(task));
  }
  runner::RunnerOptions options;
  options.max_concurrency = ctx.options.threads;
  options.cancel = &ctx.cancel;
  options.log_tasks = false; // reads only; one line per object would drown the console
  runner::TaskRunner(options).run(tasks);
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (plans[i].job.source.table.empty()) { // never planned: the run was cancelled
      plans[i].job = jobs[i];
      plans[i].refused = "not planned: the run was interrupted";
    }
  }
  return plans;
}

// CREATE DATABASE for each target database the planned objects need and the target lacks.
std::vector<Statement> database_statements(const TargetInventory& inventory,
                                           const std::vector<TablePlan>& plans) {
  std::set<std::string> needed;
  for (const TablePlan& plan : plans) {
    if (!plan.refused && !plan.prepare.empty() &&
        !inventory.has_database(plan.job.target.database)) {
      needed.insert(plan.job.target.database);
    }
  }
  std::vector<Statement> out;
  for (const std::string& database : needed) {
    out.push_back(Statement{Side::Target, starrocks::build_create_database(database), {}, true});
  }
  return out;
}

// Earlier real runs per table, from the history (RunContext::earlier_runs).
std::map<std::string, int> earlier_runs(state::StateStore* store, const config::RunOptions& options,
                                        const std::vector<TableJob>& jobs) {
  std::map<std::string, int> out;
  if (store == nullptr) {
    return out;
  }
  for (const TableJob& job : jobs) {
    int n = 0;
    for (const state::TableRun& run : store->table_runs(job.name(), 100000)) {
      n += run.run_id != options.run_id && !run.dry_run ? 1 : 0;
    }
    out[job.name()] = n;
  }
  return out;
}

// -batchcheck: each batch's predicate and estimated size; nothing is written.
void print_batches(std::ostream& out, const std::vector<TablePlan>& plans) {
  for (const TablePlan& plan : plans) {
    if (plan.refused) {
      out << plan.job.name() << ": refused: " << util::redact(*plan.refused) << "\n";
      continue;
    }
    out << plan.job.name() << ": " << plan.tasks.size() << " batch(es)\n";
    for (const TaskPlan& task : plan.tasks) {
      out << "  " << task.name << "  ~" << report::format_bytes(task.bytes) << "  "
          << (task.predicate.empty() ? std::string("(every row)") : task.predicate) << "\n";
    }
  }
}

// Continuous (incremental) runs repeat rounds of the modes that replace what changed.
bool repeats(const ModeInfo& info, const config::RunOptions& options) {
  return !options.once && options.execute && info.rounds;
}

} // namespace

report::RunReport report_header(std::string run_id, std::string mode, std::string source,
                                std::string target, bool execute) {
  report::RunReport report;
  // A read-only mode (verify) did its work without -r; only a writing mode's run is a plan.
  const ModeInfo* info = find_mode(mode);
  report.dry_run = !execute && (info == nullptr || info->writes);
  report.run_id = std::move(run_id);
  report.mode = std::move(mode);
  report.source = std::move(source);
  report.target = std::move(target);
  report.start = std::chrono::system_clock::now();
  return report;
}

report::RunReport report_header(const config::RunOptions& options) {
  return report_header(options.run_id, options.mode, options.source.alias, options.target.alias,
                       options.execute);
}

report::RunReport drive(const ModeInfo& info, const config::RunOptions& options,
                        const runner::CancelToken& cancel, DriveOutput output) {
  report::RunReport report = report_header(options);
  const ClusterFacts source = facts_or_fatal(options.source, "source");
  const ClusterFacts target = facts_or_fatal(options.target, "target");
  db::Pool source_pool(session_params(options.source, source, options.query_timeout_s),
                       options.threads + 1, options.source.alias);
  db::Pool target_pool(session_params(options.target, source, options.query_timeout_s),
                       options.threads + 1, options.target.alias);
  const runner::RetryPolicy policy;
  Gate gate(&source_pool, target_pool, options.execute, policy, &cancel);
  Gate cleanup_gate(&source_pool, target_pool, options.execute, policy, nullptr);
  TempObjects temps(cleanup_gate);

  const Resolution resolution = resolve_tables(gate, options);
  if (resolution.jobs.empty()) {
    throw UsageError("exlSchema: -t matched nothing on the source cluster '" +
                     options.source.alias + "'; nothing was done");
  }
  TargetInventory inventory;
  inventory.load(gate, target_databases(resolution.jobs));
  RunContext ctx{options,
                 gate,
                 source,
                 target,
                 inventory,
                 renames_of(options, resolution.jobs),
                 temps,
                 cancel,
                 1,
                 earlier_runs(output.store, options, resolution.jobs),
                 output.store,
                 {}};
  const std::unique_ptr<Mode> mode = info.make();
  std::vector<Statement> run_statements = mode->plan_run(ctx); // the catalog; may stop the run
  output.notifier.run_started({options.run_id, options.mode, options.source.alias,
                               options.target.alias, static_cast<int>(resolution.jobs.size()),
                               options.threads, !options.execute});
  for (;; ++ctx.round) {
    report.round = ctx.round;
    report.round_start = std::chrono::system_clock::now();
    std::vector<TablePlan> plans = plan_tables(*mode, ctx, resolution.jobs);
    std::vector<Statement> databases = std::move(run_statements);
    run_statements.clear();
    for (Statement& s : database_statements(inventory, plans)) {
      databases.push_back(std::move(s));
    }
    if (options.batch_check) {
      print_batches(output.out, plans);
      report.dry_run = true;
      break;
    }
    if (!options.execute && info.writes) {
      print_plan(output.out, options, mode->plan_preamble(ctx), databases, plans);
    }
    RunTables run(*mode, ctx, output);
    run.run(databases, std::move(plans)); // one copy of every table's plan, not two
    report.tables = run.take_table_reports(unresolved(resolution));
    report.tasks = run.take_task_results();
    report.end = std::chrono::system_clock::now();
    if (!repeats(info, options) || cancel.is_cancelled()) {
      break;
    }
    if (output.round_finished) {
      output.round_finished(report);
    }
    // Flushed: a scheduler or a pipe reading the output sees the round end now, not at the next.
    if (!options.quiet) {
      output.out << "round " << ctx.round << " done; the next round starts in "
                 << options.interval_s << " s (Ctrl-C stops)" << std::endl;
    }
    if (cancel.wait_for(std::chrono::seconds(options.interval_s))) {
      break;
    }
    inventory = TargetInventory();
    inventory.load(gate, target_databases(resolution.jobs));
  }
  if (temps.drop_all() != 0) {
    util::log().error("some temporary objects could not be dropped; `exlSchema clean` lists them");
  }
  report.end = std::chrono::system_clock::now();
  return report;
}

} // namespace exl::modes
