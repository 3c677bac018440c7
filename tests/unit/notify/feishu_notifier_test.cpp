#include "exlschema/notify/feishu_notifier.hpp"
#include "exlschema/notify/feishu_payload.hpp"
#include "exlschema/notify/progress_reporter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

using namespace exl::notify;
using namespace std::chrono_literals;

namespace {

struct Sent {
  std::string url;
  std::string body;
  std::string proxy;
};

// Records every post and answers with the scripted responses (the last one repeats).
class FakePoster : public HttpPoster {
public:
  explicit FakePoster(std::vector<HttpResponse> script, std::vector<Sent>* sent)
      : m_script(std::move(script)), m_sent(sent) {}
  HttpResponse post(const std::string& url, const std::string& body, const std::string& proxy,
                    std::chrono::milliseconds /*timeout*/) override {
    m_sent->push_back({url, body, proxy});
    const auto i = std::min(m_sent->size() - 1, m_script.size() - 1);
    return m_script[i];
  }

private:
  std::vector<HttpResponse> m_script;
  std::vector<Sent>* m_sent;
};

HttpResponse ok() {
  return {200, R"({"code":0,"msg":"success"})", ""};
}

FeishuConfig config() {
  FeishuConfig c;
  c.webhook_url = "abc-key";
  c.secret = "demo-secret";
  c.proxy = "http://proxy:3128";
  c.initial_backoff = 1ms;
  c.max_attempts = 3;
  return c;
}

} // namespace

TEST(FeishuNotifierTest, BareKeyBecomesTheStandardUrl) {
  EXPECT_EQ(webhook_url_from("k1"), "https://open.feishu.cn/open-apis/bot/v2/hook/k1");
  EXPECT_EQ(webhook_url_from("http://127.0.0.1:1/x"), "http://127.0.0.1:1/x");
}

TEST(FeishuNotifierTest, SignsEveryMessageAndUsesTheProxy) {
  std::vector<Sent> sent;
  FeishuNotifier n(config(), std::make_unique<FakePoster>(std::vector{ok()}, &sent),
                   [] { return std::int64_t{1599360473}; });
  n.run_started(RunStartInfo{"r1", "v2", "a", "b", 2, 3, false});
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].url, "https://open.feishu.cn/open-apis/bot/v2/hook/abc-key");
  EXPECT_EQ(sent[0].proxy, "http://proxy:3128");
  const auto body = nlohmann::json::parse(sent[0].body);
  EXPECT_EQ(body["msg_type"], "text");
  EXPECT_EQ(body["timestamp"], "1599360473");
  EXPECT_EQ(body["sign"], "3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
}

TEST(FeishuNotifierTest, UnsignedWithoutSecret) {
  std::vector<Sent> sent;
  auto c = config();
  c.secret.clear();
  FeishuNotifier n(c, std::make_unique<FakePoster>(std::vector{ok()}, &sent));
  EXPECT_TRUE(n.send(text_message("x")));
  const auto body = nlohmann::json::parse(sent.at(0).body);
  EXPECT_FALSE(body.contains("sign"));
  EXPECT_FALSE(body.contains("timestamp"));
}

TEST(FeishuNotifierTest, Retries5xxAndTransportErrorsThenGivesUpWithoutThrowing) {
  std::vector<Sent> sent;
  FeishuNotifier n(
      config(),
      std::make_unique<FakePoster>(
          std::vector<HttpResponse>{{500, "oops", ""}, {0, "", "Timeout was reached"}}, &sent));
  EXPECT_FALSE(n.send(text_message("x")));
  EXPECT_EQ(sent.size(), 3U); // max_attempts
}

TEST(FeishuNotifierTest, RecoversWhenARetrySucceeds) {
  std::vector<Sent> sent;
  FeishuNotifier n(config(), std::make_unique<FakePoster>(
                                 std::vector<HttpResponse>{{503, "", ""}, ok()}, &sent));
  EXPECT_TRUE(n.send(text_message("x")));
  EXPECT_EQ(sent.size(), 2U);
}

TEST(FeishuNotifierTest, FeishuErrorCodesAndClientErrorsAreNotRetried) {
  std::vector<Sent> sent;
  FeishuNotifier bad_sign(config(), std::make_unique<FakePoster>(
                                        std::vector<HttpResponse>{
                                            {200, R"({"code":19021,"msg":"sign match fail"})", ""}},
                                        &sent));
  EXPECT_FALSE(bad_sign.send(text_message("x")));
  EXPECT_EQ(sent.size(), 1U);
  sent.clear();
  FeishuNotifier not_found(
      config(), std::make_unique<FakePoster>(std::vector<HttpResponse>{{404, "", ""}}, &sent));
  EXPECT_FALSE(not_found.send(text_message("x")));
  EXPECT_EQ(sent.size(), 1U);
}

TEST(FeishuNotifierTest, MakeNotifierHonoursNonotifyAndMissingWebhook) {
  EXPECT_NE(dynamic_cast<NullNotifier*>(make_notifier(config(), true).get()), nullptr);
  EXPECT_NE(dynamic_cast<NullNotifier*>(make_notifier(FeishuConfig{}, false).get()), nullptr);
  EXPECT_NE(dynamic_cast<FeishuNotifier*>(make_notifier(config(), false).get()), nullptr);
}

namespace {

class CountingNotifier : public Notifier {
public:
  std::atomic<int> progress_calls{0};
  std::atomic<int> last_done{-1};
  void run_started(const RunStartInfo& /*info*/) override {}
  void progress(const ProgressSnapshot& s) override {
    last_done = s.done;
    ++progress_calls;
  }
  void run_finished(const exl::report::RunReport& /*report*/) override {}
  int progress_interval_s() const override { return 1; }
};

} // namespace

TEST(ProgressReporterTest, PostsRepeatedlyUntilStopped) {
  CountingNotifier n;
  std::atomic<int> done{0};
  ProgressReporter reporter(n, 5ms, [&] { return ProgressSnapshot{"r", ++done, 10}; });
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (n.progress_calls < 3 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms); // polling with a deadline
  }
  reporter.stop();
  const int calls = n.progress_calls;
  EXPECT_GE(calls, 3);
  EXPECT_EQ(n.last_done.load(), calls);
  // stop() joined the thread: nothing can arrive any more.
  reporter.stop();
  EXPECT_EQ(n.progress_calls.load(), calls);
}

TEST(ProgressReporterTest, StopDoesNotWaitForTheInterval) {
  CountingNotifier n;
  const auto start = std::chrono::steady_clock::now();
  {
    ProgressReporter reporter(n, 1h, [] { return ProgressSnapshot{}; });
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(n.progress_calls.load(), 0);
}

// Text that is not UTF-8 at all (a server message in another encoding) must not cost the final
// card: the bad bytes are replaced when the body is serialised.
TEST(FeishuNotifierTest, FinalCardWithInvalidUtf8IsStillSent) {
  std::vector<Sent> sent;
  FeishuNotifier n(config(), std::make_unique<FakePoster>(std::vector{ok()}, &sent));
  exl::report::RunReport report;
  report.run_id = "r1";
  exl::report::TableReport table;
  table.table = "db.t";
  table.status = exl::runner::TaskStatus::Failed;
  table.error = "bad \xff\xfe bytes";
  report.tables.push_back(table);
  n.run_finished(report);
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_NE(sent[0].body.find("db.t: bad \xef\xbf\xbd\xef\xbf\xbd bytes"), std::string::npos)
      << sent[0].body;
}
