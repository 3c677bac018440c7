#include "config/config_sections.hpp"

#include "exlschema/starrocks/names.hpp"

#include <algorithm>

namespace exl::config {
namespace {

constexpr int k_max_port = 65535;

PasswordSource read_password(const YamlScope& scope) {
  PasswordSource source;
  int given = 0;
  for (const auto* const key : {"password", "password_env", "password_enc"}) {
    given += scope.has(key) ? 1 : 0;
  }
  if (given > 1) {
    scope.fail("password", "give only one of password, password_env, password_enc");
  }
  if (const auto plain = scope.get_string("password")) {
    return {PasswordSource::Kind::Plain, *plain, "", scope.where("password")};
  }
  if (scope.has("password_env")) {
    return {PasswordSource::Kind::Env, scope.require_string("password_env"), "",
            scope.where("password_env")};
  }
  if (scope.has("password_enc")) {
    if (!scope.has("secret_key_env")) {
      scope.fail("password_enc", "needs secret_key_env (the variable holding the AES key)");
    }
    return {PasswordSource::Kind::Encrypted, scope.require_string("password_enc"),
            scope.require_string("secret_key_env"), scope.where("password_enc")};
  }
  if (scope.has("secret_key_env")) {
    scope.fail("secret_key_env", "only makes sense together with password_enc");
  }
  source.where = scope.where();
  return source;
}

// The connection keys shared by `clusters.<alias>` and an inline `registry:` server.
ClusterEntry read_cluster_fields(const YamlScope& scope, const std::string& alias) {
  ClusterEntry entry;
  entry.alias = alias;
  entry.where = scope.where();
  entry.host = scope.require_string("host");
  entry.port = scope.get_int("port", 1, k_max_port).value_or(entry.port);
  entry.http_port = scope.get_int("http_port", 1, k_max_port).value_or(entry.http_port);
  entry.rpc_port = scope.get_int("rpc_port", 1, k_max_port).value_or(entry.rpc_port);
  entry.user = scope.require_string("user");
  entry.password = read_password(scope);
  return entry;
}

} // namespace

ClusterEntry read_cluster(const YamlScope& scope, const std::string& alias) {
  scope.allow_only({"host", "port", "http_port", "rpc_port", "user", "password", "password_env",
                    "password_enc", "secret_key_env"});
  return read_cluster_fields(scope, alias);
}

RegistrySettings read_registry(const YamlScope& scope) {
  scope.allow_only({"cluster", "host", "port", "user", "password", "password_env", "password_enc",
                    "secret_key_env", "table", "password_column_key_env"});
  RegistrySettings registry;
  registry.where = scope.where();
  if (scope.has("cluster") == scope.has("host")) {
    scope.fail({}, "give either 'cluster: <alias>' or host/port/user of the registry server");
  }
  if (scope.has("cluster")) {
    registry.cluster = scope.require_string("cluster");
  } else {
    registry.server = read_cluster_fields(scope, "registry");
  }
  const std::string table = scope.require_string("table");
  const auto dot = table.find('.');
  if (dot == std::string::npos || starrocks::validate_database_name(table.substr(0, dot)) ||
      starrocks::validate_table_name(table.substr(dot + 1))) {
    scope.fail("table", "expected db.table with valid StarRocks names (got '" + table + "')");
  }
  registry.database = table.substr(0, dot);
  registry.table = table.substr(dot + 1);
  registry.column_key_env = scope.get_string("password_column_key_env").value_or("");
  return registry;
}

FeishuEntry read_feishu(const YamlScope& scope) {
  scope.allow_only({"webhook", "key", "secret_env", "proxy", "progress_interval"});
  FeishuEntry feishu;
  feishu.where = scope.where();
  if (scope.has("webhook") == scope.has("key")) {
    scope.fail({}, "give either 'webhook: <url>' or 'key: <hook key>'");
  }
  feishu.webhook = scope.has("webhook") ? scope.require_string("webhook") : "";
  feishu.key = scope.has("key") ? scope.require_string("key") : "";
  if (!feishu.webhook.empty() && !feishu.webhook.starts_with("https://") &&
      !feishu.webhook.starts_with("http://")) {
    scope.fail("webhook", "expected an http(s):// URL");
  }
  feishu.secret_env = scope.has("secret_env") ? scope.require_string("secret_env") : "";
  feishu.proxy = scope.get_string("proxy").value_or("");
  feishu.progress_interval_s =
      scope.get_int("progress_interval", 0, 86400).value_or(feishu.progress_interval_s);
  return feishu;
}

// The two disk limits of the throttle (modes/throttle.hpp): pausing above critical would never
// happen, so critical below max is refused rather than silently reordered.
void read_disk_limits(const YamlScope& scope, Defaults& defaults) {
  defaults.max_disk_used_pct =
      scope.get_int("max_disk_used_pct", 1, 100).value_or(defaults.max_disk_used_pct);
  const auto critical = scope.get_int("critical_disk_used_pct", 1, 100);
  if (critical && *critical < defaults.max_disk_used_pct) {
    scope.fail("critical_disk_used_pct", "must be at least max_disk_used_pct (" +
                                             std::to_string(defaults.max_disk_used_pct) +
                                             "), got " + std::to_string(*critical));
  }
  defaults.critical_disk_used_pct =
      critical.value_or(std::max(defaults.critical_disk_used_pct, defaults.max_disk_used_pct));
}

Defaults read_defaults(const YamlScope& scope) {
  scope.allow_only({"thread", "speed_gb", "query_timeout", "max_disk_used_pct",
                    "critical_disk_used_pct", "external_metadata_wait_s"});
  Defaults defaults;
  defaults.thread = scope.get_int("thread", 1, 256).value_or(defaults.thread);
  defaults.speed_gb = scope.get_positive_double("speed_gb").value_or(defaults.speed_gb);
  defaults.query_timeout_s =
      scope.get_int("query_timeout", 1, 259200).value_or(defaults.query_timeout_s);
  read_disk_limits(scope, defaults);
  defaults.external_metadata_wait_s = scope.get_int("external_metadata_wait_s", 1, 86400)
                                          .value_or(defaults.external_metadata_wait_s);
  return defaults;
}

} // namespace exl::config
