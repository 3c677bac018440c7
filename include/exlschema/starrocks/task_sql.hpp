#pragma once

#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Asynchronous tasks (reference §5): SUBMIT TASK (INSERT body v3.0+), DROP TASK, and the
// information_schema.task_runs poll.
namespace exl::starrocks {

// The task running `body` (an INSERT) under `name`, bounded by `timeout_seconds`, in the form
// the target's `version` parses (reference §14):
// - v3.2.3+: SUBMIT TASK `name` PROPERTIES ("session.<timeout var>" = "<n>") AS <body>, the
//   variable being insert_timeout on v3.4+ (where it governs INSERT) and query_timeout before;
// - older releases have no PROPERTIES there: SUBMIT /*+set_var(query_timeout = n)*/ TASK `name`
//   AS <body>, a hint every release parses.
std::string build_submit_task(std::string_view name, std::string_view body,
                              std::optional<int> timeout_seconds, const Version& version);

// DROP TASK `name` [FORCE]; DROP TASK also cancels a running run. IF EXISTS parses only from
// v4.0 (reference §14), so on older targets the statement is plain and the caller treats
// StarRocks's "does not exist" error (task_missing_error) as done: the task is gone either way.
std::string build_drop_task(std::string_view name, const Version& version, bool force = false);

// True when `message` is the error DROP TASK answers for a task that does not exist
// ("Task <name> is not exist", reference §5).
bool task_missing_error(std::string_view message);

// SELECT `TASK_NAME`, `STATE`, ... FROM information_schema.task_runs WHERE TASK_NAME = "t" (or
// IN). Column names are backquoted: DATABASE is a reserved word in every release (§14).
// Only TASK_NAME / QUERY_ID equality is pushed down to the FE, so the filter is on TASK_NAME.
std::string build_task_runs_query(const std::vector<std::string>& task_names);

// SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME LIKE "<prefix>%"
std::string build_list_tasks(std::string_view name_prefix);

// The columns build_task_runs_query selects, in order.
const std::vector<std::string>& task_runs_columns();

} // namespace exl::starrocks
