#include "modes/meta_watch.hpp"

#include <gtest/gtest.h>

namespace {

std::string meta_job_line(int finished, int failed) {
  return "x INFO Sync job progress: 50.00%, total: 4, ddlPending: 0, jobPending: 2, sent: 0, "
         "running: 0, finished: " +
         std::to_string(finished) + ", failed: " + std::to_string(failed) + ", unknown: 0";
}

} // namespace

// Failed jobs are re-sent by the tool: only a failed count that keeps rising while nothing
// finishes counts against it; a finished job resets the count.
TEST(ScsProgressTrackerTest, CountsConsecutiveReportsWithMoreFailuresAndNothingFinished) {
  exl::modes::ScsProgressTracker t;
  bool moved = false;
  ASSERT_TRUE(t.read(meta_job_line(1, 0), moved));
  t.read(meta_job_line(1, 1), moved);
  t.read(meta_job_line(1, 2), moved);
  EXPECT_EQ(t.failed_rises, 2);
  EXPECT_FALSE(moved);
  t.read(meta_job_line(2, 3), moved);
  EXPECT_EQ(t.failed_rises, 0);
  EXPECT_TRUE(moved);
  moved = false;
  t.read(meta_job_line(2, 3), moved);
  EXPECT_EQ(t.failed_rises, 0);
  EXPECT_FALSE(t.read("INFO data job finished: d.t", moved));
  EXPECT_TRUE(t.read("Sync table progress: total table: 2, finished table: 1", moved));
}
