#pragma once

#include "exlschema/db/connection_params.hpp"
#include "exlschema/starrocks/version.hpp"

#include <string>

// What the engine learns about a cluster before planning (read-only): its version (every builder
// takes it), whether it runs shared-data, and its time zone (the target's sessions take the
// source's, so that DATETIME values are not shifted by a copy).
namespace exl::modes {

struct ClusterFacts {
  std::string alias;
  std::string version_text; // as current_version() prints it
  starrocks::Version version;
  bool shared_data = false;
  std::string time_zone; // the session time_zone a fresh connection gets
};

// Connects once with `params` and reads the facts. Throws db::SqlError when the cluster does
// not answer.
ClusterFacts read_cluster_facts(const std::string& alias, const db::ConnectionParams& params);

} // namespace exl::modes
