#pragma once

#include "exlschema/notify/feishu_config.hpp"
#include "exlschema/notify/http_poster.hpp"
#include "exlschema/notify/notifier.hpp"

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

// Posts run messages to a Feishu custom bot (signed when a secret is configured), with bounded
// retries. Failures are logged at warn and swallowed: a notification never changes the run.
namespace exl::notify {

class FeishuNotifier final : public Notifier {
public:
  using Clock = std::function<std::int64_t()>; // seconds since the epoch (for the signature)

  explicit FeishuNotifier(FeishuConfig config, std::unique_ptr<HttpPoster> poster = nullptr,
                          Clock clock = nullptr);

  void run_started(const RunStartInfo& info) override;
  void progress(const ProgressSnapshot& snapshot) override;
  void run_finished(const report::RunReport& report) override;
  void notice(const std::string& run_id, const std::string& text) override;
  int progress_interval_s() const override { return m_config.progress_interval_s; }

  // Sends `body` (signing it first when configured). True when Feishu accepted it. Never throws.
  bool send(const nlohmann::json& body) noexcept;

private:
  bool try_once(const std::string& payload, bool& retry);

  FeishuConfig m_config;
  std::unique_ptr<HttpPoster> m_poster;
  Clock m_clock;
};

} // namespace exl::notify
