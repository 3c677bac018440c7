#include "exlschema/config/cluster_directory.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/util/errors.hpp"

#include <array>
#include <charconv>

namespace exl::config {
namespace {

constexpr std::array<const char*, 7> k_columns = {"alias",    "host", "port",    "http_port",
                                                  "rpc_port", "user", "password"};

std::string context(const RegistrySettings& registry, const std::string& alias) {
  return registry.where + ": registry row '" + alias + "'";
}

std::string column(const db::Row& row, const std::string& name, const std::string& where) {
  const auto it = row.find(name);
  if (it == row.end() || !it->second) {
    throw ConfigError("exlSchema: " + where + ": column " + name + " is missing or NULL");
  }
  return *it->second;
}

int port_column(const db::Row& row, const std::string& name, int fallback,
                const std::string& where) {
  const auto it = row.find(name);
  if (it == row.end() || !it->second || it->second->empty()) {
    return fallback;
  }
  const std::string& text = *it->second;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 1 || value > 65535) {
    throw ConfigError("exlSchema: " + where + ": column " + name + " is not a port (got '" + text +
                      "')");
  }
  return value;
}

// The password column as a source like the file's: plain, or password_enc-style ciphertext when
// `password_column_key_env` names the key.
PasswordSource row_password(const db::Row& row, const RegistrySettings& registry,
                            const std::string& where) {
  const auto it = row.find("password");
  const std::string stored = (it == row.end() || !it->second) ? "" : *it->second;
  if (stored.empty()) {
    return {PasswordSource::Kind::None, "", "", where};
  }
  if (registry.column_key_env.empty()) {
    return {PasswordSource::Kind::Plain, stored, "", where};
  }
  return {PasswordSource::Kind::Encrypted, stored, registry.column_key_env, where};
}

// A row as the entry a `clusters:` mapping would give, so that both go through resolve_cluster.
ClusterEntry row_entry(const db::Row& row, const RegistrySettings& registry) {
  ClusterEntry entry;
  entry.alias = column(row, "alias", registry.where + ": a row");
  entry.where = context(registry, entry.alias);
  entry.host = column(row, "host", entry.where);
  entry.port = port_column(row, "port", entry.port, entry.where);
  entry.http_port = port_column(row, "http_port", entry.http_port, entry.where);
  entry.rpc_port = port_column(row, "rpc_port", entry.rpc_port, entry.where);
  entry.user = column(row, "user", entry.where);
  entry.password = row_password(row, registry, entry.where);
  return entry;
}

} // namespace

std::string registry_query(const RegistrySettings& registry) {
  std::string sql = "SELECT ";
  for (const char* name : k_columns) {
    sql += (sql.size() > 7 ? ", " : "") + starrocks::quote_identifier(name);
  }
  return sql + " FROM " + starrocks::quote_qualified(registry.database, registry.table);
}

std::map<std::string, ClusterSettings> parse_registry_rows(const std::vector<db::Row>& rows,
                                                           const RegistrySettings& registry,
                                                           int query_timeout_s) {
  std::map<std::string, ClusterSettings> clusters;
  for (const db::Row& row : rows) {
    const ClusterEntry entry = row_entry(row, registry);
    clusters.emplace(entry.alias, resolve_cluster(entry, query_timeout_s));
  }
  return clusters;
}

} // namespace exl::config
