#pragma once

#include "exlschema/commands/check_facts.hpp"
#include "exlschema/config/cluster_settings.hpp"

// The reading half of `exlSchema check`: one session per cluster, read-only statements only, in
// this order (every one from a builder of src/starrocks):
//   SELECT current_version()                     version
//   SELECT current_user()                        who the configured login is
//   SHOW GRANTS                                  the privileges the modes need
//   ADMIN SHOW FRONTEND CONFIG LIKE "run_mode"   shared-nothing or shared-data (needs OPERATE)
//   SHOW BACKENDS | SHOW COMPUTE NODES           nodes, Alive, MaxDiskUsedPct (needs OPERATE/NODE)
//   SHOW FRONTENDS                               FEs, Alive (needs OPERATE/NODE)
//   target only: ADMIN SHOW FRONTEND CONFIG LIKE "enable_legacy_compatibility_for_replication"
namespace exl::commands {

// Connects to `cluster` and reads what check reports. A failed connection or read is recorded in
// the result, never thrown: check reports every problem, not the first.
CheckedCluster probe_cluster(const config::ClusterSettings& cluster, ClusterRole role);

} // namespace exl::commands
