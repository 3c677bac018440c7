#include "exlschema/report/json_report.hpp"
#include "exlschema/util/errors.hpp"
#include "sample_report.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

TEST(JsonReportTest, DifferencesListEveryPartitionKeyAndRange) {
  RunReport report = test::sample_report();
  PartitionFinding finding;
  finding.partition = "p20240101";
  finding.state = "content differs";
  finding.source_rows = 40;
  finding.target_rows = 40;
  finding.keys.push_back(KeyFinding{"only on target", "`k`=199", 0, 1});
  finding.ranges.push_back(RangeFinding{"`k` > 100 AND `k` <= 200", 50, 51});
  finding.note = "stopped";
  report.tables[2].differences.push_back(finding);
  const auto json = report_to_json(report);
  EXPECT_EQ(json["tables"][0]["differences"].size(), 0U);
  const auto& d = json["tables"][2]["differences"][0];
  EXPECT_EQ(d["partition"], "p20240101");
  EXPECT_EQ(d["state"], "content differs");
  EXPECT_EQ(d["source_rows"], 40);
  EXPECT_EQ(d["keys"][0]["kind"], "only on target");
  EXPECT_EQ(d["keys"][0]["key"], "`k`=199");
  EXPECT_EQ(d["keys"][0]["target_copies"], 1);
  EXPECT_EQ(d["ranges"][0]["target_rows"], 51);
  EXPECT_EQ(d["complete"], false);
  EXPECT_EQ(d["note"], "stopped");
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

// The names in `dir`: a write must leave the report and nothing else (no temporary file).
std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Lowers the file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) for its lifetime: writes past
// `bytes` fail with EFBIG, as on a full disk.
class FileSizeLimit {
public:
  explicit FileSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &m_old);
    m_old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = m_old;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_old);
    std::signal(SIGXFSZ, m_old_handler);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
  rlimit m_old{};
  void (*m_old_handler)(int) = nullptr;
};

TEST(JsonReportTest, WritesFileAtomically) {
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/r.json";
  const std::string previous = R"({"previous": "report of an earlier run, long enough to be cut"})";
  dir.write("r.json", previous);

  // A write that fails half-way (the disk fills up) leaves the previous report whole and no
  // temporary file behind: writing in place would leave a truncated report.
  {
    const FileSizeLimit limit(32);
    EXPECT_THROW(write_json_report(test::sample_report(), path), FatalError);
  }
  EXPECT_EQ(read_file(path), previous);
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"r.json"});

  write_json_report(test::sample_report(), path);
  EXPECT_EQ(nlohmann::json::parse(read_file(path)), report_to_json(test::sample_report()));
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"r.json"});
}

// A name or message that is not UTF-8 (nlohmann_json refuses to serialise it by default) must
// not cost the report: the bad bytes are replaced, the file is written and nothing is left over.
TEST(JsonReportTest, InvalidUtf8IsReplacedNotFatal) {
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/r.json";
  auto report = test::sample_report();
  report.tables[1].error = "Access denied \xff\xfe";
  ASSERT_NO_THROW(write_json_report(report, path));
  const auto parsed = nlohmann::json::parse(read_file(path));
  EXPECT_EQ(parsed["tables"][1]["error"], "Access denied \xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(files_in(dir.path()), std::vector<std::string>{"r.json"});
}

TEST(JsonReportTest, UnwritablePathIsFatal) {
  EXPECT_THROW(write_json_report(test::sample_report(), "/nonexistent-dir/x/r.json"), FatalError);
}

} // namespace
} // namespace exl::report
