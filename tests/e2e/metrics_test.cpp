// -metrics PATH end to end (issue #16): a real v2 run writes a Prometheus textfile-collector file
// that is valid exposition text, line by line, and whose values are the run's rows and
// partitions; a failing run keeps the previous last-success time; every incremental round
// rewrites the file; verify writes its differing partitions per kind.
#include "e2e/vmode_support.hpp"
#include "support/exposition_format.hpp"
#include "support/temp_dir.hpp"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <functional>

namespace exl::test::e2e {
namespace {

using nlohmann::json;

// A source table with 4 day partitions, 5 rows in each of the first 3.
std::string metrics_events(const std::string& what) {
  const std::string db = fresh_database(what);
  std::vector<std::string> ddl{"CREATE DATABASE `" + db + "`", daily_table(db, "events", 4)};
  for (int d = 1; d <= 3; ++d) {
    ddl.push_back(rows_for_day(db, "events", d, d * 100, 5));
  }
  sql_all("SRC", ddl);
  return db;
}

// The file at `path`, checked against the format: no problem on any line.
Exposition read_metrics(const std::string& path) {
  const std::string text = read_file(path);
  Exposition file = check_exposition(text);
  EXPECT_FALSE(text.empty()) << path;
  EXPECT_EQ(file.problems, std::vector<std::string>{}) << text;
  return file;
}

double number(const std::string& text) {
  EXPECT_FALSE(text.empty());
  return std::strtod(text.c_str(), nullptr);
}

std::map<std::string, std::string> events_of(const std::string& db) {
  return {{"db", db}, {"table", "events"}};
}

std::vector<std::string> v2_with(const std::string& db, const std::string& metrics,
                                 std::vector<std::string> extra) {
  extra.insert(extra.end(), {"-a", "-r", "-metrics", metrics});
  return vmode("v2", db + ".events", extra);
}

TEST(MetricsTest, V2RunWritesAValidFileWithItsRowsAndPartitions) {
  const std::string db = metrics_events("metrics_v2");
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  const std::string report = dir.path() + "/r.json";
  const ExlResult r = run_exl(v2_with(db, path, {"-i", "-json", report}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  const Exposition file = read_metrics(path);
  const json j = json::parse(read_file(report));
  const auto events = events_of(db);

  // Labels: the aliases and the mode, never a host, a port or a user.
  const auto run = file.find("exlschema_run_exit_code");
  ASSERT_EQ(run.size(), 1U);
  EXPECT_EQ(run[0].labels.at("source"), "src");
  EXPECT_EQ(run[0].labels.at("target"), "dst");
  EXPECT_EQ(run[0].labels.at("mode"), "v2");
  const db::ConnectionParams source = cluster("SRC");
  EXPECT_FALSE(contains(read_file(path), source.host + ":")) << read_file(path);
  EXPECT_FALSE(contains(read_file(path), "\"" + source.user + "\"")) << read_file(path);

  EXPECT_EQ(file.value("exlschema_run_exit_code"), "0");
  EXPECT_EQ(file.value("exlschema_run_round"), "1");
  EXPECT_EQ(file.value("exlschema_run_tables"), "1");
  EXPECT_EQ(file.value("exlschema_run_tables_by_status", {{"status", "ok"}}), "1");
  EXPECT_EQ(number(file.value("exlschema_run_rows_moved")), 15);
  EXPECT_EQ(number(file.value("exlschema_run_rows_moved")), j.at("summary").at("rows_moved"));
  EXPECT_EQ(number(file.value("exlschema_table_rows_moved", events)), 15);
  EXPECT_EQ(number(file.value("exlschema_table_source_rows", events)), 15);
  EXPECT_EQ(number(file.value("exlschema_table_target_rows", events)), 15);
  const json& table = j.at("tables").at(0);
  EXPECT_EQ(number(file.value("exlschema_table_partitions_audited", events)), 4);
  EXPECT_EQ(number(file.value("exlschema_table_partitions_audited", events)),
            table.at("partitions_audited"));
  EXPECT_EQ(number(file.value("exlschema_table_partitions_rewritten", events)), 4);
  EXPECT_EQ(number(file.value("exlschema_table_partitions_rewritten", events)),
            table.at("partitions_rewritten"));
  for (const char* state :
       {"count_differs", "content_differs", "missing_on_target", "target_only"}) {
    auto labels = events;
    labels["state"] = state;
    EXPECT_EQ(file.value("exlschema_table_partitions_differing", labels), "0") << state;
  }
  auto ok = events;
  ok["status"] = "ok";
  EXPECT_EQ(file.value("exlschema_table_status", ok), "1");
  const double end = number(file.value("exlschema_run_end_timestamp_seconds"));
  EXPECT_GE(end, number(file.value("exlschema_run_start_timestamp_seconds")));
  EXPECT_DOUBLE_EQ(number(file.value("exlschema_last_success_timestamp_seconds")), end);
  EXPECT_DOUBLE_EQ(number(file.value("exlschema_table_last_success_timestamp_seconds", events)),
                   end);
  EXPECT_EQ(j.at("exit_code"), 0);
}

TEST(MetricsTest, AFailingRunKeepsThePreviousLastSuccess) {
  const std::string db = metrics_events("metrics_fail");
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  ASSERT_EQ(run_exl(v2_with(db, path, {"-i"})).exit_code, 0);
  const std::string success = read_metrics(path).value("exlschema_last_success_timestamp_seconds");
  ASSERT_GT(number(success), 0);

  sql("SRC", rows_for_day(db, "events", 2, 900, 2)); // p20240102 differs: v2 rewrites it ...
  // e2e tests run one at a time (RUN_SERIAL), so the only INSERT OVERWRITE is this run's.
  sql("DST", "ADMIN SET SIM FAIL 1 'INSERT OVERWRITE' 1064 'injected failure'");
  const std::string report = dir.path() + "/r.json";
  const ExlResult r = run_exl(v2_with(db, path, {"-i", "-json", report}));
  sql("DST", "ADMIN SET SIM RESET");
  ASSERT_EQ(r.exit_code, 1) << r.out << r.err; // ... and fails
  const Exposition file = read_metrics(path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "1");
  EXPECT_EQ(json::parse(read_file(report)).at("exit_code"), 1);
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), success);
  EXPECT_EQ(file.value("exlschema_table_last_success_timestamp_seconds", events_of(db)), success);
  EXPECT_GT(number(file.value("exlschema_run_end_timestamp_seconds")), number(success));
  auto failed = events_of(db);
  failed["status"] = "failed";
  EXPECT_EQ(file.value("exlschema_table_status", failed), "1");
  EXPECT_EQ(file.value("exlschema_table_rows_moved", events_of(db)), "0");
}

TEST(MetricsTest, EveryIncrementalRoundRewritesTheFile) {
  const std::string db = metrics_events("metrics_rounds");
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  std::vector<std::string> args = v2_with(db, path, {"-interval", "1"});
  args.insert(args.begin(), {"-config", config_path()});
  ExlProcess run(args, {});
  // The file as it is when `done` holds for it (polled: a round ends every second or so).
  const auto file_when = [&](const std::function<bool(const Exposition&)>& done) {
    Exposition seen;
    const bool ok = eventually(
        [&] {
          seen = check_exposition(read_file(path));
          return done(seen);
        },
        std::chrono::seconds(60), std::chrono::milliseconds(20));
    EXPECT_TRUE(ok) << run.out_so_far() << run.err_so_far();
    return seen;
  };
  const Exposition first =
      file_when([](const Exposition& f) { return f.value("exlschema_run_round") == "1"; });
  EXPECT_EQ(first.problems, std::vector<std::string>{});
  EXPECT_EQ(first.value("exlschema_run_exit_code"), "0");
  EXPECT_EQ(number(first.value("exlschema_table_rows_moved", events_of(db))), 15);

  sql("SRC", rows_for_day(db, "events", 2, 900, 2)); // p20240102 now holds 7 rows
  // Round 2 may already be under way and see the new rows or not; a round that moved them comes.
  const Exposition later = file_when([&](const Exposition& f) {
    return f.value("exlschema_table_rows_moved", events_of(db)) == "7";
  });
  EXPECT_EQ(later.problems, std::vector<std::string>{});
  EXPECT_GE(number(later.value("exlschema_run_round")), 2);
  EXPECT_EQ(later.value("exlschema_run_exit_code"), "0");
  EXPECT_EQ(later.value("exlschema_table_partitions_rewritten", events_of(db)), "1");
  EXPECT_EQ(later.value("exlschema_run_rows_moved"), "7");
  EXPECT_EQ(later.value("exlschema_run_start_timestamp_seconds"),
            first.value("exlschema_run_start_timestamp_seconds"));
  const double end = number(later.value("exlschema_run_end_timestamp_seconds"));
  EXPECT_GT(end, number(first.value("exlschema_run_end_timestamp_seconds")));
  EXPECT_DOUBLE_EQ(number(later.value("exlschema_last_success_timestamp_seconds")), end);
  EXPECT_LE(number(later.value("exlschema_run_round_duration_seconds")),
            number(later.value("exlschema_run_duration_seconds")));

  // Stopped by SIGINT: the stopped run's file, exit 130, the last success kept.
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  const Exposition stopped = read_metrics(path);
  EXPECT_EQ(stopped.value("exlschema_run_exit_code"), "130");
  EXPECT_GE(number(stopped.value("exlschema_last_success_timestamp_seconds")), end);
  EXPECT_LT(number(stopped.value("exlschema_last_success_timestamp_seconds")),
            number(stopped.value("exlschema_run_end_timestamp_seconds")) + 0.001);
}

TEST(MetricsTest, VerifyWritesDifferingPartitionsPerKind) {
  const std::string db = fresh_database("metrics_verify");
  const std::string ddl = daily_table(db, "events", 3, "PRIMARY KEY(`k`, `dt`)", "`v` INT");
  for (const char* side : {"SRC", "DST"}) {
    sql_all(side, {"CREATE DATABASE `" + db + "`", ddl, rows_for_day(db, "events", 1, 100, 5),
                   rows_for_day(db, "events", 2, 200, 5), rows_for_day(db, "events", 3, 300, 5)});
  }
  sql("DST", "INSERT INTO `" + db + "`.`events` VALUES (202, '2024-01-02', 1)"); // upsert
  sql("DST", rows_for_day(db, "events", 3, 390, 1));                             // an extra row
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/verify.prom";
  const ExlResult r = run_exl(
      {"verify", "-source", "src", "-target", "dst", "-t", db + ".events", "-metrics", path});
  ASSERT_EQ(r.exit_code, 3) << r.out << r.err;
  const Exposition file = read_metrics(path);
  EXPECT_EQ(file.value("exlschema_run_exit_code"), "3");
  EXPECT_EQ(file.find("exlschema_run_exit_code").at(0).labels.at("mode"), "verify");
  const auto differing = [&](const char* state) {
    auto labels = events_of(db);
    labels["state"] = state;
    return file.value("exlschema_table_partitions_differing", labels);
  };
  EXPECT_EQ(differing("content_differs"), "1");
  EXPECT_EQ(differing("count_differs"), "1");
  EXPECT_EQ(differing("missing_on_target"), "0");
  EXPECT_EQ(file.value("exlschema_last_success_timestamp_seconds"), "0.000");
}

TEST(MetricsTest, APlanWritesNoFile) {
  const std::string db = metrics_events("metrics_plan");
  const config::test::TempDir dir;
  const std::string path = dir.path() + "/exl.prom";
  const ExlResult r = run_exl(vmode("v2", db + ".events", {"-a", "-i", "-metrics", path}));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

} // namespace
} // namespace exl::test::e2e
