#include "commands/history_command.hpp"
#include "commands/history_json.hpp"
#include "commands/history_text.hpp"
#include "commands/history_view.hpp"
#include "exlschema/util/errors.hpp"
#include "support/temp_dir.hpp"
#include "unit/state/sample_runs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace exl::commands {
namespace {

using config::test::ScopedEnv;
using config::test::TempDir;
using state::test::sample_run;
using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;

// A store with three runs: r1 and r2 (ods.orders ok, ods.users failed), then a dry run r3 of
// dw.facts that never finished.
class HistoryCommandTest : public ::testing::Test {
protected:
  HistoryCommandTest() : m_store(m_dir.path() + "/state.db") {
    m_store.finish_run(sample_run("r1", 0));
    m_store.finish_run(sample_run("r2", 1000));
    auto unfinished = sample_run("r3", 2000);
    unfinished.dry_run = true;
    unfinished.tables = {report::TableReport{}};
    unfinished.tables[0].table = "dw.facts";
    unfinished.tables[0].mode = "v2";
    unfinished.tables[0].status = runner::TaskStatus::Running;
    m_store.begin_run(unfinished);
  }

  TempDir m_dir;
  state::StateStore m_store;
};

TEST_F(HistoryCommandTest, OverviewListsTheLastRunsNewestFirst) {
  const std::string text = render_history_text(load_history(m_store, {}, 2));
  EXPECT_THAT(text, HasSubstr("State store: " + m_store.path() + "\n"));
  EXPECT_THAT(text, HasSubstr("Last 2 run(s), newest first:\n"));
  EXPECT_THAT(text, ContainsRegex("  run +start +mode +source -> target +exit +tables ok/failed "
                                  "+rows moved +time\n"
                                  "  r3 +2026-11-21T12:33:20Z +v2 \\(plan\\) +prod_a -> prod_b +- "
                                  "+0/0 +- +unfinished\n"
                                  "  r2 +2026-11-21T12:16:40Z +v2 +prod_a -> prod_b +1 +1/1 +300 "
                                  "+2m05s\n\n"));
  // r1 is beyond -n 2 in the overview; the tables section shows each table's own last 2.
  EXPECT_THAT(text.substr(0, text.find("Per table")), Not(HasSubstr("  r1  ")));
}

TEST_F(HistoryCommandTest, PerTableShowsRowsPartitionsAndFailures) {
  const std::string text = render_history_text(load_history(m_store, {}, 10));
  EXPECT_THAT(text, HasSubstr("Per table, its last 10 run(s):\n"));
  EXPECT_THAT(text, ContainsRegex("\n  dw.facts\n    run +start +mode +status +rows moved "
                                  "+rewritten/audited +time +reason\n"
                                  "    r3 +2026-11-21T12:33:20Z +v2 \\(plan\\) +unfinished +- "
                                  "+0/0 +0ms\n"));
  EXPECT_THAT(text, ContainsRegex("\n  ods.orders\n.*\n    r2 +2026-11-21T12:16:40Z +v2 +ok +300 "
                                  "+2/12 +1m01s\n    r1 "));
  EXPECT_THAT(text, ContainsRegex("\n  ods.users\n.*\n    r2 +2026-11-21T12:16:40Z +v2 +failed "
                                  "+- +0/0 +800ms +Access denied for user 'u' "
                                  "\\(recommended: -o v4\\)\n"));
}

TEST_F(HistoryCommandTest, TablePatternsSelectRunsAndTables) {
  const auto view = load_history(m_store, {{"dw", "f*"}}, 10);
  ASSERT_EQ(view.runs.size(), 1U);
  EXPECT_EQ(view.runs[0].run_id, "r3");
  ASSERT_EQ(view.tables.size(), 1U);
  EXPECT_EQ(view.tables[0].table, "dw.facts");

  const auto users = load_history(m_store, {{"ods", "us?rs"}}, 10);
  EXPECT_EQ(users.runs.size(), 2U);
  ASSERT_EQ(users.tables.size(), 1U);
  EXPECT_EQ(users.runs[0].tables_failed, 1);
  EXPECT_EQ(users.runs[0].tables_ok, 0);

  const auto none = load_history(m_store, {{"nope", "*"}}, 10);
  EXPECT_TRUE(none.runs.empty());
  EXPECT_THAT(render_history_text(none), HasSubstr("No runs recorded for the tables of -t."));
}

TEST(HistoryFilterTest, MatchesDatabaseAndTablePartsSeparately) {
  const auto filter = table_filter({{"ods", "o*"}, {"d?", "t"}});
  EXPECT_TRUE(filter("ods.orders"));
  EXPECT_TRUE(filter("dw.t"));
  EXPECT_FALSE(filter("ods.users"));
  EXPECT_FALSE(filter("odsx.orders"));
  EXPECT_FALSE(filter("dw.t2"));
  EXPECT_FALSE(table_filter({})); // no -t: no filter, every table
}

TEST_F(HistoryCommandTest, JsonHoldsTheSame) {
  const auto json = history_to_json(load_history(m_store, {}, 2));
  EXPECT_EQ(json["schema_version"], 1);
  EXPECT_EQ(json["state_path"], m_store.path());
  ASSERT_EQ(json["runs"].size(), 2U);
  EXPECT_EQ(json["runs"][0]["run_id"], "r3");
  EXPECT_EQ(json["runs"][0]["finished"], false);
  EXPECT_TRUE(json["runs"][0]["exit_code"].is_null());
  EXPECT_EQ(json["runs"][1]["exit_code"], 1);
  EXPECT_EQ(json["runs"][1]["rows_moved"], 300);
  EXPECT_EQ(json["runs"][1]["elapsed_ms"], 125000);
  EXPECT_EQ(json["runs"][1]["start"], "2026-11-21T12:16:40Z");
  const auto& tables = json["tables"];
  ASSERT_EQ(tables.size(), 3U);
  EXPECT_EQ(tables[2]["table"], "ods.users");
  EXPECT_EQ(tables[2]["runs"].size(), 2U); // its own last 2 runs
  EXPECT_EQ(tables[2]["runs"][0]["status"], "failed");
  EXPECT_EQ(tables[2]["runs"][0]["error"], "Access denied for user 'u'");
  EXPECT_TRUE(tables[2]["runs"][0]["rows_moved"].is_null());

  const std::string path = m_dir.path() + "/h.json";
  write_history_json(load_history(m_store, {}, 2), path);
  std::ifstream in(path);
  EXPECT_EQ(nlohmann::json::parse(in), json);
}

// The whole command as the app calls it: no configuration file, the default store under
// $XDG_STATE_HOME, console and -json.
TEST_F(HistoryCommandTest, RunHistoryReadsTheDefaultStoreWithoutAConfiguration) {
  const TempDir home;
  const ScopedEnv home_env("HOME", home.path().c_str());
  const ScopedEnv env("EXLSCHEMA_CONFIG", nullptr);
  const ScopedEnv xdg("XDG_STATE_HOME", m_dir.path().c_str());
  std::filesystem::create_directories(m_dir.path() + "/exlSchema");
  {
    state::StateStore store(m_dir.path() + "/exlSchema/state.db");
    store.finish_run(sample_run("default-run"));
  }
  cli::CliArgs args;
  args.command = cli::Command::History;
  args.history_runs = 5;
  args.tables = {{"ods", "users"}};
  args.json_path = home.path() + "/h.json";
  ::testing::internal::CaptureStdout();
  const int code = run_history(args);
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_EQ(code, 0);
  EXPECT_THAT(out, HasSubstr("State store: " + m_dir.path() + "/exlSchema/state.db\n"));
  EXPECT_THAT(out, ContainsRegex("  default-run +2026-11-21T12:00:00Z +v2 +prod_a -> prod_b +1 "
                                 "+0/1 +- +2m05s\n"));
  EXPECT_THAT(out, HasSubstr("\n  ods.users\n"));
  EXPECT_THAT(out, Not(HasSubstr("ods.orders")));
  std::ifstream in(args.json_path);
  const auto json = nlohmann::json::parse(in);
  EXPECT_EQ(json["runs"][0]["run_id"], "default-run");
  EXPECT_EQ(json["tables"].size(), 1U);
}

TEST(HistoryStatePathTest, NoConfigurationMeansTheDefaultPlace) {
  const TempDir dir;
  const ScopedEnv home("HOME", dir.path().c_str());
  const ScopedEnv xdg("XDG_STATE_HOME", nullptr);
  const ScopedEnv env("EXLSCHEMA_CONFIG", nullptr);
  EXPECT_EQ(history_state_path(""), dir.path() + "/.local/state/exlSchema/state.db");
}

TEST(HistoryStatePathTest, TheConfigurationsStateKeyMovesIt) {
  const TempDir dir;
  const ScopedEnv env("EXLSCHEMA_CONFIG", nullptr);
  const std::string config =
      dir.write("c.yaml", "clusters:\n  a: {host: h, user: u}\nstate: /srv/exl.db\n");
  EXPECT_EQ(history_state_path(config), "/srv/exl.db");
  const std::string plain = dir.write("p.yaml", "clusters:\n  a: {host: h, user: u}\n");
  const ScopedEnv xdg("XDG_STATE_HOME", "/var/xdg");
  EXPECT_EQ(history_state_path(plain), "/var/xdg/exlSchema/state.db");
  EXPECT_THROW(history_state_path(dir.path() + "/missing.yaml"), ConfigError);
}

} // namespace
} // namespace exl::commands
