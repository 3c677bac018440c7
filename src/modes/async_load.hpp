#pragma once

#include "exlschema/modes/mode.hpp"

#include <string>

// A labelled load run as an asynchronous task (v3/v5, reference §5): SUBMIT TASK, follow its run
// in information_schema.task_runs, DROP TASK. DROP TASK also cancels a running run, so a
// cancelled or failed wait drops the task (TempGuard) and nothing keeps loading behind the run.
namespace exl::modes {

struct RunContext;

// Submits `load` (an INSERT carrying its label) as task `task` and waits until its run ends.
// Throws std::runtime_error when the run failed, runner::CancelledError when the run was
// cancelled. A finished run purged from task_runs is resolved by the load's label.
void run_async_load(RunContext& ctx, const std::string& database, const std::string& task,
                    const Statement& load);

} // namespace exl::modes
