#include "app/notifier_setup.hpp"
#include "exlschema/notify/feishu_notifier.hpp"

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

// The kind of notifier built, not one of its settings: a Feishu notifier configured with no
// progress messages also answers 0 for the interval.
TEST(NotifierSetupTest, NoFeishuSectionOrNonotifySendsNothing) {
  const config::RunOptions options; // feishu is nullopt for both cases
  const auto notifier = make_run_notifier(options);
  EXPECT_NE(dynamic_cast<notify::NullNotifier*>(notifier.get()), nullptr);
}

TEST(NotifierSetupTest, ConfiguredFeishuBuildsAFeishuNotifier) {
  config::RunOptions options;
  options.feishu = config::FeishuSettings{"https://example.invalid/hook/k", "", "", 120};
  const auto notifier = make_run_notifier(options);
  ASSERT_NE(dynamic_cast<notify::FeishuNotifier*>(notifier.get()), nullptr);
  EXPECT_EQ(notifier->progress_interval_s(), 120);
}

} // namespace
} // namespace exl::app
