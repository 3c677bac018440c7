#include "exlschema/scs/progress_line.hpp"

#include <gtest/gtest.h>

// The layout is an assumption (the docs show a picture): any spacing, order and separator.
TEST(ProgressLineTest, ReadsTheJobReportWhateverTheSpacing) {
  const auto p = exl::scs::parse_job_progress(
      "2026-12-01 10:00:00.123 INFO (report|1) [SyncJobManager.report():211] Sync job progress: "
      "62.50%, total: 8, ddlPending: 0, jobPending: 1, sent: 0, running: 2, finished: 5, failed: "
      "3, unknown: 0");
  ASSERT_TRUE(p);
  EXPECT_DOUBLE_EQ(p->percent, 62.5);
  EXPECT_EQ(p->total, 8);
  EXPECT_EQ(p->job_pending, 1);
  EXPECT_EQ(p->running, 2);
  EXPECT_EQ(p->finished, 5);
  EXPECT_EQ(p->failed, 3);
  EXPECT_FALSE(p->idle());
  const auto q = exl::scs::parse_job_progress(
      "Sync job progress:100%   finished=4 total = 4  running=0 ddlPending=0 jobPending=0 sent=0");
  ASSERT_TRUE(q);
  EXPECT_DOUBLE_EQ(q->percent, 100);
  EXPECT_EQ(q->finished, 4);
  EXPECT_TRUE(q->idle());
}

TEST(ProgressLineTest, ReadsTheTableReport) {
  const auto t = exl::scs::parse_table_progress(
      "... Sync table progress: finishedTableRatio: 75.00%, expiredTableRatio: 25.00%, total "
      "table: 4, finished table: 3, unfinished table: 1, expired table: 1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->total, 4);
  EXPECT_EQ(t->finished, 3);
  EXPECT_EQ(t->unfinished, 1);
  EXPECT_EQ(t->expired, 1);
  EXPECT_DOUBLE_EQ(t->finished_ratio, 75);
}

TEST(ProgressLineTest, OtherLinesAreNotReports) {
  EXPECT_FALSE(exl::scs::parse_job_progress("INFO start replication job for db.t"));
  EXPECT_FALSE(exl::scs::parse_job_progress("Sync job progress: garbled"));
  EXPECT_FALSE(exl::scs::parse_table_progress("Sync table progress: finished table: 1"));
}
