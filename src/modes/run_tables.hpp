#pragma once

#include "exlschema/modes/drive.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/modes/throttle.hpp"
#include "exlschema/report/console_progress.hpp"
#include "exlschema/report/run_report.hpp"
#include "exlschema/runner/task_runner.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// The execution half of the life cycle (drive.hpp): the databases first, then each wave of
// structure statements (creation_waves.hpp), then every data task of the mode on the task
// runner, then each table's verification; and, without -r, only the report of the plan.
// Keeps each table's state for the report.
namespace exl::modes {

struct RunContext;

class RunTables {
public:
  RunTables(Mode& mode, RunContext& ctx, DriveOutput output)
      : m_mode(mode), m_ctx(ctx), m_output(output) {}

  // Takes the plans by rvalue: the caller hands them over, so a run holds one copy of each.
  void run(const std::vector<Statement>& databases, std::vector<TablePlan>&& plans);

  // One report per planned object, plus one failed row per (`-t` entry, reason) that could not
  // be resolved (it matched nothing, or two sources would land on one target name). Both take*
  // functions move what they return out (a run over thousands of tables keeps one copy of each
  // table's report and task results, not two): call them once, after run(), reports first.
  std::vector<report::TableReport>
  take_table_reports(const std::vector<std::pair<std::string, std::string>>& unresolved);
  std::vector<runner::TaskResult> take_task_results() { return std::move(m_results); }

private:
  void start_reports();
  void create_databases(const std::vector<Statement>& databases);
  void run_structure();
  void run_data();
  void supervise();
  void throttle_event(const ThrottleEvent& event);
  void verify();
  void drop_temps(std::size_t table);
  bool has_structure_task(std::size_t table) const;
  void fail(std::size_t table, const std::string& reason);
  bool ok(std::size_t table) const { return !m_failure[table]; }
  std::vector<runner::TaskResult> run_tasks(std::vector<runner::Task> tasks,
                                            const std::vector<std::size_t>& owners,
                                            int concurrency = 0);
  int count_tasks() const;
  void expect_rows();

  Mode& m_mode;
  RunContext& m_ctx;
  DriveOutput m_output;
  std::vector<TablePlan> m_plans;
  std::vector<report::TableReport> m_reports;
  std::vector<std::optional<std::string>> m_failure;     // per table: why it failed
  std::vector<std::optional<runner::TaskStatus>> m_stop; // per table: Cancelled/Skipped
  std::vector<runner::TaskResult> m_results;
  std::vector<std::vector<std::size_t>> m_temp_handles; // per table: TempObjects handles
  std::unique_ptr<report::ConsoleProgress> m_progress;
  int m_task_count = 0;
  Throttle* m_throttle = nullptr; // while the data tasks run (-r only)
  std::mutex m_events_mutex;
};

} // namespace exl::modes
