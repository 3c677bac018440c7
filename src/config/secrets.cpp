#include "exlschema/config/secrets.hpp"

#include "exlschema/config/password_cipher.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

#include <cstdlib>

namespace exl::config {
namespace {

// The client waits this much longer than StarRocks' query_timeout, so that a statement that runs
// too long ends with the server's timeout error (a SQL error, reported as such) rather than a
// client read timeout (2013, lost connection: did the write happen or not?).
constexpr int k_client_timeout_margin_s = 60;

[[noreturn]] void fail(const std::string& where, const std::string& problem) {
  throw ConfigError("exlSchema: " + where + ": " + problem);
}

std::string read_env(const std::string& name, const std::string& where) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    fail(where, "environment variable " + name + " is not set");
  }
  return value;
}

std::string decrypt(const PasswordSource& source) {
  const std::string key = read_env(source.key_env, source.where);
  util::register_secret(key);
  const auto plain = mysql_aes_decrypt_base64(source.value, key);
  if (!plain) {
    fail(source.where, "does not decrypt with the key in " + source.key_env +
                           " (expected TO_BASE64(AES_ENCRYPT(password, key)))");
  }
  return *plain;
}

storage::StorageLocation resolve_location(const StorageLocationEntry& entry,
                                          const std::string& name) {
  storage::StorageLocation location;
  location.name = name;
  location.endpoint = entry.endpoint;
  location.bucket = entry.bucket;
  location.prefix = entry.prefix;
  location.region = entry.region;
  location.path_style = entry.path_style;
  location.access_key_env = entry.access_key_env;
  location.secret_key_env = entry.secret_key_env;
  location.access_key = read_env(entry.access_key_env, entry.where + ".access_key_env");
  location.secret_key = read_env(entry.secret_key_env, entry.where + ".secret_key_env");
  if (location.access_key.empty() || location.secret_key.empty()) {
    fail(entry.where, "the variables " + entry.access_key_env + " and " + entry.secret_key_env +
                          " must not be empty");
  }
  util::register_secret(location.access_key);
  util::register_secret(location.secret_key);
  return location;
}

} // namespace

std::string resolve_password(const PasswordSource& source) {
  std::string password;
  switch (source.kind) {
  case PasswordSource::Kind::None:
    return password;
  case PasswordSource::Kind::Plain:
    password = source.value;
    break;
  case PasswordSource::Kind::Env:
    password = read_env(source.value, source.where);
    break;
  case PasswordSource::Kind::Encrypted:
    password = decrypt(source);
    break;
  }
  util::register_secret(password);
  return password;
}

ClusterSettings resolve_cluster(const ClusterEntry& entry, int query_timeout_s) {
  ClusterSettings settings;
  settings.alias = entry.alias;
  settings.connection.host = entry.host;
  settings.connection.port = entry.port;
  settings.connection.user = entry.user;
  settings.connection.password = resolve_password(entry.password);
  settings.connection.query_timeout_s = query_timeout_s;
  settings.connection.read_timeout_s = query_timeout_s + k_client_timeout_margin_s;
  settings.connection.write_timeout_s = query_timeout_s + k_client_timeout_margin_s;
  settings.http_port = entry.http_port;
  settings.rpc_port = entry.rpc_port;
  return settings;
}

std::string feishu_webhook_url(const std::string& key) {
  return "https://open.feishu.cn/open-apis/bot/v2/hook/" + key;
}

FeishuSettings resolve_feishu(const FeishuEntry& entry) {
  FeishuSettings settings;
  settings.webhook_url = entry.webhook.empty() ? feishu_webhook_url(entry.key) : entry.webhook;
  if (!entry.key.empty()) {
    util::register_secret(entry.key);
  }
  // The hook key is the last path segment of the URL: whoever has it can post to the group.
  util::register_secret(settings.webhook_url.substr(settings.webhook_url.rfind('/') + 1));
  if (!entry.secret_env.empty()) {
    settings.secret = read_env(entry.secret_env, entry.where + ".secret_env");
    util::register_secret(settings.secret);
  }
  settings.proxy = entry.proxy;
  settings.progress_interval_s = entry.progress_interval_s;
  return settings;
}

ScsSettings resolve_scs(const ScsEntry& entry) {
  ScsSettings s;
  s.home = entry.home;
  if (!entry.secret_key_env.empty()) {
    s.secret_key = read_env(entry.secret_key_env, entry.where + ".secret_key_env");
    util::register_secret(s.secret_key);
  }
  if (!entry.source_token_env.empty()) {
    s.source_token = read_env(entry.source_token_env, entry.where + ".source_token_env");
    util::register_secret(s.source_token);
  }
  s.hosts = entry.hosts;
  s.properties = entry.properties;
  s.stall_timeout_s = entry.stall_timeout_s;
  s.stop_timeout_s = entry.stop_timeout_s;
  return s;
}

StorageSettings resolve_storage(const StorageEntry& entry) {
  StorageSettings settings;
  settings.format = entry.format;
  settings.source = resolve_location(entry.source, "source");
  if (entry.target) {
    settings.target = resolve_location(*entry.target, "target");
    if (settings.target->same_bucket(*settings.source)) {
      settings.target.reset(); // one bucket both clusters read: nothing to copy
    }
  }
  return settings;
}

} // namespace exl::config
