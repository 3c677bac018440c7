#include "exlschema/report/atomic_file.hpp"
#include "exlschema/report/metrics_file.hpp"
#include "exlschema/util/errors.hpp"
#include "report/prometheus_text.hpp"
#include "sample_report.hpp"
#include "support/exposition_format.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
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

using ::testing::HasSubstr;
using ::testing::IsEmpty;

const MetricsJob k_job{"0123456789abcdef"};

// 2026-11-21T12:00:00Z plus `seconds`, as the file writes it.
std::string at_text(int seconds) {
  return std::to_string(1795262400 + seconds) + ".000";
}

exl::test::Exposition checked(const std::string& text) {
  exl::test::Exposition out = exl::test::check_exposition(text);
  EXPECT_THAT(out.problems, IsEmpty()) << text;
  return out;
}

RunReport succeeded_report() {
  RunReport report = test::sample_report();
  for (TableReport& table : report.tables) {
    table.status = runner::TaskStatus::Succeeded;
  }
  report.exit_code = 0;
  return report;
}

TEST(MetricsFileTest, IsValidExpositionWithHelpAndTypeForEveryFamily) {
  const auto file = checked(render_metrics(test::sample_report(), k_job, {}));
  ASSERT_FALSE(file.samples.empty());
  for (const auto& sample : file.samples) {
    EXPECT_EQ(file.type.count(sample.name), 1U) << sample.name;
    EXPECT_EQ(file.type.at(sample.name), "gauge") << sample.name;
    EXPECT_FALSE(file.help.at(sample.name).empty()) << sample.name;
    EXPECT_EQ(sample.name.rfind("exlschema_", 0), 0U) << sample.name;
  }
}

TEST(MetricsFileTest, RunSamplesCarryTheReport) {
  auto report = test::sample_report();
  report.round = 1;
  report.round_start = test::at(5);
  const auto file = checked(render_metrics(report, k_job, {}));
  const std::map<std::string, std::string> run{
      {"job_key", "0123456789abcdef"}, {"source", "prod_a"}, {"target", "prod_b"}, {"mode", "v2"}};
  EXPECT_EQ(file.find("exlschema_run_exit_code")[0].labels, run);
  EXPECT_EQ(file.value("exlschema_run_exit_code", run), "1");
  EXPECT_EQ(file.value("exlschema_run_start_timestamp_seconds"), at_text(0));
  EXPECT_EQ(file.value("exlschema_run_end_timestamp_seconds"), at_text(125));
  EXPECT_EQ(file.value("exlschema_run_duration_seconds"), "125.000");
  EXPECT_EQ(file.value("exlschema_run_round"), "1");
  EXPECT_EQ(file.value("exlschema_run_round_duration_seconds"), "120.000");
  EXPECT_EQ(file.value("exlschema_run_tables"), "3");
  EXPECT_EQ(file.value("exlschema_run_tables_by_status", {{"status", "ok"}}), "1");
  EXPECT_EQ(file.value("exlschema_run_tables_by_status", {{"status", "failed"}}), "1");
  EXPECT_EQ(file.value("exlschema_run_tables_by_status", {{"status", "inconsistent"}}), "1");
  EXPECT_EQ(file.value("exlschema_run_tables_by_status", {{"status", "cancelled"}}), "0");
  EXPECT_EQ(file.value("exlschema_run_rows_moved"), "500");
}

TEST(MetricsFileTest, TableSamplesCarryEachTable) {
  auto report = test::sample_report();
  PartitionFinding content{"p1", "content differs", 5, 5, {}, {}, false, ""};
  PartitionFinding count{"p2", "count differs", 5, 6, {}, {}, false, ""};
  PartitionFinding missing{"p3", "missing on target", 5, std::nullopt, {}, {}, false, ""};
  report.tables[2].differences = {content, count, missing, content};
  const auto file = checked(render_metrics(report, k_job, {}));
  const std::map<std::string, std::string> orders{{"db", "ods"}, {"table", "orders"}};
  const std::map<std::string, std::string> users{{"db", "ods"}, {"table", "users"}};
  const std::map<std::string, std::string> events{{"db", "ods"}, {"table", "events"}};
  EXPECT_EQ(file.find("exlschema_table_rows_moved", orders)[0].labels.at("source"), "prod_a");
  EXPECT_EQ(file.value("exlschema_table_rows_moved", orders), "500");
  EXPECT_EQ(file.value("exlschema_table_rows_moved", users), "0");
  EXPECT_EQ(file.value("exlschema_table_partitions_audited", orders), "12");
  EXPECT_EQ(file.value("exlschema_table_partitions_rewritten", orders), "3");
  EXPECT_EQ(file.value("exlschema_table_duration_seconds", orders), "61.500");
  EXPECT_EQ(file.value("exlschema_table_source_rows", orders), "1234567");
  EXPECT_EQ(file.value("exlschema_table_target_rows", events), "120");
  // Not known: no sample rather than a made-up 0.
  EXPECT_THAT(file.find("exlschema_table_source_rows", users), IsEmpty());
  auto differing = [&](const char* state) {
    auto labels = events;
    labels["state"] = state;
    return file.value("exlschema_table_partitions_differing", labels);
  };
  EXPECT_EQ(differing("content_differs"), "2");
  EXPECT_EQ(differing("count_differs"), "1");
  EXPECT_EQ(differing("missing_on_target"), "1");
  EXPECT_EQ(differing("target_only"), "0");
  auto status = [&](const std::map<std::string, std::string>& table, const char* value) {
    auto labels = table;
    labels["status"] = value;
    return file.value("exlschema_table_status", labels);
  };
  EXPECT_EQ(status(orders, "ok"), "1");
  EXPECT_EQ(status(orders, "failed"), "0");
  EXPECT_EQ(status(users, "failed"), "1");
  EXPECT_EQ(status(events, "inconsistent"), "1");
  EXPECT_EQ(file.find("exlschema_table_status", orders).size(), 7U);
}

TEST(MetricsFileTest, LabelValuesAreEscaped) {
  auto report = succeeded_report();
  report.source = "a\\b";
  report.target = "say \"hi\"";
  report.tables[0].table = "ods.two\nlines";
  report.tables[1].table = "ods.bad\xff";
  const std::string text = render_metrics(report, k_job, {});
  EXPECT_THAT(text, HasSubstr(R"(source="a\\b",target="say \"hi\"")"));
  EXPECT_THAT(text, HasSubstr(R"(table="two\nlines")"));
  const auto file = checked(text);
  EXPECT_EQ(file.find("exlschema_run_exit_code")[0].labels.at("source"), "a\\b");
  EXPECT_EQ(file.find("exlschema_run_exit_code")[0].labels.at("target"), "say \"hi\"");
  EXPECT_EQ(file.value("exlschema_table_rows_moved", {{"table", "two\nlines"}}), "0");
  EXPECT_EQ(file.value("exlschema_table_rows_moved", {{"table", "bad\xef\xbf\xbd"}}), "0");
}

TEST(MetricsFileTest, EscapingRoundTripsThroughTheReader) {
  const std::string value = "a\\b \"q\" \n end";
  const auto sample =
      prom::parse_sample("m{x=\"" + prom::escape_label_value(value) + "\",y=\"2\",} 1.5");
  ASSERT_TRUE(sample);
  EXPECT_EQ(sample->name, "m");
  EXPECT_EQ(sample->labels.at("x"), value);
  EXPECT_EQ(sample->labels.at("y"), "2");
  EXPECT_EQ(sample->value, 1.5);
  EXPECT_FALSE(prom::parse_sample("# HELP m text"));
  EXPECT_FALSE(prom::parse_sample("m{x=\"open} 1"));
  EXPECT_FALSE(prom::parse_sample("m{x=\"\\t\"} 1"));
  EXPECT_FALSE(prom::parse_sample("m"));
}

TEST(MetricsFileTest, ATableSeenTwiceIsWrittenOnce) {
  auto report = succeeded_report();
  report.tables.push_back(report.tables[0]);
  const auto file = checked(render_metrics(report, k_job, {}));
  EXPECT_EQ(file.find("exlschema_table_rows_moved", {{"table", "orders"}}).size(), 1U);
}

TEST(MetricsFileTest, LastSuccessIsThisRunsEndWhenItSucceeded) {
  const LastSuccess previous{100.0, {{"ods.orders", 100.0}}};
  const auto file = checked(render_metrics(succeeded_report(), k_job, previous));
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), at_text(125));
  EXPECT_EQ(file.value("exlschema_table_last_success_timestamp_seconds", {{"table", "orders"}}),
            at_text(125));
}

TEST(MetricsFileTest, FailedRunKeepsThePreviousLastSuccess) {
  const std::string before = render_metrics(succeeded_report(), k_job, {});
  const LastSuccess previous = parse_last_success(before);
  ASSERT_TRUE(previous.run);
  EXPECT_DOUBLE_EQ(*previous.run, 1795262525.0);
  EXPECT_EQ(previous.tables.size(), 3U);

  auto failed = test::sample_report(); // exit 1: orders ok, users failed, events inconsistent
  failed.start = test::at(3600);
  failed.end = test::at(3700);
  const auto file = checked(render_metrics(failed, k_job, previous));
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), at_text(125));
  const std::string table = "exlschema_table_last_success_timestamp_seconds";
  EXPECT_EQ(file.value(table, {{"table", "orders"}}), at_text(3700)); // ok in this run
  EXPECT_EQ(file.value(table, {{"table", "users"}}), at_text(125));
  EXPECT_EQ(file.value(table, {{"table", "events"}}), at_text(125));
}

TEST(MetricsFileTest, NoSuccessKnownIsZero) {
  const auto file = checked(render_metrics(test::sample_report(), k_job, {}));
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "0.000");
  EXPECT_EQ(file.value("exlschema_table_last_success_timestamp_seconds", {{"table", "users"}}),
            "0.000");
}

TEST(MetricsFileTest, ReadsOnlyItsOwnSamplesBack) {
  const LastSuccess read = parse_last_success("# HELP x y\ngarbage line\n"
                                              "other_metric 5\n"
                                              "exlschema_last_success_timestamp_seconds{a=\"b\"} "
                                              "42.5\n"
                                              "exlschema_table_last_success_timestamp_seconds{db="
                                              "\"d\",table=\"t.x\\\"y\"} 7\n");
  ASSERT_TRUE(read.run);
  EXPECT_DOUBLE_EQ(*read.run, 42.5);
  EXPECT_DOUBLE_EQ(read.tables.at("d.t.x\"y"), 7.0);
  EXPECT_FALSE(read_last_success("/nonexistent-dir/m.prom").run);
}

TEST(MetricsFileTest, AStoppedRunWithoutTablesHasNoTableFamilies) {
  RunReport header;
  header.mode = "v2";
  header.source = "a";
  header.target = "b";
  header.dry_run = false;
  header.start = test::at(0);
  header.end = test::at(2);
  header.exit_code = 1;
  const auto file = checked(render_metrics(header, k_job, {}));
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(file.value("exlschema_run_round"), "0");
  EXPECT_EQ(file.value("exlschema_run_round_duration_seconds"), "2.000");
  EXPECT_THAT(file.find("exlschema_table_status"), IsEmpty());
  EXPECT_EQ(file.type.count("exlschema_table_status"), 0U);
}

std::vector<std::string> metrics_dir_files(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  return names;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes past `bytes` fail with EFBIG, as on a full disk (SIGXFSZ ignored meanwhile).
class MetricsSizeLimit {
public:
  explicit MetricsSizeLimit(rlim_t bytes) {
    ::getrlimit(RLIMIT_FSIZE, &m_old);
    m_old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = m_old;
    limit.rlim_cur = bytes;
    ::setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~MetricsSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &m_old);
    std::signal(SIGXFSZ, m_old_handler);
  }
  MetricsSizeLimit(const MetricsSizeLimit&) = delete;
  MetricsSizeLimit& operator=(const MetricsSizeLimit&) = delete;

private:
  rlimit m_old{};
  void (*m_old_handler)(int) = nullptr;
};

TEST(MetricsFileTest, WriteLeavesTheFileAndNoTemporary) {
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  write_metrics_file(succeeded_report(), path, k_job, {});
  EXPECT_EQ(metrics_dir_files(dir.path()), std::vector<std::string>{"exl.prom"});
  EXPECT_EQ(read_text(path), render_metrics(succeeded_report(), k_job, {}));
}

TEST(MetricsFileTest, FailedWriteKeepsThePreviousFileWhole) {
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  write_metrics_file(succeeded_report(), path, k_job, {});
  const std::string previous = read_text(path);
  {
    const MetricsSizeLimit limit(64);
    EXPECT_THROW(write_metrics_file(test::sample_report(), path, k_job, {}), FatalError);
  }
  EXPECT_EQ(read_text(path), previous);
  EXPECT_EQ(metrics_dir_files(dir.path()), std::vector<std::string>{"exl.prom"});
}

TEST(MetricsFileTest, UnwritableDirectoryIsOneLineNamingTheFile) {
  try {
    write_metrics_file(test::sample_report(), "/nonexistent-dir/exl.prom", k_job, {});
    FAIL() << "no error";
  } catch (const FatalError& e) {
    const std::string what = e.what();
    EXPECT_THAT(what, HasSubstr("exlSchema: cannot write the -metrics file "
                                "/nonexistent-dir/exl.prom: cannot create"));
    EXPECT_THAT(what, HasSubstr("No such file or directory"));
    EXPECT_EQ(what.find('\n'), std::string::npos);
  }
}

TEST(AtomicFileTest, ReplacesTheFileAndLeavesNoTemporary) {
  const config::test::TempDir dir;
  const std::string path = dir.write("out.txt", "old");
  write_file_atomically(path, "new text\n", "the test file");
  EXPECT_EQ(read_text(path), "new text\n");
  write_file_atomically(path, "", "the test file");
  EXPECT_EQ(read_text(path), "");
  EXPECT_EQ(metrics_dir_files(dir.path()), std::vector<std::string>{"out.txt"});
}

} // namespace
} // namespace exl::report
