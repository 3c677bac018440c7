#include "modes/run_tables.hpp"

#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/target_disk.hpp"
#include "exlschema/notify/progress_reporter.hpp"
#include "exlschema/report/console_progress.hpp"
#include "exlschema/report/progress_ticker.hpp"
#include "exlschema/runner/task_runner.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"
#include "modes/creation_waves.hpp"
#include "modes/plan_output.hpp"

#include <chrono>
#include <map>
#include <optional>

namespace exl::modes {
namespace {

bool stopped(runner::TaskStatus s) {
  return s == runner::TaskStatus::Cancelled || s == runner::TaskStatus::Skipped;
}

} // namespace

void RunTables::run(const std::vector<Statement>& databases, std::vector<TablePlan>&& plans) {
  m_plans = std::move(plans);
  m_failure.assign(m_plans.size(), std::nullopt);
  m_stop.assign(m_plans.size(), std::nullopt);
  m_temp_handles.assign(m_plans.size(), {});
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (m_plans[i].refused) {
      fail(i, *m_plans[i].refused);
    }
  }
  start_reports();
  if (!databases.empty() && !m_reports.empty()) { // the plan shows them with the first table
    auto& first = m_reports.front().plan;
    std::vector<report::PlannedStatement> db_steps;
    for (const Statement& s : databases) {
      db_steps.push_back({cluster_alias(m_ctx.options, s.side), util::redact(s.sql)});
    }
    first.insert(first.begin(), db_steps.begin(), db_steps.end());
  }
  if (!m_ctx.options.execute) {
    if (!m_mode.info().writes) {
      verify(); // a read-only mode (verify) reports what it read; the gate sent nothing
    }
    return;
  }
  m_progress = std::make_unique<report::ConsoleProgress>(m_output.out, m_output.live_progress,
                                                         count_tasks());
  if (m_ctx.options.quiet) {
    m_progress->show_problems_only();
  }
  expect_rows();
  // Task counts mean nothing to a mode without tasks (meta): it sends its own progress.
  const auto interval =
      std::chrono::seconds(count_tasks() > 0 ? m_output.notifier.progress_interval_s() : 0);
  notify::ProgressReporter reporter(m_output.notifier, interval, [this] {
    const auto c = m_progress->counts();
    return notify::ProgressSnapshot{m_ctx.options.run_id,
                                    c.done,
                                    c.total,
                                    c.running,
                                    c.failed,
                                    c.rows_moved,
                                    std::chrono::duration_cast<std::chrono::seconds>(c.elapsed)};
  });
  create_databases(databases);
  {
    // Once a second while tasks run: the live line's elapsed times move, plain output gets its
    // "still running" lines. Joined when the tasks are over, also after SIGINT or an exception.
    std::optional<report::ProgressTicker> ticker;
    if (!m_ctx.options.quiet && count_tasks() > 0) {
      ticker.emplace([this] { m_progress->tick(); }, std::chrono::seconds(1));
    }
    run_structure();
    Throttle throttle(target_disk_reader(m_ctx.gate, m_ctx.target), settings_of(m_ctx.options),
                      m_ctx.cancel, [this](const ThrottleEvent& e) { throttle_event(e); });
    throttle.start();
    m_throttle = &throttle;
    m_ctx.statement_progress = [this](const std::string& progress) {
      m_progress->statement_progress(util::thread_task_id(), progress);
    };
    run_data();
    m_ctx.statement_progress = nullptr;
    m_throttle = nullptr;
    throttle.stop();
  }
  supervise();
  verify();
  reporter.stop();
  m_progress->finish();
}

// A mode whose data moves outside its tasks (Mode::supervise); its failure fails every table
// not failed yet.
void RunTables::supervise() {
  auto last_notice = std::chrono::steady_clock::time_point{};
  const auto interval = std::chrono::seconds(m_output.notifier.progress_interval_s());
  SuperviseEvents events;
  events.progress = [this](const std::string& line) {
    if (m_ctx.options.quiet) {
      return;
    }
    m_output.out << util::redact(line) << std::endl;
  };
  events.notice = [&, this](const std::string& text, bool urgent) {
    const auto now = std::chrono::steady_clock::now();
    if (urgent || (interval.count() > 0 && now - last_notice >= interval)) {
      last_notice = now;
      m_output.notifier.notice(m_ctx.options.run_id, util::redact(text));
    }
  };
  try {
    m_mode.supervise(m_ctx, m_plans, events);
  } catch (const runner::CancelledError&) {
    // a signal: the tables' reports say what the mode found before it
  } catch (const std::exception& e) {
    for (std::size_t i = 0; i < m_plans.size(); ++i) {
      fail(i, e.what());
    }
  }
}

void RunTables::start_reports() {
  for (const TablePlan& plan : m_plans) {
    report::TableReport r;
    r.table = plan.job.name();
    const std::string target = plan.job.target.database + "." + plan.job.target.table;
    r.target_table = target == r.table ? std::string() : target;
    r.mode = m_ctx.options.mode;
    r.summary = plan.summary;
    r.notes = plan.notes;
    r.outcome = plan.outcome;
    r.recommended_mode = plan.recommended_mode;
    const auto add = [&](const Statement& s) {
      r.plan.push_back({cluster_alias(m_ctx.options, s.side), util::redact(s.sql)});
    };
    for (const Statement& s : plan.prepare) {
      add(s);
    }
    for (const TempObject& temp : plan.temps) {
      add(temp.create);
    }
    for (const TaskPlan& task : plan.tasks) {
      for (const Statement& s : task.steps) {
        add(s);
      }
      if (task.cleanup) {
        add(*task.cleanup);
      }
    }
    for (const TempObject& temp : plan.temps) {
      add(temp.drop);
    }
    m_reports.push_back(std::move(r));
  }
}

// The rows the data tasks will move, for the ETA: structure tasks move none; a data task without
// a known count makes the ETA count tasks until it has finished.
void RunTables::expect_rows() {
  std::int64_t rows = 0;
  int unknown = 0;
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (!ok(i)) {
      continue;
    }
    for (const TaskPlan& task : m_plans[i].tasks) {
      rows += task.rows.value_or(0);
      unknown += task.rows ? 0 : 1;
    }
  }
  m_progress->expect_rows(rows, unknown);
}

int RunTables::count_tasks() const {
  int n = 0;
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (ok(i)) {
      n += (has_structure_task(i) ? 1 : 0) + static_cast<int>(m_plans[i].tasks.size());
    }
  }
  return n;
}

void RunTables::fail(std::size_t table, const std::string& reason) {
  if (!m_failure[table]) {
    m_failure[table] = util::redact(reason);
  }
}

// A database that cannot be created fails every object that goes into it; a run-level object
// (the JDBC catalog of v1-v5, which comes first) fails every object.
void RunTables::create_databases(const std::vector<Statement>& databases) {
  for (const Statement& s : databases) {
    try {
      m_ctx.gate.mutate(s);
    } catch (const std::exception& e) {
      bool database = false;
      for (std::size_t i = 0; i < m_plans.size(); ++i) {
        if (s.sql == starrocks::build_create_database(m_plans[i].job.target.database)) {
          database = true;
          fail(i, std::string("cannot create the target database: ") + e.what());
        }
      }
      for (std::size_t i = 0; i < m_plans.size() && !database; ++i) {
        fail(i, std::string("cannot create what the run needs first: ") + e.what());
      }
    }
  }
}

std::vector<runner::TaskResult> RunTables::run_tasks(std::vector<runner::Task> tasks,
                                                     const std::vector<std::size_t>& owners,
                                                     int concurrency) {
  for (runner::Task& task : tasks) { // ids numbered across the waves, as the progress shows them
    task.id = std::to_string(++m_task_count);
  }
  runner::RunnerOptions options;
  options.max_concurrency = concurrency > 0 ? concurrency : m_ctx.options.threads;
  options.cancel = &m_ctx.cancel;
  options.on_start = [this](const runner::Task& t) {
    m_progress->task_started(t.id, t.name, t.expected_rows);
  };
  options.on_finish = [this](const runner::TaskResult& r) { m_progress->task_finished(r); };
  std::vector<runner::TaskResult> results = runner::TaskRunner(options).run(tasks);
  for (std::size_t k = 0; k < results.size(); ++k) {
    const std::size_t i = owners[k];
    results[k].table = m_plans[i].job.name();
    for (const std::string& note : results[k].notes) {
      m_reports[i].notes.push_back(util::redact(note));
    }
    if (stopped(results[k].status)) {
      m_stop[i] = results[k].status;
    } else if (results[k].status != runner::TaskStatus::Succeeded) {
      fail(i, results[k].error);
    }
    m_results.push_back(results[k]);
  }
  return results;
}

// Wave by wave; an object whose base failed fails too, with the reason.
void RunTables::run_structure() {
  const CreationWaves waves = creation_waves(m_plans, [this](const starrocks::ObjectName& name) {
    std::string database = name.database;
    for (const auto& [from, to] : m_ctx.renames.databases) {
      database = from == name.database ? to : database;
    }
    return m_ctx.target_objects.probably_exists(database, name.table);
  });
  for (int w = 0; w < waves.count; ++w) {
    std::vector<runner::Task> tasks;
    std::vector<std::size_t> owners;
    for (std::size_t i = 0; i < m_plans.size(); ++i) {
      if (waves.wave[i] != w || !ok(i) || m_stop[i]) {
        continue;
      }
      if (waves.problem[i]) {
        fail(i, *waves.problem[i]);
        continue;
      }
      for (std::size_t dep : waves.dependencies[i]) {
        if (m_stop[dep]) {
          m_stop[i] = runner::TaskStatus::Skipped;
        } else if (!ok(dep)) {
          fail(i, "not created: it reads " + m_plans[dep].job.name() + ", which failed");
        }
      }
      if (!ok(i) || m_stop[i] || !has_structure_task(i)) {
        continue;
      }
      runner::Task task;
      task.name = "create " + m_plans[i].job.name();
      task.expected_rows = 0;
      task.run = [this, i] {
        for (const Statement& s : m_plans[i].prepare) {
          m_ctx.gate.mutate(s);
        }
        // Registered before the CREATE: an answer lost in flight may still have created it.
        for (const TempObject& temp : m_plans[i].temps) {
          m_temp_handles[i].push_back(m_ctx.temps.add(temp.drop));
          m_ctx.gate.mutate(temp.create);
        }
        runner::TaskResult r;
        r.status = runner::TaskStatus::Succeeded;
        return r;
      };
      tasks.push_back(std::move(task));
      owners.push_back(i);
    }
    run_tasks(std::move(tasks), owners);
  }
}

void RunTables::run_data() {
  std::vector<runner::Task> tasks;
  std::vector<std::size_t> owners;
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (!ok(i) || m_stop[i]) {
      continue;
    }
    for (const TaskPlan& plan : m_plans[i].tasks) {
      runner::Task task;
      task.name = plan.name;
      task.expected_rows = plan.rows;
      task.run = [this, i, &plan] {
        if (m_throttle != nullptr) {
          m_throttle->before_task(); // waits while paused; ThrottleStop fails the task
        }
        return m_mode.run_task(m_ctx, m_plans[i], plan);
      };
      task.retry = runner::Retry::Never; // a load is resolved by its label, never re-run blindly
      tasks.push_back(std::move(task));
      owners.push_back(i);
    }
  }
  run_tasks(std::move(tasks), owners, m_mode.task_concurrency(m_ctx));
}

// A pause, its end or a stop: on Feishu, and in the notes of every table with data tasks (the
// console has the throttle's own log line).
void RunTables::throttle_event(const ThrottleEvent& event) {
  const std::string text = std::string(kind_name(event.kind)) + ": " + event.reason;
  m_output.notifier.notice(m_ctx.options.run_id, text);
  std::lock_guard lock(m_events_mutex);
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (!m_plans[i].tasks.empty()) {
      m_reports[i].notes.push_back(util::redact(text));
    }
  }
}

void RunTables::verify() {
  for (std::size_t i = 0; i < m_plans.size(); ++i) {
    if (ok(i) && !m_stop[i]) {
      try {
        m_mode.verify_table(m_ctx, m_plans[i], m_reports[i]);
      } catch (const std::exception& e) {
        fail(i, std::string("verification failed: ") + e.what());
      }
    }
    drop_temps(i);
  }
}

// The table's temporary objects are no longer needed; one that cannot be dropped stays with
// TempObjects, which tries again at the end of the run (and logs it for `clean`).
void RunTables::drop_temps(std::size_t table) {
  if (table < m_temp_handles.size()) {
    for (std::size_t handle : m_temp_handles[table]) {
      m_ctx.temps.drop(handle);
    }
    m_temp_handles[table].clear();
  }
}

bool RunTables::has_structure_task(std::size_t table) const {
  return !m_plans[table].prepare.empty() || !m_plans[table].temps.empty();
}

std::vector<report::TableReport>
RunTables::take_table_reports(const std::vector<std::pair<std::string, std::string>>& unresolved) {
  std::map<std::string, std::chrono::milliseconds> elapsed;
  for (const auto& r : m_results) {
    elapsed[r.table] += r.elapsed();
  }
  std::vector<report::TableReport> out = std::move(m_reports);
  m_reports.clear();
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto spent = elapsed.find(out[i].table);
    out[i].elapsed = spent == elapsed.end() ? std::chrono::milliseconds(0) : spent->second;
    if (m_failure[i]) {
      out[i].status = runner::TaskStatus::Failed;
      out[i].error = *m_failure[i];
      out[i].outcome = m_plans[i].refused ? "refused" : "failed";
    } else if (m_stop[i]) {
      out[i].status = *m_stop[i];
      out[i].error = "interrupted before it finished";
    } else if (out[i].status == runner::TaskStatus::Pending) {
      out[i].status = runner::TaskStatus::Succeeded;
    }
  }
  for (const auto& [entry, reason] : unresolved) {
    report::TableReport r;
    r.table = entry;
    r.mode = m_ctx.options.mode;
    r.status = runner::TaskStatus::Failed;
    r.outcome = "unresolved";
    r.error = reason;
    out.push_back(std::move(r));
  }
  return out;
}

} // namespace exl::modes
