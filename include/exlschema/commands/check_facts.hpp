#pragma once

#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_grants.hpp"
#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <vector>

// What `exlSchema check` learned about one cluster (check_probe.cpp reads it, check_findings.cpp
// judges it, check_printer.cpp prints it). Plain data, so that the judging and the printing are
// tested without a server.
namespace exl::commands {

enum class ClusterRole { Source, Target };

// A statement the cluster refused or failed: which, and the server's (redacted) message.
struct ReadFailure {
  std::string statement;
  int error_number = 0;
  std::string message;
  bool access_denied = false; // 1227 / 5203 / 1142 / 1044: the user lacks a privilege
};

struct CheckedCluster {
  std::string alias;
  ClusterRole role = ClusterRole::Source;
  std::string address; // host:port as configured
  std::string login;   // the configured user

  // Set when no session could be opened; nothing below is then known.
  std::optional<ReadFailure> connect_failure;

  starrocks::Version version;
  std::string version_text; // current_version() as the server said it
  std::string current_user; // current_user(), e.g. 'u'@'%'
  std::optional<starrocks::Grants> grants;
  std::optional<bool> shared_data; // from the FE config run_mode; unknown when unreadable
  std::optional<std::vector<starrocks::NodeInfo>> frontends;
  std::optional<std::vector<starrocks::NodeInfo>> backends; // BEs, or CNs on shared-data
  // Target only: enable_legacy_compatibility_for_replication; nullopt when not read, "" when the
  // FE has no such item.
  std::optional<std::string> legacy_replication;
  std::vector<ReadFailure> failures; // every read that failed, in order
};

// The settings check judges against.
struct CheckLimits {
  int max_disk_used_pct = 80; // defaults.max_disk_used_pct
};

} // namespace exl::commands
