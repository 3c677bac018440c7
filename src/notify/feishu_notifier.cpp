#include "exlschema/notify/feishu_notifier.hpp"

#include "exlschema/notify/feishu_payload.hpp"
#include "exlschema/runner/retry_policy.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <random>
#include <thread>

namespace exl::notify {
namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Feishu answers HTTP 200 with {"code":0,...} on success (older bots: "StatusCode":0) and a
// non-zero code with a message otherwise (e.g. 19021 for a bad signature).
bool accepted(const std::string& body, std::string& why) {
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    return true; // 200 without JSON: nothing says it failed
  }
  for (const char* key : {"code", "StatusCode"}) {
    if (json.contains(key) && json[key].is_number_integer() && json[key].get<int>() != 0) {
      why = "code " + std::to_string(json[key].get<int>()) + ": " + json.value("msg", "");
      return false;
    }
  }
  return true;
}

} // namespace

std::string webhook_url_from(const std::string& url_or_key) {
  if (url_or_key.empty() || url_or_key.find("://") != std::string::npos) {
    return url_or_key;
  }
  return "https://open.feishu.cn/open-apis/bot/v2/hook/" + url_or_key;
}

FeishuNotifier::FeishuNotifier(FeishuConfig config, std::unique_ptr<HttpPoster> poster, Clock clock)
    : m_config(std::move(config)), m_poster(std::move(poster)), m_clock(std::move(clock)) {
  m_config.webhook_url = webhook_url_from(m_config.webhook_url);
  if (!m_poster) {
    m_poster = std::make_unique<CurlPoster>();
  }
  if (!m_clock) {
    m_clock = now_seconds;
  }
  util::register_secret(m_config.secret);
}

void FeishuNotifier::run_started(const RunStartInfo& info) {
  send(text_message(start_text(info)));
}

void FeishuNotifier::progress(const ProgressSnapshot& snapshot) {
  send(text_message(progress_text(snapshot)));
}

void FeishuNotifier::run_finished(const report::RunReport& report) {
  try {
    send(final_card(report));
  } catch (const std::exception& e) {
    util::log().warn("feishu: final card not built: {}", e.what());
  }
}

void FeishuNotifier::notice(const std::string& run_id, const std::string& text) {
  send(text_message("exlSchema run " + run_id + ": " + util::redact(text)));
}

bool FeishuNotifier::send(const nlohmann::json& body) noexcept {
  try {
    runner::RetryPolicy policy;
    policy.max_attempts = std::max(m_config.max_attempts, 1);
    policy.initial_backoff = m_config.initial_backoff;
    policy.max_backoff = m_config.initial_backoff * 8;
    std::mt19937_64 rng{std::random_device{}()};
    for (int attempt = 1; attempt <= policy.max_attempts; ++attempt) {
      if (attempt > 1) {
        std::this_thread::sleep_for(policy.backoff(attempt, rng));
      }
      // Signed per attempt: Feishu rejects timestamps too far from its clock.
      nlohmann::json signed_body = body;
      if (!m_config.secret.empty()) {
        add_signature(signed_body, m_clock(), m_config.secret);
      }
      bool retry = false;
      // Text that is not UTF-8 (a server message in another encoding) is replaced with U+FFFD
      // rather than failing the message.
      if (try_once(signed_body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                   retry)) {
        return true;
      }
      if (!retry) {
        break;
      }
    }
  } catch (const std::exception& e) {
    util::log().warn("feishu: notification not sent: {}", e.what());
  }
  return false;
}

// One POST. Transport errors and 5xx are worth retrying; 4xx and Feishu error codes are not.
bool FeishuNotifier::try_once(const std::string& payload, bool& retry) {
  const HttpResponse r =
      m_poster->post(m_config.webhook_url, payload, m_config.proxy, m_config.timeout);
  std::string why;
  if (!r.error.empty()) {
    why = r.error;
    retry = true;
  } else if (r.status >= 500) {
    why = "HTTP " + std::to_string(r.status);
    retry = true;
  } else if (r.status >= 300 || r.status < 200) {
    why = "HTTP " + std::to_string(r.status) + " " + r.body.substr(0, 200);
  } else if (accepted(r.body, why)) {
    util::log().debug("feishu: message delivered");
    return true;
  }
  // The URL holds the webhook key: redact() hides it (/open-apis/bot/v2/hook/***).
  util::log().warn("feishu: posting to {} failed: {}", util::redact(m_config.webhook_url),
                   util::redact(why));
  return false;
}

std::unique_ptr<Notifier> make_notifier(const FeishuConfig& config, bool disabled) {
  if (disabled || config.webhook_url.empty()) {
    return std::make_unique<NullNotifier>();
  }
  return std::make_unique<FeishuNotifier>(config);
}

} // namespace exl::notify
