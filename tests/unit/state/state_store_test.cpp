#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"

#include "sample_runs.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

namespace exl::state {
namespace {

using config::test::ScopedEnv;
using config::test::TempDir;
using test::at;
using test::sample_run;

mode_t mode_of(const std::string& path) {
  struct stat info {};
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return info.st_mode & 0777;
}

TEST(StateStoreTest, CreatesPrivateParentsAndAPrivateFile) {
  const TempDir dir;
  const std::string path = dir.path() + "/a/b/state.db";
  const StateStore store(path);
  EXPECT_EQ(mode_of(path), 0600U);
  EXPECT_EQ(mode_of(dir.path() + "/a"), 0700U);
  EXPECT_EQ(mode_of(dir.path() + "/a/b"), 0700U);
}

TEST(StateStoreTest, DefaultPathFollowsXdgStateHomeElseHome) {
  {
    const ScopedEnv xdg("XDG_STATE_HOME", "/x/state");
    EXPECT_EQ(default_state_path(), "/x/state/exlSchema/state.db");
  }
  const ScopedEnv home("HOME", "/home/u");
  {
    const ScopedEnv xdg("XDG_STATE_HOME", nullptr);
    EXPECT_EQ(default_state_path(), "/home/u/.local/state/exlSchema/state.db");
  }
  const ScopedEnv relative("XDG_STATE_HOME", "relative/dir"); // invalid per the XDG spec
  EXPECT_EQ(default_state_path(), "/home/u/.local/state/exlSchema/state.db");
}

TEST(StateStoreTest, RecordsAFinishedRunWithItsTablesAndCounts) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const auto run = sample_run("r1");
  store.begin_run(run);
  store.finish_run(run);

  const auto runs = store.recent_runs(10);
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0].run_id, "r1");
  EXPECT_EQ(runs[0].command_line, run.command_line);
  EXPECT_EQ(runs[0].source + ">" + runs[0].target, "prod_a>prod_b");
  EXPECT_FALSE(runs[0].dry_run);
  EXPECT_TRUE(runs[0].finished);
  EXPECT_EQ(runs[0].start, at(0));
  EXPECT_EQ(runs[0].end, at(125));
  EXPECT_EQ(runs[0].exit_code, 1);
  EXPECT_EQ(runs[0].tables_total, 2);
  EXPECT_EQ(runs[0].tables_ok, 1);
  EXPECT_EQ(runs[0].tables_failed, 1);
  EXPECT_EQ(runs[0].rows_moved, 300);

  const auto orders = store.table_runs("ods.orders", 10);
  ASSERT_EQ(orders.size(), 1U);
  EXPECT_EQ(orders[0].status, "ok");
  EXPECT_EQ(orders[0].rows_moved, 300);
  EXPECT_EQ(orders[0].partitions_audited, 12);
  EXPECT_EQ(orders[0].partitions_rewritten, 2);
  EXPECT_EQ(orders[0].elapsed, std::chrono::milliseconds(61500));
  EXPECT_EQ(orders[0].target_table, "ods.orders");
  EXPECT_EQ(orders[0].outcome, "loaded");
  const auto tables = store.run_tables("r1");
  ASSERT_EQ(tables.size(), 2U);
  EXPECT_EQ(tables[0].table, "ods.orders");
  EXPECT_EQ(tables[1].table, "ods.users");
  EXPECT_EQ(tables[1].run_start, at(0));
  const auto users = store.table_runs("ods.users", 10);
  ASSERT_EQ(users.size(), 1U);
  EXPECT_EQ(users[0].status, "failed");
  EXPECT_EQ(users[0].rows_moved, std::nullopt);
  EXPECT_EQ(users[0].error, "Access denied for user 'u'");
  EXPECT_EQ(users[0].recommended_mode, "v4");
}

TEST(StateStoreTest, KeepsEveryTaskWithItsPartitionsAndLabels) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const auto run = sample_run("r1");
  store.finish_run(run); // without begin_run: still recorded

  const auto tasks = store.run_tasks("r1");
  ASSERT_EQ(tasks.size(), 3U);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    EXPECT_EQ(tasks[i].name, run.tasks[i].name);
    EXPECT_EQ(tasks[i].table, run.tasks[i].table);
    EXPECT_EQ(tasks[i].status, run.tasks[i].status);
    EXPECT_EQ(tasks[i].attempts, 1);
    EXPECT_EQ(tasks[i].rows_moved, run.tasks[i].rows_moved);
    EXPECT_EQ(tasks[i].start, at(10));
    EXPECT_EQ(tasks[i].end, at(20));
    EXPECT_EQ(tasks[i].error, run.tasks[i].error);
    EXPECT_EQ(tasks[i].partitions, run.tasks[i].partitions);
    EXPECT_EQ(tasks[i].labels, run.tasks[i].labels);
  }
}

TEST(StateStoreTest, AStartedRunStaysVisibleUntilFinished) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  auto header = sample_run("r1");
  header.tasks.clear();
  store.begin_run(header);
  {
    const auto runs = store.recent_runs(10);
    ASSERT_EQ(runs.size(), 1U);
    EXPECT_FALSE(runs[0].finished);
    EXPECT_EQ(runs[0].end, std::nullopt);
    EXPECT_EQ(runs[0].exit_code, std::nullopt);
    EXPECT_FALSE(store.table_runs("ods.orders", 1).at(0).run_finished);
  }
  auto report = sample_run("r1");
  report.tables.pop_back(); // finish_run replaces what begin_run recorded
  report.exit_code = 0;
  store.finish_run(report);
  const auto runs = store.recent_runs(10);
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_TRUE(runs[0].finished);
  EXPECT_EQ(runs[0].exit_code, 0);
  EXPECT_EQ(runs[0].tables_total, 1);
  EXPECT_TRUE(store.table_runs("ods.users", 10).empty());
  store.finish_run(report); // again (e.g. after the next round): still one run
  EXPECT_EQ(store.recent_runs(10).size(), 1U);
  EXPECT_EQ(store.run_tasks("r1").size(), 3U);
}

TEST(StateStoreTest, RefusesASecondStartOfTheSameRun) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  store.begin_run(sample_run("r1"));
  try {
    store.begin_run(sample_run("r1"));
    FAIL() << "no exception";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("run r1 was already recorded"), std::string::npos)
        << e.what();
  }
}

TEST(StateStoreTest, ListsNewestRunsFirstUpToTheLimit) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  for (int i = 0; i < 5; ++i) {
    store.finish_run(sample_run("r" + std::to_string(i), i * 1000));
  }
  const auto runs = store.recent_runs(3);
  ASSERT_EQ(runs.size(), 3U);
  EXPECT_EQ(runs[0].run_id, "r4");
  EXPECT_EQ(runs[2].run_id, "r2");
  const auto orders = store.table_runs("ods.orders", 2);
  ASSERT_EQ(orders.size(), 2U);
  EXPECT_EQ(orders[0].run_id, "r4");
  EXPECT_EQ(orders[1].run_id, "r3");
}

TEST(StateStoreTest, AFilterSelectsRunsTablesAndCounts) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  store.finish_run(sample_run("both"));
  auto other = sample_run("other", 500);
  other.tables.resize(1);
  other.tables[0].table = "dw.facts";
  other.tables[0].status = runner::TaskStatus::Succeeded;
  other.tasks = {test::sample_task("dw.facts", "p1", runner::TaskStatus::Succeeded, 7)};
  store.finish_run(other);

  const TableFilter users = [](std::string_view table) { return table == "ods.users"; };
  const auto runs = store.recent_runs(10, users);
  ASSERT_EQ(runs.size(), 1U);
  EXPECT_EQ(runs[0].run_id, "both");
  EXPECT_EQ(runs[0].tables_total, 1);
  EXPECT_EQ(runs[0].tables_ok, 0);
  EXPECT_EQ(runs[0].tables_failed, 1);
  EXPECT_EQ(runs[0].rows_moved, std::nullopt);
  EXPECT_EQ(store.tables(users), std::vector<std::string>{"ods.users"});
  EXPECT_EQ(store.tables(), (std::vector<std::string>{"dw.facts", "ods.orders", "ods.users"}));
  EXPECT_EQ(store.recent_runs(10).size(), 2U);
}

TEST(StateStoreTest, ValuesAreBoundNotFormattedIntoSql) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  auto run = sample_run("r'); DROP TABLE runs; --");
  run.tables[0].table = "o'db.t\"x";
  store.finish_run(run);
  EXPECT_EQ(store.recent_runs(10).at(0).run_id, run.run_id);
  EXPECT_EQ(store.table_runs("o'db.t\"x", 1).size(), 1U);
}

TEST(StateStoreTest, ReopenedStoreKeepsItsRunsAndUsesWal) {
  const TempDir dir;
  const std::string path = dir.path() + "/state.db";
  StateStore(path).finish_run(sample_run("r1"));
  StateStore store(path);
  EXPECT_EQ(store.recent_runs(10).size(), 1U);
  EXPECT_TRUE(std::filesystem::exists(path + "-wal"));
  EXPECT_EQ(mode_of(path + "-wal"), 0600U);
}

TEST(StateStoreTest, RemembersPartitionVersionsPerCopy) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const TableCopy copy{"prod_a", "prod_b", "ods.orders"};
  const TableCopy elsewhere{"prod_a", "prod_c", "ods.orders"};
  EXPECT_EQ(store.partition_version(copy, "p1"), std::nullopt);
  store.put_partition_version(copy, {"p1", 5, 3, 100, at(1), 11, 21});
  store.put_partition_version(copy, {"p2", 7, std::nullopt, 0, at(2), 12, std::nullopt});
  store.put_partition_version(elsewhere, {"p1", 9, 9, 1, at(3), 13, 23});
  store.put_partition_version(copy, {"p1", 6, 4, 150, at(4), 14, 24}); // replaces

  const auto p1 = store.partition_version(copy, "p1");
  ASSERT_TRUE(p1.has_value());
  EXPECT_EQ(p1->source_version, 6);
  EXPECT_EQ(p1->target_version, 4);
  EXPECT_EQ(p1->row_count, 150);
  EXPECT_EQ(p1->seen, at(4));
  EXPECT_EQ(p1->source_id, 14);
  EXPECT_EQ(p1->target_id, 24);
  const auto all = store.partition_versions(copy);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[1].partition, "p2");
  EXPECT_EQ(all[1].target_version, std::nullopt);

  store.forget_partition_versions(copy);
  EXPECT_TRUE(store.partition_versions(copy).empty());
  EXPECT_EQ(store.partition_versions(elsewhere).size(), 1U);
}

} // namespace
} // namespace exl::state
