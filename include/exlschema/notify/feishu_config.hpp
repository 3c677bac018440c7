#pragma once

#include <chrono>
#include <string>

// How to reach the Feishu custom bot. The app maps config::FeishuSettings onto this (notify does
// not depend on config). `webhook_url` and `secret` are secrets: never logged (redact hides the
// webhook key; the app registers the secret).
namespace exl::notify {

struct FeishuConfig {
  // Full webhook URL, or a bare key (see webhook_url_from). Empty: no messages.
  std::string webhook_url;
  // Signing secret of a signed webhook; empty: requests are not signed.
  std::string secret;
  // HTTP proxy (`http://host:port`) used for the webhook only; empty: direct, and proxy
  // environment variables are ignored too, so that what is configured is what happens.
  std::string proxy;
  // Seconds between progress messages; 0: none.
  int progress_interval_s = 300;
  // Per request (connect + transfer).
  std::chrono::milliseconds timeout{5000};
  // Attempts per message (the first included) and the first backoff; a webhook that is down
  // costs at most max_attempts * timeout plus the backoffs.
  int max_attempts = 3;
  std::chrono::milliseconds initial_backoff{500};
};

// `url_or_key` unchanged when it is a URL (contains "://"), else the standard Feishu webhook URL
// for that key: https://open.feishu.cn/open-apis/bot/v2/hook/<key>.
std::string webhook_url_from(const std::string& url_or_key);

} // namespace exl::notify
