#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/notify/notifier.hpp"

#include <memory>

namespace exl::app {

// The notifier of a run: Feishu when `options.feishu` is set (the configuration has a `feishu:`
// section and `-nonotify` was not given), else one that sends nothing. notify does not depend on
// config, so the settings are mapped here.
std::unique_ptr<notify::Notifier> make_run_notifier(const config::RunOptions& options);

// `settings` as the notifier's own configuration type.
notify::FeishuConfig to_feishu_config(const config::FeishuSettings& settings);

} // namespace exl::app
