#include "app/run_finish.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <sstream>

namespace exl::app {
namespace {

using ::testing::HasSubstr;

notify::NullNotifier none; // no card: these tests are about the exit code, the table and -json

report::RunReport one_table(runner::TaskStatus status) {
  report::RunReport report;
  report.run_id = "20261121T120000-a1b2";
  report::TableReport table;
  table.table = "ods.orders";
  table.mode = "v2";
  table.status = status;
  report.tables.push_back(table);
  return report;
}

TEST(RunFinishTest, PrintsTableAndWritesJsonWithExitCode) {
  const config::test::TempDir dir;
  config::RunOptions options;
  options.json_path = dir.path() + "/r.json";
  auto report = one_table(runner::TaskStatus::Inconsistent);
  std::ostringstream out;
  EXPECT_EQ(finish_run(report, options, 0, none, out), 3);
  EXPECT_THAT(out.str(), HasSubstr("ods.orders  v2    inconsistent"));
  std::ifstream in(options.json_path);
  const auto json = nlohmann::json::parse(in);
  EXPECT_EQ(json["exit_code"], 3);
  EXPECT_EQ(json["tables"][0]["status"], "inconsistent");
}

TEST(RunFinishTest, SignalDecidesTheExitCode) {
  auto report = one_table(runner::TaskStatus::Succeeded);
  std::ostringstream out;
  EXPECT_EQ(finish_run(report, {}, SIGTERM, none, out), 143);
  EXPECT_EQ(report.exit_code, 143);
}

TEST(RunFinishTest, UnwritableJsonFailsAnOtherwiseGoodRun) {
  config::RunOptions options;
  options.json_path = "/nonexistent-dir/r.json";
  auto ok = one_table(runner::TaskStatus::Succeeded);
  std::ostringstream out;
  EXPECT_EQ(finish_run(ok, options, 0, none, out), 1);
  auto failed = one_table(runner::TaskStatus::Inconsistent);
  EXPECT_EQ(finish_run(failed, options, 0, none, out), 3);
}

} // namespace
} // namespace exl::app
