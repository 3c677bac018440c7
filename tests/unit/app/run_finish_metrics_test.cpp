#include "app/exit_codes.hpp"
#include "app/run_finish.hpp"
#include "support/exposition_format.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

// finish_run and -metrics: the file is written at the end of a run and of each round, not for a
// plan, and the exit code, the -metrics file and the -json report always agree.
namespace exl::app {
namespace {

using ::testing::IsEmpty;

notify::NullNotifier metrics_no_card;

report::RunReport metrics_run(runner::TaskStatus status, int end_s = 100) {
  report::RunReport report;
  report.run_id = "20261121T120000-a1b2";
  report.mode = "v2";
  report.source = "src";
  report.target = "dst";
  report.dry_run = false;
  report.start = std::chrono::system_clock::time_point(std::chrono::seconds(1000));
  report.end = std::chrono::system_clock::time_point(std::chrono::seconds(1000 + end_s));
  report::TableReport table;
  table.table = "ods.orders";
  table.mode = "v2";
  table.status = status;
  report.tables.push_back(table);
  return report;
}

config::RunOptions metrics_options(const config::test::TempDir& dir) {
  config::RunOptions options;
  options.metrics_path = dir.path() + "/exl.prom";
  options.json_path = dir.path() + "/r.json";
  options.source.alias = "src";
  options.target.alias = "dst";
  return options;
}

test::Exposition metrics_at(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  test::Exposition file = test::check_exposition(text.str());
  EXPECT_THAT(file.problems, IsEmpty());
  return file;
}

int json_exit_code(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in)["exit_code"];
}

int finish_with(report::RunReport report, const config::RunOptions& options, int signal = 0) {
  std::ostringstream out;
  return finish_run(report, options, signal, metrics_no_card, out);
}

TEST(RunFinishMetricsTest, SuccessfulRunRecordsItsEndAsLastSuccess) {
  const config::test::TempDir dir;
  const auto options = metrics_options(dir);
  EXPECT_EQ(finish_with(metrics_run(runner::TaskStatus::Succeeded), options), 0);
  const auto file = metrics_at(options.metrics_path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "0");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "1100.000");
  EXPECT_EQ(file.find("exlschema_run_exit_code")[0].labels.at("job_key").size(), 16U);
  EXPECT_EQ(json_exit_code(options.json_path), 0);
}

TEST(RunFinishMetricsTest, FailedAndStoppedRunsKeepTheLastSuccess) {
  const config::test::TempDir dir;
  const auto options = metrics_options(dir);
  finish_with(metrics_run(runner::TaskStatus::Succeeded), options);
  EXPECT_EQ(finish_with(metrics_run(runner::TaskStatus::Failed, 200), options), 1);
  auto file = metrics_at(options.metrics_path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(file.value("exlschema_run_end_timestamp_seconds"), "1200.000");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "1100.000");
  EXPECT_EQ(finish_with(metrics_run(runner::TaskStatus::Cancelled, 300), options, SIGTERM), 143);
  file = metrics_at(options.metrics_path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "143");
  EXPECT_EQ(file.value("exlschema_table_status", {{"status", "cancelled"}}), "1");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "1100.000");
  EXPECT_EQ(file.value("exlschema_table_last_success_timestamp_seconds"), "1100.000");
}

TEST(RunFinishMetricsTest, APlanWritesNoFile) {
  const config::test::TempDir dir;
  const auto options = metrics_options(dir);
  auto plan = metrics_run(runner::TaskStatus::Succeeded);
  plan.dry_run = true;
  EXPECT_EQ(finish_with(plan, options), 0);
  EXPECT_FALSE(std::filesystem::exists(options.metrics_path));
}

// The metrics file first: when it cannot be written the run fails, and the -json report that
// follows says so.
TEST(RunFinishMetricsTest, UnwritableMetricsFailsTheRunAndTheJsonSaysSo) {
  const config::test::TempDir dir;
  auto options = metrics_options(dir);
  options.metrics_path = dir.path() + "/gone/exl.prom";
  EXPECT_EQ(finish_with(metrics_run(runner::TaskStatus::Succeeded), options), k_exit_failed);
  EXPECT_EQ(json_exit_code(options.json_path), k_exit_failed);
  auto inconsistent = metrics_run(runner::TaskStatus::Inconsistent);
  EXPECT_EQ(finish_with(inconsistent, options), k_exit_inconsistent);
}

// The -json report after: when it cannot be written the metrics file is written again with the
// exit code the process ends with, and this run is not a success.
TEST(RunFinishMetricsTest, UnwritableJsonRewritesTheMetricsWithTheFinalExitCode) {
  const config::test::TempDir dir;
  auto options = metrics_options(dir);
  finish_with(metrics_run(runner::TaskStatus::Succeeded), options); // last success 1100
  options.json_path = dir.path() + "/gone/r.json";
  EXPECT_EQ(finish_with(metrics_run(runner::TaskStatus::Succeeded, 500), options), k_exit_failed);
  const auto file = metrics_at(options.metrics_path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "1100.000");
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"exl.prom", "r.json"}));
}

TEST(RunFinishMetricsTest, StoppedBeforeItsReportStillWritesTheFile) {
  const config::test::TempDir dir;
  const auto options = metrics_options(dir);
  auto header = metrics_run(runner::TaskStatus::Succeeded);
  header.tables.clear();
  header.exit_code = k_exit_failed;
  write_stopped_run_metrics(header, options);
  const auto file = metrics_at(options.metrics_path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(file.value("exlschema_run_tables"), "0");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "0.000");
}

} // namespace
} // namespace exl::app
