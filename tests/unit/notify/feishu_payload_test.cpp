#include "exlschema/notify/feishu_payload.hpp"

#include <gtest/gtest.h>

using namespace exl::notify;
using exl::runner::TaskStatus;
using namespace std::chrono_literals;

namespace {

exl::report::RunReport sample_report() {
  exl::report::RunReport r;
  r.run_id = "20261121T120000-ab12";
  r.mode = "v2";
  r.source = "prod_a";
  r.target = "prod_b";
  r.start = std::chrono::system_clock::time_point{} + 1000s;
  r.end = r.start + 125s;
  r.exit_code = 1;
  exl::report::TableReport ok;
  ok.table = "sales.orders";
  ok.mode = "v2";
  ok.status = TaskStatus::Succeeded;
  ok.source_rows = 1000;
  ok.target_rows = 1000;
  ok.elapsed = 42s;
  exl::report::TableReport bad;
  bad.table = "sales.refunds";
  bad.mode = "v2";
  bad.status = TaskStatus::Failed;
  bad.source_rows = 10;
  bad.error = R"(target has more partitions; catalog "password"="hunter2")";
  bad.recommended_mode = "v4";
  r.tables = {ok, bad};
  exl::runner::TaskResult t;
  t.name = "sales.orders#p20240101";
  t.status = TaskStatus::Succeeded;
  t.attempts = 2;
  t.start = r.start;
  t.end = r.start + 3s;
  r.tasks = {t};
  return r;
}

std::string all_markdown(const nlohmann::json& card) {
  std::string text;
  for (const auto& e : card["card"]["elements"]) {
    if (e.contains("text")) {
      text += e["text"]["content"].get<std::string>() + "\n";
    }
  }
  return text;
}

} // namespace

TEST(FeishuPayloadTest, TextMessageHasFeishuShape) {
  const auto j = text_message("hello");
  EXPECT_EQ(j["msg_type"], "text");
  EXPECT_EQ(j["content"]["text"], "hello");
}

TEST(FeishuPayloadTest, StartAndProgressTextsCarryTheNumbers) {
  RunStartInfo info{"run1", "v1", "a", "b", 12, 3, false};
  const auto start = start_text(info);
  EXPECT_NE(start.find("run1"), std::string::npos);
  EXPECT_NE(start.find("-o v1"), std::string::npos);
  EXPECT_NE(start.find("12 table(s)"), std::string::npos);
  EXPECT_EQ(start.find("plan only"), std::string::npos);
  ProgressSnapshot p{"run1", 5, 12, 3, 1, 123456, 125s};
  EXPECT_EQ(progress_text(p), "exlSchema run run1 progress: 5/12 tasks done, 3 running, 1 failed, "
                              "123456 rows, elapsed 2m 05s");
}

TEST(FeishuPayloadTest, FinalCardListsTablesRowsTimesAndFailures) {
  const auto card = final_card(sample_report());
  EXPECT_EQ(card["msg_type"], "interactive");
  EXPECT_EQ(card["card"]["header"]["template"], "red");
  EXPECT_NE(card["card"]["header"]["title"]["content"].get<std::string>().find("failed"),
            std::string::npos);
  const std::string text = all_markdown(card);
  EXPECT_NE(text.find("**Total time** 2m 05s"), std::string::npos) << text;
  EXPECT_NE(text.find("sales.orders | ok | 1000 | 1000 | 42.0s"), std::string::npos) << text;
  EXPECT_NE(text.find("sales.refunds | failed | 10 | - |"), std::string::npos) << text;
  EXPECT_NE(text.find("sales.orders#p20240101 | ok | 3.0s | 2"), std::string::npos) << text;
  EXPECT_NE(text.find("sales.refunds: target has more partitions"), std::string::npos) << text;
  EXPECT_NE(text.find("(recommended: -o v4)"), std::string::npos) << text;
  EXPECT_EQ(card.dump().find("hunter2"), std::string::npos);
}

TEST(FeishuPayloadTest, ContentDiffersIsToldFromCountDiffers) {
  auto r = sample_report();
  r.tables[0].status = exl::runner::TaskStatus::Inconsistent;
  r.tables[0].outcome = "content differs";
  r.tables[0].error = "1 of 3 partition(s) differ";
  r.tables[1].status = exl::runner::TaskStatus::Inconsistent;
  r.tables[1].outcome = "count differs";
  r.tables[1].error = "1 of 3 partition(s) differ";
  const std::string text = all_markdown(final_card(r));
  EXPECT_NE(text.find("sales.orders: content differs: 1 of 3"), std::string::npos) << text;
  EXPECT_NE(text.find("sales.refunds: count differs: 1 of 3"), std::string::npos) << text;
}

TEST(FeishuPayloadTest, SuccessfulRunIsGreen) {
  auto r = sample_report();
  r.tables.pop_back();
  r.exit_code = 0;
  EXPECT_EQ(final_card(r)["card"]["header"]["template"], "green");
}

TEST(FeishuPayloadTest, LongTableListsAreCut) {
  auto r = sample_report();
  r.tables.assign(500, r.tables.front());
  const std::string text = all_markdown(final_card(r));
  EXPECT_NE(text.find("... and 440 more"), std::string::npos);
  EXPECT_LT(final_card(r).dump().size(), 20000U);
}

// Vectors computed independently with OpenSSL's command line (the key contains a newline):
//   printf "" | openssl dgst -sha256 -hmac "$(printf '%s\n%s' 1599360473 demo-secret)" -binary
//   (piped into `base64`)
TEST(FeishuPayloadTest, SignatureMatchesOpensslVector) {
  EXPECT_EQ(feishu_sign(1599360473, "demo-secret"), "3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
  EXPECT_EQ(feishu_sign(1700000000, "Sec+/=ret"), "9auVq+EL49RKaM09jwsnAeTGAdF/tvuJlE2J/ZXF6D4=");
}

TEST(FeishuPayloadTest, AddSignatureSetsTimestampAsStringAndSign) {
  auto body = text_message("x");
  add_signature(body, 1599360473, "demo-secret");
  EXPECT_EQ(body["timestamp"], "1599360473");
  EXPECT_EQ(body["sign"], "3/MaVZ8JLIy4TUG+7KSFJqvUkTKd+HWY8g+56DZWq8s=");
}

TEST(FeishuPayloadTest, DurationsAreHumanReadable) {
  EXPECT_EQ(format_duration(4200ms), "4.2s");
  EXPECT_EQ(format_duration(125s), "2m 05s");
  EXPECT_EQ(format_duration(3723s), "1h 02m 03s");
  EXPECT_EQ(format_duration(-5ms), "0.0s");
}

// A reason longer than the clip in Chinese (3 bytes a character): the clip falls inside a
// character unless it backs off to the character's start; a split character is invalid UTF-8,
// which nlohmann_json refuses to serialise, and the card was lost.
TEST(FeishuPayloadTest, ClipKeepsWholeUtf8Characters) {
  auto r = sample_report();
  std::string chinese;
  for (int i = 0; i < 150; ++i) {
    chinese += "表";
  }
  r.tables[1].error = "x" + chinese; // byte 300 is the middle of the 100th character
  const auto card = final_card(r);
  std::string dumped;
  ASSERT_NO_THROW(dumped = card.dump());
  std::string clipped = "x";
  for (int i = 0; i < 99; ++i) {
    clipped += "表";
  }
  EXPECT_NE(all_markdown(card).find("sales.refunds: " + clipped + "... (recommended: -o v4)"),
            std::string::npos);
}

TEST(FeishuPayloadTest, CancelledTablesAreCountedAndMarked) {
  auto r = sample_report();
  r.tables[1].status = TaskStatus::Cancelled;
  r.tables[1].error = "interrupted by SIGINT";
  const std::string text = all_markdown(final_card(r));
  EXPECT_NE(text.find("1 ok, 0 failed, 0 inconsistent, 0 skipped, 1 cancelled"), std::string::npos)
      << text;
  EXPECT_NE(text.find("⏹️ sales.refunds | cancelled"), std::string::npos) << text;
}
