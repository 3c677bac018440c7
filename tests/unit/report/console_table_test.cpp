#include "exlschema/report/console_table.hpp"
#include "exlschema/report/format.hpp"
#include "sample_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <sstream>

namespace exl::report {
namespace {

using ::testing::HasSubstr;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    out.push_back(line);
  }
  return out;
}

TEST(ConsoleTableTest, HeaderRowsAndSummary) {
  const auto out = lines(render_console_table(test::sample_report()));
  ASSERT_GE(out.size(), 5U);
  EXPECT_EQ(out[0], "table       mode  status        outcome  source rows  target rows  "
                    "audited/rewritten   time");
  EXPECT_EQ(out[1], "ods.orders  v2    ok            loaded     1,234,567    1,234,567          "
                    "     12/3  1m01s");
  EXPECT_EQ(out[2], "ods.users   v2    failed        failed             -            -          "
                    "      0/0  800ms");
  EXPECT_EQ(out[4], "3 table(s): 1 ok, 1 failed, 1 inconsistent, 0 skipped; total time 2m05s");
}

TEST(ConsoleTableTest, ProblemsWithReasonAndRecommendedMode) {
  const std::string text = render_console_table(test::sample_report());
  EXPECT_THAT(text, HasSubstr("  ods.users: Access denied"));
  EXPECT_THAT(text, HasSubstr("  ods.events: differs (recommended: -o v4)"));
  EXPECT_EQ(text.find("hunter22"), std::string::npos);
}

TEST(ConsoleTableTest, NotesFollowTheirTableRedacted) {
  RunReport report = test::sample_report();
  report.tables[0].notes = {"waited 12 s for the target's metadata", "password=hunter22 seen"};
  const std::string text = render_console_table(report);
  EXPECT_THAT(text, HasSubstr("  ods.orders: note: waited 12 s for the target's metadata\n"));
  EXPECT_EQ(text.find("hunter22"), std::string::npos);
}

TEST(ConsoleTableTest, PlanOnlyRunSaysPlannedNotOk) {
  RunReport report = test::sample_report();
  report.dry_run = true;
  const auto out = lines(render_console_table(report));
  EXPECT_EQ(out[1].rfind("ods.orders  v2    planned", 0), 0U) << out[1];
}

TEST(ConsoleTableTest, EmptyRun) {
  RunReport report;
  EXPECT_THAT(render_console_table(report), HasSubstr("0 table(s): 0 ok"));
}

TEST(FormatTest, Durations) {
  using std::chrono::milliseconds;
  EXPECT_EQ(format_duration(milliseconds(0)), "0ms");
  EXPECT_EQ(format_duration(milliseconds(999)), "999ms");
  EXPECT_EQ(format_duration(milliseconds(12345)), "12.3s");
  EXPECT_EQ(format_duration(milliseconds(245000)), "4m05s");
  EXPECT_EQ(format_duration(milliseconds(7380000)), "2h03m");
  EXPECT_EQ(format_duration(milliseconds(-5)), "0ms");
}

TEST(FormatTest, Counts) {
  EXPECT_EQ(format_count(std::nullopt), "-");
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(1000), "1,000");
  EXPECT_EQ(format_count(1234567890), "1,234,567,890");
  EXPECT_EQ(format_count(-1234), "-1,234");
  EXPECT_EQ(format_count(-999), "-999");
  EXPECT_EQ(format_count(std::numeric_limits<std::int64_t>::min()), "-9,223,372,036,854,775,808");
}

TEST(FormatTest, UtcTimes) {
  EXPECT_EQ(format_utc(test::at(61)), "2026-11-21T12:01:01Z");
}

} // namespace
} // namespace exl::report
