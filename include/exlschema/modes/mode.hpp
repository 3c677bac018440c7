#pragma once

#include "exlschema/modes/mode_info.hpp"
#include "exlschema/report/run_report.hpp"
#include "exlschema/runner/task_result.hpp"
#include "exlschema/starrocks/dependency_order.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What a mode is (STYLE.md "A mode"): a small interface the run engine (drive.hpp) calls through
// the life cycle of PRODUCT.md §4: plan each table (reads only), run its tasks, verify it.
namespace exl::modes {

struct RunContext;

enum class Side { Source, Target };
const char* side_name(Side side); // "source" / "target"

// One write the plan will send, exactly as it will be sent. Printed through redact().
struct Statement {
  Side side = Side::Target;
  std::string sql;
  std::string label;       // the load label it carries (names.hpp make_label); empty for DDL
  bool idempotent = false; // may be re-sent after a lost connection (IF [NOT] EXISTS DDL, ...)
};

// What `-t` resolved to: one source object and the name it gets on the target.
using ObjectKind = starrocks::ObjectKind;
const char* kind_name(ObjectKind kind); // "table", "view", "materialized view"

struct TableJob {
  starrocks::TableRef source;
  starrocks::TableRef target;
  ObjectKind kind = ObjectKind::Table;
  std::string name() const; // `db.table` on the source (the report's key)
};

// One unit of work on the task runner: its statements are sent in order.
struct TaskPlan {
  std::string name; // e.g. `db.table#p20240101`
  std::vector<std::string> partitions;
  std::vector<Statement> steps;
  std::string async_name;  // the SUBMIT TASK name when the load runs as an asynchronous task
  std::uint64_t bytes = 0; // the source data it loads, when known (plans, -batchcheck)
  std::string predicate;   // the source rows it reads (-batchcheck); empty: every row
  // Sent when the task ends, whatever happened (DROP .. IF EXISTS of an object the task may
  // create, e.g. a temporary partition); registered with TempObjects before the first step.
  std::optional<Statement> cleanup;
};

// A temporary object a table's tasks use (an external table, a staging table): created after the
// table's structure statements and before its first task, dropped once the table is verified (or
// has failed); TempObjects drops it at the end of the run whatever happens, SIGINT included.
struct TempObject {
  Statement create;
  Statement drop; // DROP .. IF EXISTS: safe to send whether or not the CREATE arrived
};

struct TablePlan {
  TableJob job;
  std::vector<Statement> prepare; // structure: run in creation order before any task
  std::vector<TempObject> temps;  // created after `prepare`, dropped after verification
  std::vector<TaskPlan> tasks;
  std::vector<std::string> notes;     // warnings, shown in the plan and the report
  std::string summary;                // one line: what will be created, loaded, skipped and why
  std::string outcome;                // the report's word if everything runs: created, equal, ...
  std::optional<std::string> refused; // the table fails with this reason; nothing is sent
  std::vector<std::string> reads;     // `db.table` source objects it reads (views, MVs)
  std::string definition;             // views and MVs: the source's query
  std::string recommended_mode;       // the mode that fits this table better, when one does
  std::optional<starrocks::TableModel> source_table; // tables: the source's model
  starrocks::Properties deferred;                    // settings to restore after the data is in
};

class Mode {
public:
  virtual ~Mode() = default;
  virtual const ModeInfo& info() const = 0;

  // Once per run, before any table is planned (reads only): the run-level objects the mode needs,
  // e.g. the JDBC catalog of v1-v5. They run first, before the databases. Throwing stops the run
  // before anything is written.
  virtual std::vector<Statement> plan_run(RunContext& ctx);

  // How many of this mode's data tasks may run at once (default: -thread).
  virtual int task_concurrency(const RunContext& ctx) const;

  // Reads only (through ctx.gate.read). A reason to refuse the table goes into `refused`; an
  // exception fails the table with its message.
  virtual TablePlan plan_table(RunContext& ctx, const TableJob& job) = 0;

  // Runs one task; the default sends each step through the gate.
  virtual runner::TaskResult run_task(RunContext& ctx, const TablePlan& table,
                                      const TaskPlan& task);

  // After the table's statements and tasks ran: fills what the report says about it (rows,
  // audit, outcome). The default keeps the plan's outcome.
  virtual void verify_table(RunContext& ctx, const TablePlan& plan,
                            report::TableReport& table_report);
};

} // namespace exl::modes
