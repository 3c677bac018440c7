#include "exlschema/notify/feishu_notifier.hpp"
#include "exlschema/notify/feishu_payload.hpp"
#include "support/http_receiver.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

using exl::test::HttpReceiver;
using namespace exl::notify;
using namespace std::chrono_literals;

namespace {

const std::string k_hook_path = "/open-apis/bot/v2/hook/test-key-123";
const std::string k_secret = "it-secret-xyz";

FeishuConfig config_for(const HttpReceiver& receiver) {
  FeishuConfig c;
  c.webhook_url = receiver.url(k_hook_path);
  c.secret = k_secret;
  c.timeout = 1000ms;
  c.max_attempts = 2;
  c.initial_backoff = 10ms;
  return c;
}

exl::report::RunReport small_report() {
  exl::report::RunReport r;
  r.run_id = "run-it";
  r.mode = "v1";
  r.source = "src";
  r.target = "dst";
  r.start = std::chrono::system_clock::now() - 65s;
  r.end = std::chrono::system_clock::now();
  exl::report::TableReport t;
  t.table = "db1.orders";
  t.status = exl::runner::TaskStatus::Inconsistent;
  t.source_rows = 10;
  t.target_rows = 9;
  t.recommended_mode = "v2";
  r.tables = {t};
  r.exit_code = 3;
  return r;
}

// The signature Feishu would compute for this body's timestamp.
void expect_signed(const nlohmann::json& body) {
  ASSERT_TRUE(body.contains("timestamp"));
  const auto ts = std::stoll(body["timestamp"].get<std::string>());
  EXPECT_EQ(body["sign"], feishu_sign(ts, k_secret));
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  EXPECT_LE(std::llabs(now - ts), 60); // Feishu rejects timestamps far from its clock
}

} // namespace

TEST(FeishuWebhookTest, PostsSignedStartProgressAndFinalCard) {
  HttpReceiver receiver(HttpReceiver::Mode::Record);
  FeishuNotifier notifier(config_for(receiver));
  notifier.run_started(RunStartInfo{"run-it", "v1", "src", "dst", 1, 3, false});
  notifier.progress(ProgressSnapshot{"run-it", 1, 4, 2, 0, 500, 30s});
  notifier.run_finished(small_report());
  ASSERT_TRUE(receiver.wait_for_requests(3, 5s));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3U);
  for (const auto& r : requests) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.target, k_hook_path);
    EXPECT_NE(r.headers.at("content-type").find("application/json"), std::string::npos);
    expect_signed(nlohmann::json::parse(r.body));
  }
  const auto start = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(start["msg_type"], "text");
  EXPECT_NE(start["content"]["text"].get<std::string>().find("run-it started"), std::string::npos);
  const auto progress = nlohmann::json::parse(requests[1].body);
  EXPECT_NE(progress["content"]["text"].get<std::string>().find("1/4 tasks done"),
            std::string::npos);
  const auto card = nlohmann::json::parse(requests[2].body);
  EXPECT_EQ(card["msg_type"], "interactive");
  EXPECT_EQ(card["card"]["header"]["template"], "orange");
  const std::string dumped = card.dump();
  EXPECT_NE(dumped.find("db1.orders | inconsistent | 10 | 9"), std::string::npos) << dumped;
  EXPECT_NE(dumped.find("recommended: -o v2"), std::string::npos);
  EXPECT_EQ(dumped.find(k_secret), std::string::npos);
}

TEST(FeishuWebhookTest, ProxyCarriesTheWebhookRequest) {
  HttpReceiver webhook(HttpReceiver::Mode::Record);
  HttpReceiver proxy(HttpReceiver::Mode::Proxy);
  auto config = config_for(webhook);
  config.proxy = proxy.url("");
  FeishuNotifier notifier(config);
  EXPECT_TRUE(notifier.send(text_message("through the proxy")));
  ASSERT_TRUE(proxy.wait_for_requests(1, 5s));
  ASSERT_TRUE(webhook.wait_for_requests(1, 5s));
  // The proxy saw the absolute-form request for the webhook URL, and forwarded it.
  EXPECT_EQ(proxy.requests()[0].target, webhook.url(k_hook_path));
  EXPECT_EQ(webhook.requests()[0].target, k_hook_path);
  EXPECT_EQ(nlohmann::json::parse(webhook.requests()[0].body)["content"]["text"],
            "through the proxy");
}

TEST(FeishuWebhookTest, ServerErrorIsRetriedThenGivenUpWithoutThrowing) {
  HttpReceiver receiver(HttpReceiver::Mode::Fail500);
  FeishuNotifier notifier(config_for(receiver));
  bool sent = true;
  EXPECT_NO_THROW(sent = notifier.send(text_message("x")));
  EXPECT_FALSE(sent);
  EXPECT_EQ(receiver.requests().size(), 2U); // max_attempts
  EXPECT_NO_THROW(notifier.run_finished(small_report()));
}

TEST(FeishuWebhookTest, HangingWebhookIsAbandonedWithinTheTimeoutBound) {
  HttpReceiver receiver(HttpReceiver::Mode::Hang);
  auto config = config_for(receiver);
  config.timeout = 500ms;
  FeishuNotifier notifier(config);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(notifier.send(text_message("x")));
  const auto elapsed = std::chrono::steady_clock::now() - start;
  // Two attempts of 0.5 s plus at most one backoff of 10 ms, with slack for a busy machine.
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 4s);
  EXPECT_EQ(receiver.requests().size(), 2U);
}

TEST(FeishuWebhookTest, UnreachableWebhookDoesNotThrow) {
  FeishuConfig config;
  config.webhook_url = "http://127.0.0.1:1" + k_hook_path;
  config.timeout = 500ms;
  config.max_attempts = 2;
  config.initial_backoff = 1ms;
  FeishuNotifier notifier(config);
  EXPECT_NO_THROW(notifier.run_started(RunStartInfo{}));
  EXPECT_FALSE(notifier.send(text_message("x")));
}

// A failure reason in Chinese longer than the card's clip: the card still reaches the webhook as
// valid JSON, with the reason cut between two characters.
TEST(FeishuWebhookTest, ChineseReasonAtTheClipStillDeliversTheCard) {
  HttpReceiver receiver(HttpReceiver::Mode::Record);
  FeishuNotifier notifier(config_for(receiver));
  auto report = small_report();
  report.tables[0].status = exl::runner::TaskStatus::Failed;
  report.tables[0].error = "x";
  for (int i = 0; i < 150; ++i) {
    report.tables[0].error += "表"; // 3 bytes: the clip at byte 300 falls inside one
  }
  notifier.run_finished(report);
  ASSERT_TRUE(receiver.wait_for_requests(1, 5s));
  const auto card = nlohmann::json::parse(receiver.requests().at(0).body);
  EXPECT_NE(card.dump().find("db1.orders: x表"), std::string::npos);
}
