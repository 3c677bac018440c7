#include "exlschema/config/cluster_directory.hpp"
#include "exlschema/config/password_cipher.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

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

std::string row_password(const db::Row& row, const RegistrySettings& registry,
                         const std::string& where) {
  const auto it = row.find("password");
  std::string stored = (it == row.end() || !it->second) ? "" : *it->second;
  if (registry.column_key_env.empty() || stored.empty()) {
    return stored;
  }
  PasswordSource source{PasswordSource::Kind::Encrypted, stored, registry.column_key_env, where};
  return resolve_password(source);
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
    const std::string alias = column(row, "alias", registry.where + ": a row");
    const std::string where = context(registry, alias);
    ClusterSettings settings;
    settings.alias = alias;
    settings.connection.host = column(row, "host", where);
    settings.connection.port = port_column(row, "port", 9030, where);
    settings.connection.user = column(row, "user", where);
    settings.connection.password = row_password(row, registry, where);
    util::register_secret(settings.connection.password);
    settings.connection.query_timeout_s = query_timeout_s;
    settings.http_port = port_column(row, "http_port", 8030, where);
    settings.rpc_port = port_column(row, "rpc_port", 9020, where);
    clusters.emplace(alias, std::move(settings));
  }
  return clusters;
}

} // namespace exl::config
