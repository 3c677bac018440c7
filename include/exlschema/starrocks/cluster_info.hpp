#pragma once

#include "exlschema/starrocks/partition_info.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What `exlSchema check` reads from a cluster's node lists, FE configuration and grants, parsed
// from the text the statements of cluster_info_sql.hpp return. Pure: column names and rows in,
// plain values out; a missing column or an unreadable cell leaves the field empty rather than
// failing, because the columns differ between releases (reference §8).
namespace exl::starrocks {

enum class NodeKind { Frontend, Backend, ComputeNode };

// One row of SHOW FRONTENDS, SHOW BACKENDS or SHOW COMPUTE NODES.
struct NodeInfo {
  NodeKind kind = NodeKind::Backend;
  std::string host;                        // IP
  std::string port;                        // QueryPort (FE) or HeartbeatPort (BE, CN)
  bool alive = false;                      // Alive = `true`
  std::string role;                        // FE: LEADER / FOLLOWER / OBSERVER
  std::optional<double> max_disk_used_pct; // BE: MaxDiskUsedPct (`44.72 %`)
  std::string error;                       // ErrMsg
};

// Rows of SHOW FRONTENDS / SHOW BACKENDS / SHOW COMPUTE NODES as `kind` nodes.
std::vector<NodeInfo> parse_nodes(NodeKind kind, const std::vector<std::string>& column_names,
                                  const std::vector<ResultRow>& rows);

// `44.72 %` (the SHOW BACKENDS percent format) -> 44.72; nullopt for anything else.
std::optional<double> parse_percent(std::string_view text);

// The backend whose MaxDiskUsedPct is highest; nullptr when none reports one.
const NodeInfo* fullest_backend(const std::vector<NodeInfo>& nodes);

// The Value of the row whose Key is exactly `key` in an ADMIN SHOW FRONTEND CONFIG result (both
// the newer `Key, AliasNames, Value, ...` and the older `Key, Value, ...` layouts); nullopt when
// the FE has no such item (e.g. run_mode before v3.0).
std::optional<std::string> parse_frontend_config_value(const std::vector<std::string>& column_names,
                                                       const std::vector<ResultRow>& rows,
                                                       std::string_view key);

// True when `run_mode` says the cluster is shared-data (`shared_data`, case-insensitive).
bool is_shared_data_run_mode(std::string_view run_mode);

} // namespace exl::starrocks
