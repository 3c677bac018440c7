#include "exlschema/report/console_progress.hpp"
#include "sample_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
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
  EXPECT_EQ(out.str(),
            "\r\033[K[0/2] running 1, failed 0, rows 0, elapsed 0ms | longest: [1] ods.t1 0ms");
  clock.now = test::at(5);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 7));
  EXPECT_THAT(out.str(), HasSubstr("\r\033[Kdone  [1] ods.t1 ok in 10.0s, rows 7\n"));
  EXPECT_THAT(out.str(), HasSubstr("[1/2] running 0, failed 0, rows 7, elapsed 5.0s, ETA 5.0s"));
  progress.finish();
  EXPECT_TRUE(out.str().ends_with("\r\033[K"));
}

TEST(ConsoleProgressTest, FormatProgress) {
  ProgressCounts c{10,          3, 2, 1, 1234, std::chrono::seconds(12), std::chrono::seconds(28),
                   std::nullopt};
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
  progress.tick();
  progress.finish();
  EXPECT_EQ(out.str(), "2026-11-21T12:00:10Z done  [2] ods.t2 failed in 10.0s, rows 0: "
                       "Lost connection\n");
  EXPECT_EQ(progress.counts().done, 3);
}

TEST(ConsoleProgressTest, NoEtaBeforeAnyWorkHasFinished) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 3, clock.fn());
  progress.expect_rows(300, 0);
  progress.task_started("1", "a", 100);
  clock.now = test::at(30);
  EXPECT_FALSE(progress.counts().eta.has_value());
}

TEST(ConsoleProgressTest, EtaFromRowsOnceEveryTaskHasAKnownCount) {
  std::ostringstream out;
  ManualClock clock;
  // Three tasks of very different sizes: by tasks the ETA would be 2 x 10 s; by rows it is the
  // time the 900 rows left take at the rate of the first 100.
  ConsoleProgress progress(out, false, 3, clock.fn());
  progress.expect_rows(1000, 0);
  progress.task_started("1", "small", 100);
  clock.now = test::at(10);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 100));
  const ProgressCounts counts = progress.counts();
  ASSERT_TRUE(counts.eta.has_value());
  EXPECT_EQ(*counts.eta, std::chrono::seconds(90)); // 10 s x 900 / 100
}

TEST(ConsoleProgressTest, RowsEtaCountsTheExpectedRowsOfATaskThatDidNotSayHowManyItMoved) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 2, clock.fn());
  progress.expect_rows(400, 0);
  progress.task_started("1", "v3 batch", 100); // an asynchronous load reports no row count
  clock.now = test::at(20);
  runner::TaskResult result = finished("1", runner::TaskStatus::Succeeded, 0);
  result.rows_moved.reset();
  progress.task_finished(result);
  ASSERT_TRUE(progress.counts().eta.has_value());
  EXPECT_EQ(*progress.counts().eta, std::chrono::seconds(60)); // 20 s x 300 / 100
}

TEST(ConsoleProgressTest, EtaFallsBackToTaskCountsWhileATaskHasNoKnownCount) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 3, clock.fn());
  progress.expect_rows(100, 1); // e.g. a v1 capacity batch: its rows are not known
  progress.task_started("1", "a", 100);
  progress.task_started("2", "v1 batch");
  clock.now = test::at(10);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 100));
  ASSERT_TRUE(progress.counts().eta.has_value());
  EXPECT_EQ(*progress.counts().eta, std::chrono::seconds(20)); // tasks: 10 s each, 2 left
}

TEST(ConsoleProgressTest, EtaFallsBackToTaskCountsWhenNoRowsAreExpected) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 2, clock.fn()); // ghost: structure only
  progress.expect_rows(0, 0);
  progress.task_started("1", "create a", 0);
  clock.now = test::at(4);
  progress.task_finished(finished("1", runner::TaskStatus::Succeeded, 0));
  ASSERT_TRUE(progress.counts().eta.has_value());
  EXPECT_EQ(*progress.counts().eta, std::chrono::seconds(4));
}

TEST(ConsoleProgressTest, LiveLineShowsTheLongestRunningTaskWithItsProgress) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, true, 3, clock.fn());
  progress.task_started("1", "demo.events#p20240101");
  clock.now = test::at(2);
  progress.task_started("2", "demo.events#p20240102");
  clock.now = test::at(62);
  progress.statement_progress("1", "35%");
  progress.statement_progress("9", "50%"); // not running: ignored
  const ProgressCounts counts = progress.counts();
  ASSERT_TRUE(counts.longest.has_value());
  EXPECT_EQ(counts.longest->id, "1");
  EXPECT_EQ(counts.longest->elapsed, std::chrono::seconds(62));
  progress.tick();
  EXPECT_TRUE(out.str().ends_with("[0/3] running 2, failed 0, rows 0, elapsed 1m02s | longest: "
                                  "[1] demo.events#p20240101 1m02s 35%"))
      << out.str();
}

TEST(ConsoleProgressTest, FormatProgressWithTheLongestTask) {
  ProgressCounts c{4,
                   1,
                   1,
                   0,
                   10,
                   std::chrono::seconds(70),
                   std::nullopt,
                   RunningTask{"3", "db.t", std::chrono::seconds(65), ""}};
  EXPECT_EQ(format_progress(c),
            "[1/4] running 1, failed 0, rows 10, elapsed 1m10s | longest: [3] db.t 1m05s");
}

TEST(ConsoleProgressTest, PlainOutputSaysAtMostOnceAMinuteWhatIsStillRunning) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 3, clock.fn());
  progress.task_started("1", "db.big");
  progress.task_started("2", "db.small");
  clock.now = test::at(59);
  progress.tick(); // nothing has run a minute yet
  EXPECT_EQ(out.str().find("still"), std::string::npos);
  progress.task_finished(finished("2", runner::TaskStatus::Succeeded, 1));
  clock.now = test::at(60);
  progress.statement_progress("1", "99%");
  progress.tick();
  progress.tick(); // the same second: no second line
  clock.now = test::at(119);
  progress.tick(); // within the minute after the last line
  clock.now = test::at(180);
  progress.tick();
  const std::string text = out.str();
  EXPECT_THAT(text, HasSubstr("2026-11-21T12:01:00Z still running [1] db.big 1m00s 99%\n"));
  EXPECT_THAT(text, HasSubstr("2026-11-21T12:03:00Z still running [1] db.big 3m00s 99%\n"));
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 5) << text; // 2 starts, 1 done, 2 still
  EXPECT_EQ(text.find('\r'), std::string::npos);
}

TEST(ConsoleProgressTest, StillRunningNamesTheThreeLongestAndCountsTheRest) {
  std::ostringstream out;
  ManualClock clock;
  ConsoleProgress progress(out, false, 5, clock.fn());
  for (int i = 1; i <= 5; ++i) {
    clock.now = test::at(i);
    progress.task_started(std::to_string(i), "t" + std::to_string(i));
  }
  clock.now = test::at(121);
  progress.tick();
  EXPECT_THAT(out.str(), HasSubstr("still running [1] t1 2m00s, [2] t2 1m59s, [3] t3 1m58s "
                                   "(+2 more)\n"));
}

TEST(ConsoleProgressTest, QuietAndFinishedProgressWriteNothingOnTick) {
  std::ostringstream quiet_out;
  ManualClock clock;
  ConsoleProgress quiet(quiet_out, false, 1, clock.fn());
  quiet.show_problems_only();
  quiet.task_started("1", "db.big");
  clock.now = test::at(600);
  quiet.tick();
  EXPECT_EQ(quiet_out.str(), "");

  std::ostringstream live_out;
  ConsoleProgress live(live_out, true, 1, clock.fn());
  live.task_started("1", "db.big");
  live.finish();
  const std::string after_finish = live_out.str();
  live.tick();
  EXPECT_EQ(live_out.str(), after_finish); // a late tick never paints over the final table
}

} // namespace
} // namespace exl::report

TEST(ConsoleProgressTest, FitToWidthCutsTheLiveLineToTheTerminal) {
  EXPECT_EQ(exl::report::fit_to_width("[1/2] running 1", 0), "[1/2] running 1"); // width unknown
  EXPECT_EQ(exl::report::fit_to_width("[1/2] running 1", 80), "[1/2] running 1");
  EXPECT_EQ(exl::report::fit_to_width("abcdefghij", 11), "abcdefghij"); // exactly columns - 1
  EXPECT_EQ(exl::report::fit_to_width("abcdefghijk", 11), "abcdefghi\u2026");
  // Code points, never a cut inside one: `é` is two bytes, `表` three.
  EXPECT_EQ(exl::report::fit_to_width("ééééé", 5), "ééé\u2026");
  EXPECT_EQ(exl::report::fit_to_width("表表表表表表", 4), "表表\u2026");
}
