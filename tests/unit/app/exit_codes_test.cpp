#include "app/exit_codes.hpp"
#include "app/run_id.hpp"
#include "exlschema/runner/cancel_token.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <regex>

namespace exl::app {
namespace {

using runner::TaskStatus;

report::RunReport with_tables(std::initializer_list<TaskStatus> statuses) {
  report::RunReport report;
  for (const auto status : statuses) {
    report::TableReport table;
    table.status = status;
    report.tables.push_back(table);
  }
  return report;
}

TEST(ExitCodesTest, AsInProductSpec) {
  EXPECT_EQ(exit_code_for(with_tables({})), 0);
  EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Succeeded, TaskStatus::Succeeded})), 0);
  EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Succeeded, TaskStatus::Failed})), 1);
  EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Inconsistent, TaskStatus::Succeeded})), 3);
  // A failure outranks an inconsistency: the run did not complete.
  EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Inconsistent, TaskStatus::Failed})), 1);
  EXPECT_EQ(k_exit_usage, 2);
  EXPECT_EQ(runner::exit_code_for_signal(SIGINT), 130);
  EXPECT_EQ(runner::exit_code_for_signal(SIGTERM), 143);
}

TEST(ExitCodesTest, FailedTaskWithoutTableRowCounts) {
  report::RunReport report;
  runner::TaskResult task;
  task.status = TaskStatus::Failed;
  report.tasks.push_back(task);
  EXPECT_EQ(exit_code_for(report), 1);
}

// Unfinished work is never a success: a table or task left Pending or Running, skipped or
// cancelled makes the run fail, also next to an inconsistent table.
TEST(ExitCodesTest, UnfinishedWorkIsNeverExitZero) {
  for (const auto status :
       {TaskStatus::Pending, TaskStatus::Running, TaskStatus::Skipped, TaskStatus::Cancelled}) {
    EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Succeeded, status})), 1)
        << runner::to_string(status);
    EXPECT_EQ(exit_code_for(with_tables({TaskStatus::Inconsistent, status})), 1)
        << runner::to_string(status);
    report::RunReport tasks_only = with_tables({TaskStatus::Succeeded});
    runner::TaskResult task;
    task.status = status;
    tasks_only.tasks.push_back(task);
    EXPECT_EQ(exit_code_for(tasks_only), 1) << runner::to_string(status);
  }
  // Default-constructed rows have not run.
  report::RunReport defaults;
  defaults.tables.emplace_back();
  EXPECT_EQ(exit_code_for(defaults), 1);
  report::RunReport default_task;
  default_task.tasks.emplace_back();
  EXPECT_EQ(exit_code_for(default_task), 1);
}

TEST(RunIdTest, UtcTimeAndHexSuffix) {
  const auto time = std::chrono::system_clock::time_point(std::chrono::seconds(1795262400));
  EXPECT_EQ(make_run_id(time, 0xa1b2), "20261121T120000-a1b2");
  EXPECT_EQ(make_run_id(time, 0x1234a1b2), "20261121T120000-a1b2");
  EXPECT_EQ(make_run_id(time, 0x7), "20261121T120000-0007");
}

TEST(RunIdTest, NowHasTheShape) {
  EXPECT_TRUE(std::regex_match(make_run_id(), std::regex(R"(\d{8}T\d{6}-[0-9a-f]{4})")));
}

} // namespace
} // namespace exl::app
