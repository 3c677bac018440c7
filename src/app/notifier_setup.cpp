#include "app/notifier_setup.hpp"

#include "exlschema/notify/feishu_config.hpp"

namespace exl::app {

notify::FeishuConfig to_feishu_config(const config::FeishuSettings& settings) {
  notify::FeishuConfig feishu;
  feishu.webhook_url = settings.webhook_url;
  feishu.secret = settings.secret;
  feishu.proxy = settings.proxy;
  feishu.progress_interval_s = settings.progress_interval_s;
  return feishu;
}

std::unique_ptr<notify::Notifier> make_run_notifier(const config::RunOptions& options) {
  if (!options.feishu) {
    return notify::make_notifier(notify::FeishuConfig{}, true);
  }
  return notify::make_notifier(to_feishu_config(*options.feishu), false);
}

} // namespace exl::app
