#include "exlschema/config/cluster_directory.hpp"

#include "exlschema/config/secrets.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"

namespace exl::config {
namespace {

std::string known_aliases(const ConfigFile& config,
                          const std::map<std::string, ClusterSettings>* registry) {
  std::string names;
  for (const auto& [alias, entry] : config.clusters) {
    names += (names.empty() ? "" : ", ") + alias;
  }
  if (registry != nullptr) {
    for (const auto& [alias, entry] : *registry) {
      names += (names.empty() ? "" : ", ") + alias;
    }
  }
  return names.empty() ? "none" : names;
}

// The server holding the registry table: an alias of the file, or the inline entry.
ClusterSettings registry_server(const ConfigFile& config) {
  const RegistrySettings& registry = *config.registry;
  if (registry.server) {
    return resolve_cluster(*registry.server, config.defaults.query_timeout_s);
  }
  const auto it = config.clusters.find(registry.cluster);
  if (it == config.clusters.end()) {
    throw ConfigError("exlSchema: " + registry.where + ".cluster: alias '" + registry.cluster +
                      "' is not defined under clusters:");
  }
  return resolve_cluster(it->second, config.defaults.query_timeout_s);
}

} // namespace

ClusterDirectory::ClusterDirectory(const ConfigFile& config, RegistryFetch fetch)
    : m_config(config), m_fetch(std::move(fetch)) {}

ClusterSettings ClusterDirectory::resolve(const std::string& alias, const std::string& flag) {
  if (const auto it = m_config.clusters.find(alias); it != m_config.clusters.end()) {
    return resolve_cluster(it->second, m_config.defaults.query_timeout_s);
  }
  const std::map<std::string, ClusterSettings>* registry = nullptr;
  if (m_config.registry) {
    registry = &registry_rows();
    if (const auto it = registry->find(alias); it != registry->end()) {
      return it->second;
    }
  }
  throw ConfigError("exlSchema: unknown cluster alias '" + alias + "' for " + flag + " (known in " +
                    m_config.path + (registry != nullptr ? " and its registry table" : "") + ": " +
                    known_aliases(m_config, registry) + ")");
}

const std::map<std::string, ClusterSettings>& ClusterDirectory::registry_rows() {
  if (!m_registry) {
    const RegistrySettings& registry = *m_config.registry;
    const ClusterSettings server = registry_server(m_config);
    util::log().debug("reading cluster registry {}.{} on {}:{}", registry.database, registry.table,
                      server.connection.host, server.connection.port);
    try {
      const auto rows = m_fetch(server.connection, registry_query(registry));
      m_registry = parse_registry_rows(rows, registry, m_config.defaults.query_timeout_s);
    } catch (const ConfigError&) {
      throw;
    } catch (const std::exception& e) {
      throw ConfigError("exlSchema: " + registry.where +
                        ": cannot read the registry table: " + e.what());
    }
  }
  return *m_registry;
}

} // namespace exl::config
