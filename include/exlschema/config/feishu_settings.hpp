#pragma once

#include <string>

// The `feishu:` section of the configuration, resolved: plain data for the notifier
// (src/notify). Secrets in here (`webhook_url` key, `secret`) are registered with
// exl::util::register_secret when the configuration is loaded.
namespace exl::config {

struct FeishuSettings {
  // Full webhook URL (`https://open.feishu.cn/open-apis/bot/v2/hook/<key>`); built from `key:`
  // when only the key is configured. Empty: no Feishu messages.
  std::string webhook_url;
  // Signing secret of a signed webhook (from `secret_env`); empty: unsigned.
  std::string secret;
  // HTTP proxy for the webhook only (`http://host:port`); empty: direct.
  std::string proxy;
  // Seconds between progress messages; 0: none.
  int progress_interval_s = 300;
};

} // namespace exl::config
