#pragma once

#include "exlschema/modes/mode_info.hpp"
#include "exlschema/report/run_report.hpp"
#include "exlschema/runner/task_result.hpp"
#include "exlschema/starrocks/dependency_order.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <cstdint>
#include <functional>
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
  // The source rows it loads, when known: the audit's counts, else SHOW PARTITIONS' RowCount
  // (an estimate); only the progress line's ETA uses it.
  std::optional<std::int64_t> rows;
  std::string predicate; // the source rows it reads (-batchcheck); empty: every row
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

// What a mode that moves the data outside exlSchema's tasks (meta: starrocks-cluster-sync copies
// every table at once) tells while it does so.
struct SuperviseEvents {
  std::function<void(const std::string& line)> progress; // the console, flushed
  // Feishu (already redacted); the engine sends at most one per feishu.progress_interval unless
  // `urgent`.
  std::function<void(const std::string& text, bool urgent)> notice;
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

  // With -r, after the structure statements and data tasks of every table and before their
  // verification: a mode whose data moves outside its tasks runs and watches that here, until
  // the data is in or ctx.cancel stops it. Throwing fails every table not failed yet with the
  // message. The default does nothing.
  virtual void supervise(RunContext& ctx, const std::vector<TablePlan>& plans,
                         const SuperviseEvents& events);

  // Lines the plan (no -r) prints before the tables: what the mode would write or send for the
  // run as a whole besides SQL statements (meta: the generated scs configuration). Redacted by
  // the printer. The default: none.
  virtual std::vector<std::string> plan_preamble(RunContext& ctx);

  // After the table's statements and tasks ran: fills what the report says about it (rows,
  // audit, outcome). The default keeps the plan's outcome.
  virtual void verify_table(RunContext& ctx, const TablePlan& plan,
                            report::TableReport& table_report);
};

} // namespace exl::modes
