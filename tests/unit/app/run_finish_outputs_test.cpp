#include "app/run_finish.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <vector>

// finish_run produces three outputs (the console table, the -json file, the final card); one that
// fails is logged and never stops the others or changes the exit code the others report.
namespace exl::app {
namespace {

using ::testing::HasSubstr;

report::RunReport inconsistent_run() {
  report::RunReport report;
  report.run_id = "20261121T120000-a1b2";
  report::TableReport table;
  table.table = "ods.orders";
  table.mode = "v2";
  table.status = runner::TaskStatus::Inconsistent;
  report.tables.push_back(table);
  return report;
}

// Remembers the exit code of every final card it is asked to send; throws when told to.
class RecordingNotifier final : public notify::Notifier {
public:
  explicit RecordingNotifier(bool fail = false) : m_fail(fail) {}
  void run_started(const notify::RunStartInfo& /*info*/) override {}
  void progress(const notify::ProgressSnapshot& /*snapshot*/) override {}
  void run_finished(const report::RunReport& report) override {
    if (m_fail) {
      throw std::runtime_error("card could not be rendered");
    }
    finished.push_back(report.exit_code);
  }
  int progress_interval_s() const override { return 0; }

  std::vector<int> finished;

private:
  bool m_fail;
};

// A console whose every write fails (stdout closed, a full pipe) with the stream set to throw.
class FailingBuffer final : public std::streambuf {
protected:
  int_type overflow(int_type /*c*/) override { return traits_type::eof(); }
  std::streamsize xsputn(const char* /*s*/, std::streamsize /*n*/) override { return 0; }
};

nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

TEST(RunFinishOutputsTest, AllThreeOutputsCarryTheExitCode) {
  const config::test::TempDir dir;
  config::RunOptions options;
  options.json_path = dir.path() + "/r.json";
  auto report = inconsistent_run();
  RecordingNotifier notifier;
  std::ostringstream out;
  EXPECT_EQ(finish_run(report, options, 0, notifier, out), 3);
  EXPECT_THAT(out.str(), HasSubstr("ods.orders"));
  EXPECT_EQ(read_json(options.json_path)["exit_code"], 3);
  EXPECT_EQ(notifier.finished, std::vector<int>{3});
}

TEST(RunFinishOutputsTest, FailingConsoleStillWritesJsonAndSendsCard) {
  const config::test::TempDir dir;
  config::RunOptions options;
  options.json_path = dir.path() + "/r.json";
  auto report = inconsistent_run();
  RecordingNotifier notifier;
  FailingBuffer buffer;
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  EXPECT_EQ(finish_run(report, options, 0, notifier, out), 3);
  EXPECT_EQ(read_json(options.json_path)["exit_code"], 3);
  EXPECT_EQ(notifier.finished, std::vector<int>{3});
}

TEST(RunFinishOutputsTest, FailingCardStillPrintsAndWritesJson) {
  const config::test::TempDir dir;
  config::RunOptions options;
  options.json_path = dir.path() + "/r.json";
  auto report = inconsistent_run();
  RecordingNotifier notifier(true);
  std::ostringstream out;
  EXPECT_EQ(finish_run(report, options, 0, notifier, out), 3);
  EXPECT_THAT(out.str(), HasSubstr("ods.orders"));
  EXPECT_EQ(read_json(options.json_path)["exit_code"], 3);
}

// The one output whose failure counts: a -json file that a cron job waits for and that is not
// there fails an otherwise good run (exit 1), and the console and the card still say so.
TEST(RunFinishOutputsTest, UnwritableJsonStillPrintsAndSendsCard) {
  config::RunOptions options;
  options.json_path = "/nonexistent-dir/r.json";
  auto report = inconsistent_run();
  report.tables[0].status = runner::TaskStatus::Succeeded;
  RecordingNotifier notifier;
  std::ostringstream out;
  EXPECT_EQ(finish_run(report, options, 0, notifier, out), 1);
  EXPECT_THAT(out.str(), HasSubstr("ods.orders"));
  EXPECT_EQ(notifier.finished, std::vector<int>{1});
}

} // namespace
} // namespace exl::app
