#include "app/notifier_setup.hpp"

#include <gtest/gtest.h>

namespace exl::app {
namespace {

TEST(NotifierSetupTest, MapsEveryFeishuSetting) {
  const config::FeishuSettings settings{"https://open.feishu.cn/open-apis/bot/v2/hook/k", "sig",
                                        "http://p:3128", 60};
  const notify::FeishuConfig feishu = to_feishu_config(settings);
  EXPECT_EQ(feishu.webhook_url, settings.webhook_url);
  EXPECT_EQ(feishu.secret, "sig");
  EXPECT_EQ(feishu.proxy, "http://p:3128");
  EXPECT_EQ(feishu.progress_interval_s, 60);
}

TEST(NotifierSetupTest, NoFeishuSectionOrNonotifySendsNothing) {
  const config::RunOptions options; // feishu is nullopt for both cases
  const auto notifier = make_run_notifier(options);
  ASSERT_NE(notifier, nullptr);
  EXPECT_EQ(notifier->progress_interval_s(), 0);
}

TEST(NotifierSetupTest, ConfiguredFeishuKeepsItsProgressInterval) {
  config::RunOptions options;
  options.feishu = config::FeishuSettings{"https://example.invalid/hook/k", "", "", 120};
  EXPECT_EQ(make_run_notifier(options)->progress_interval_s(), 120);
}

} // namespace
} // namespace exl::app
