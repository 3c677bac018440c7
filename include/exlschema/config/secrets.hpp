#pragma once

#include "exlschema/config/cluster_settings.hpp"
#include "exlschema/config/config_file.hpp"
#include "exlschema/config/feishu_settings.hpp"
#include "exlschema/config/run_options.hpp"

#include <string>

// Turns the secret sources of the configuration into values: environment variables are read,
// password_enc is decrypted. Every value obtained is registered with exl::util::register_secret
// before it is returned, so it can never reach a log, a plan, a report or a message.
namespace exl::config {

// The password of `source` (empty for Kind::None). Throws exl::ConfigError naming the file, line
// and key when a variable is unset or a ciphertext does not decrypt with its key.
std::string resolve_password(const PasswordSource& source);

// `entry` with its password resolved, as connection settings: `query_timeout_s` is set on every
// session and the client's read/write timeouts are a margin longer, so the server times out
// first. The one path for clusters of the file and of the registry table.
ClusterSettings resolve_cluster(const ClusterEntry& entry, int query_timeout_s);

// The `feishu:` entry resolved: the webhook URL (built from `key` when only the key is given) and
// the signing secret from `secret_env`. Throws exl::ConfigError when `secret_env` is unset.
FeishuSettings resolve_feishu(const FeishuEntry& entry);

// `scs:` for a meta run: the secret key and the token read from their variables (registered as
// secrets). Throws exl::ConfigError when a named variable is unset or empty.
ScsSettings resolve_scs(const ScsEntry& entry);

// `storage:` for a files run: each location's keys from their variables (ConfigError naming the
// key when one is unset), registered as secrets.
StorageSettings resolve_storage(const StorageEntry& entry);

// The webhook URL Feishu gives for hook `key`.
std::string feishu_webhook_url(const std::string& key);

} // namespace exl::config
