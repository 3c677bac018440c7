#include "exlschema/report/json_report.hpp"
#include "exlschema/util/errors.hpp"
#include "sample_report.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace exl::report {
namespace {

TEST(JsonReportTest, TopLevelFields) {
  const auto json = report_to_json(test::sample_report());
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_EQ(json["run_id"], "20261121T120000-a1b2");
  EXPECT_EQ(json["mode"], "v2");
  EXPECT_EQ(json["source"], "prod_a");
  EXPECT_EQ(json["target"], "prod_b");
  EXPECT_EQ(json["dry_run"], false);
  EXPECT_EQ(json["start"], "2026-11-21T12:00:00Z");
  EXPECT_EQ(json["end"], "2026-11-21T12:02:05Z");
  EXPECT_EQ(json["elapsed_ms"], 125000);
  EXPECT_EQ(json["exit_code"], 1);
}

TEST(JsonReportTest, TablesCarryEveryColumnOfTheConsoleTable) {
  const auto json = report_to_json(test::sample_report());
  ASSERT_EQ(json["tables"].size(), 3U);
  const auto& orders = json["tables"][0];
  EXPECT_EQ(orders["table"], "ods.orders");
  EXPECT_EQ(orders["mode"], "v2");
  EXPECT_EQ(orders["status"], "ok");
  EXPECT_EQ(orders["source_rows"], 1234567);
  EXPECT_EQ(orders["target_rows"], 1234567);
  EXPECT_EQ(orders["partitions_audited"], 12);
  EXPECT_EQ(orders["partitions_rewritten"], 3);
  EXPECT_EQ(orders["elapsed_ms"], 61500);
  const auto& users = json["tables"][1];
  EXPECT_TRUE(users["source_rows"].is_null());
  EXPECT_EQ(users["status"], "failed");
  EXPECT_EQ(json["tables"][2]["recommended_mode"], "v4");
  EXPECT_EQ(json["tables"][2]["status"], "inconsistent");
}

TEST(JsonReportTest, ErrorsAreRedacted) {
  const auto json = report_to_json(test::sample_report());
  const std::string error = json["tables"][1]["error"];
  EXPECT_EQ(error.find("hunter22"), std::string::npos);
  EXPECT_NE(error.find("Access denied"), std::string::npos);
  EXPECT_EQ(json.dump().find("hunter22"), std::string::npos);
}

TEST(JsonReportTest, TasksAndSummary) {
  const auto json = report_to_json(test::sample_report());
  ASSERT_EQ(json["tasks"].size(), 1U);
  const auto& task = json["tasks"][0];
  EXPECT_EQ(task["task_id"], "1");
  EXPECT_EQ(task["name"], "ods.orders#p20240101");
  EXPECT_EQ(task["attempts"], 2);
  EXPECT_EQ(task["elapsed_ms"], 2000);
  EXPECT_EQ(task["rows_moved"], 500);
  EXPECT_EQ(task["start"], "2026-11-21T12:00:01Z");
  const auto& summary = json["summary"];
  EXPECT_EQ(summary["tables"], 3);
  EXPECT_EQ(summary["tasks"], 1);
  EXPECT_EQ(summary["rows_moved"], 500);
  EXPECT_EQ(summary["status_counts"]["ok"], 1);
  EXPECT_EQ(summary["status_counts"]["failed"], 1);
  EXPECT_EQ(summary["status_counts"]["inconsistent"], 1);
  EXPECT_EQ(summary["status_counts"]["skipped"], 0);
}

TEST(JsonReportTest, WritesFileAtomically) {
  const auto dir = std::filesystem::temp_directory_path() / "exl-json-report-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "r.json").string();
  write_json_report(test::sample_report(), path);
  std::ifstream in(path);
  const auto parsed = nlohmann::json::parse(in);
  EXPECT_EQ(parsed, report_to_json(test::sample_report()));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  std::filesystem::remove_all(dir);
}

TEST(JsonReportTest, UnwritablePathIsFatal) {
  EXPECT_THROW(write_json_report(test::sample_report(), "/nonexistent-dir/x/r.json"), FatalError);
}

} // namespace
} // namespace exl::report
