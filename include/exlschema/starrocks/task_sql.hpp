#pragma once

#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Asynchronous tasks (reference §5): SUBMIT TASK (INSERT body v3.0+), DROP TASK, and the
// information_schema.task_runs poll.
namespace exl::starrocks {

// SUBMIT TASK `name` [PROPERTIES ("session.<timeout var>" = "<n>")] AS <body>.
// The timeout property is session.insert_timeout on v3.4+ (where insert_timeout governs INSERT)
// and session.query_timeout before.
std::string build_submit_task(std::string_view name, std::string_view body,
                              std::optional<int> timeout_seconds, const Version& version);

// DROP TASK [IF EXISTS] `name` [FORCE]; DROP TASK also cancels a running run.
std::string build_drop_task(std::string_view name, bool if_exists = false, bool force = false);

// SELECT TASK_NAME, STATE, ... FROM information_schema.task_runs WHERE TASK_NAME = "t" (or IN).
// Only TASK_NAME / QUERY_ID equality is pushed down to the FE, so the filter is on TASK_NAME.
std::string build_task_runs_query(const std::vector<std::string>& task_names);

// SELECT TASK_NAME FROM information_schema.tasks WHERE TASK_NAME LIKE "<prefix>%"
std::string build_list_tasks(std::string_view name_prefix);

// The columns build_task_runs_query selects, in order.
const std::vector<std::string>& task_runs_columns();

} // namespace exl::starrocks
