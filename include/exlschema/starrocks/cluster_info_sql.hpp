#pragma once

#include <string>
#include <string_view>

// The read-only statements `exlSchema check` sends to look at a cluster (reference §8 and the
// StarRocks docs cited per builder). None of them changes anything; the node lists and the FE
// configuration need the SYSTEM-level OPERATE (or NODE) privilege.
namespace exl::starrocks {

// SELECT current_user() -> `'user'@'%'` (docs: sql-functions/utility-functions/current_user.md).
std::string build_current_user();

// SHOW GRANTS: the current user's own grants; any user may run it on itself (docs:
// account-management/SHOW_GRANTS.md).
std::string build_show_grants();

// SHOW BACKENDS (docs: Administration/SHOW_BACKENDS.md; src: common/proc/BackendsProcDir.java).
std::string build_show_backends();

// SHOW COMPUTE NODES, the node list of a shared-data cluster (docs:
// cluster-management/nodes_processes/SHOW_COMPUTE_NODES.md).
std::string build_show_compute_nodes();

// SHOW FRONTENDS (src: common/proc/FrontendsProcNode.java).
std::string build_show_frontends();

// ADMIN SHOW FRONTEND CONFIG LIKE "key" (docs: ADMIN_SHOW_CONFIG.md). `_` in a LIKE pattern
// matches any one character, so the result may hold more keys than `key`: read it with
// parse_frontend_config_value, which takes the exact key.
std::string build_show_frontend_config(std::string_view key);

// The FE configuration items check reads: `run_mode` (shared_nothing / shared_data, v3.0+; docs:
// administration/management/FE_configuration.md) and the flag the official migration tool needs on
// the target (docs: administration/data_migration_tool.md, "Configure the target cluster").
inline constexpr std::string_view k_run_mode_config = "run_mode";
inline constexpr std::string_view k_legacy_replication_config =
    "enable_legacy_compatibility_for_replication";
// Compaction of a shared-data cluster: 0 turns it off, -1 (the default) lets StarRocks decide.
// The migration tool's docs ask for 0 on a shared-data target below v3.3.10 for the duration of
// the migration (docs 3.3: administration/data_migration_tool.md, "Disable Compaction").
inline constexpr std::string_view k_lake_compaction_config = "lake_compaction_max_tasks";

// ADMIN SET FRONTEND CONFIG ("key" = "value"): changes a mutable FE setting until the FE restarts
// (no WITH PERSISTENT: exlSchema sets it back itself; docs: ADMIN_SET_CONFIG.md). Needs OPERATE.
std::string build_set_frontend_config(std::string_view key, std::string_view value);

} // namespace exl::starrocks
