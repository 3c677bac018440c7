#include "exlschema/report/console_progress.hpp"
#include "sample_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

namespace exl::report {
namespace {

using ::testing::HasSubstr;

// A clock the test moves by hand.
struct ManualClock {
  std::chrono::system_clock::time_point now = test::at(0);
  std::function<std::chrono::system_clock::time_point()> fn() {
    return [this] { return now; };
  }
};

runner::TaskResult finished(const std::string& id, runner::TaskStatus status, int rows) {
  runner::TaskResult result;
  result.task_id = id;
  result.name = "ods.t" + id;
  result.status = status;
  result.start = test::at(0);
  result.end = test::at(10);
  result.rows_moved = rows;
  if (status == runner::TaskStatus::Failed) {
    result.error = "Lost connection";
  }
  return result;
}

TEST(ConsoleProgressTest, PlainModeWritesTimestampedStartAndFinishLines) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 2, clock.fn());
  progress.task_started("1", "ods.t1");
  clock.now = test::at(10);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 1500));
  EXPECT_EQ(out.str(), "2026-11-21T12:00:00Z start [1] ods.t1\n"
                       "2026-11-21T12:00:10Z done  [1] ods.t1 ok in 10.0s, rows 1,500\n");
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
}

TEST(ConsoleProgressTest, CountsAndEta) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 4, clock.fn());
  progress.task_started("1", "a");
  progress.task_started("2", "b");
  EXPECT_FALSE(progress.counts().eta.has_value());
  clock.now = test::at(20);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 10));
  progress.task_finished(finished("2", runner::TaskStatus::Failed, 0));
  const ProgressCounts counts = progress.counts();
  EXPECT_EQ(counts.done, 2);
  EXPECT_EQ(counts.running, 0);
  EXPECT_EQ(counts.failed, 1);
  EXPECT_EQ(counts.rows_moved, 10);
  EXPECT_EQ(counts.elapsed, std::chrono::seconds(20));
  ASSERT_TRUE(counts.eta.has_value());
  EXPECT_EQ(*counts.eta, std::chrono::seconds(20)); // 10 s per task, 2 left
  EXPECT_THAT(out.str(), HasSubstr("failed in 10.0s, rows 0: Lost connection"));
}

TEST(ConsoleProgressTest, LiveModeRepaintsOneLine) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, true, 2, clock.fn());
  progress.task_started("1", "ods.t1");
  EXPECT_EQ(out.str(), "\r\033[K[0/2] running 1, failed 0, rows 0, elapsed 0ms");
  clock.now = test::at(5);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 7));
  EXPECT_THAT(out.str(), HasSubstr("\r\033[Kdone  [1] ods.t1 ok in 10.0s, rows 7\n"));
  EXPECT_THAT(out.str(), HasSubstr("[1/2] running 0, failed 0, rows 7, elapsed 5.0s, ETA 5.0s"));
  progress.finish();
  EXPECT_TRUE(out.str().ends_with("\r\033[K"));
}

TEST(ConsoleProgressTest, FormatProgress) {
  ProgressCounts c{10, 3, 2, 1, 1234, std::chrono::seconds(12), std::chrono::seconds(28)};
  EXPECT_EQ(format_progress(c), "[3/10] running 2, failed 1, rows 1,234, elapsed 12.0s, ETA 28.0s");
}

TEST(ConsoleProgressTest, ProblemsOnlyShowsFailedAndCancelledTasksAndNoLiveLine) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, true, 3, clock.fn()); // a terminal, yet -q: no live line
  progress.show_problems_only();
  progress.task_started("1", "ods.t1");
  progress.task_started("2", "ods.t2");
  progress.task_started("3", "ods.t3");
  clock.now = test::at(10);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 10));
  progress.task_finished(finished("2", runner::TaskStatus::Failed, 0));
  progress.task_finished(finished("3", runner::TaskStatus::Skipped, 0));
  progress.repaint();
  progress.finish();
  EXPECT_EQ(out.str(), "2026-11-21T12:00:10Z done  [2] ods.t2 failed in 10.0s, rows 0: "
                       "Lost connection\n");
  EXPECT_EQ(progress.counts().done, 3);
}

} // namespace
} // namespace exl::report
