#pragma once

#include "exlschema/config/cluster_settings.hpp"
#include "exlschema/config/config_file.hpp"
#include "exlschema/db/connection_params.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

// Looks up cluster aliases: first in the file's `clusters:`, then in the `registry:` table (read
// once, the first time an alias is not in the file, and only then: a run whose aliases are all in
// the file never connects to the registry cluster).
namespace exl::config {

// How the registry table is read: `db::fetch_all` in the program, a fake in tests.
using RegistryFetch =
    std::function<std::vector<db::Row>(const db::ConnectionParams&, const std::string&)>;

class ClusterDirectory {
public:
  ClusterDirectory(const ConfigFile& config, RegistryFetch fetch);

  // The cluster called `alias`, password resolved (and registered as a secret). Throws
  // exl::ConfigError for an unknown alias, naming `flag` (e.g. "-source") and the known aliases.
  ClusterSettings resolve(const std::string& alias, const std::string& flag);

private:
  const std::map<std::string, ClusterSettings>& registry_rows();

  const ConfigFile& m_config;
  RegistryFetch m_fetch;
  std::optional<std::map<std::string, ClusterSettings>> m_registry;
};

// The SELECT that reads `registry` (identifiers quoted by exl::starrocks).
std::string registry_query(const RegistrySettings& registry);

// Registry rows -> clusters. Throws exl::ConfigError for a row with a missing or bad value.
std::map<std::string, ClusterSettings> parse_registry_rows(const std::vector<db::Row>& rows,
                                                           const RegistrySettings& registry,
                                                           int query_timeout_s);

} // namespace exl::config
