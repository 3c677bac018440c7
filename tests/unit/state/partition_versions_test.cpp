// The partition versions of incremental rounds (issue #10): ids and versions of both sides, one
// audit recorded in one transaction, stores of schema version 1 migrated, and one StateStore
// shared by several threads.
#include "exlschema/state/state_store.hpp"

#include "sample_runs.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>
#include <thread>
#include <vector>

namespace exl::state {
namespace {

using config::test::TempDir;
using test::at;

void run_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::int64_t user_version(const std::string& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
  const std::int64_t version =
      sqlite3_step(stmt) == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : -1;
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return version;
}

PartitionVersion version(const std::string& name, std::int64_t source_version,
                         std::int64_t target_version, std::int64_t rows, std::int64_t source_id,
                         std::int64_t target_id) {
  return {name, source_version, target_version, rows, at(1), source_id, target_id};
}

TEST(PartitionVersionsTest, KeepsThePartitionIdsOfBothSides) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const TableCopy copy{"a", "b", "ods.orders"};
  store.put_partition_version(copy, version("p1", 5, 3, 100, 10011, 20022));
  const auto p1 = store.partition_version(copy, "p1");
  ASSERT_TRUE(p1.has_value());
  EXPECT_EQ(*p1, version("p1", 5, 3, 100, 10011, 20022));
}

TEST(PartitionVersionsTest, RecordsAnAuditInOneCallAndForgetsTheNamedPartitions) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  const TableCopy copy{"a", "b", "ods.orders"};
  store.record_partition_versions(
      copy, {version("p1", 2, 2, 10, 1, 2), version("p2", 3, 3, 20, 3, 4)}, {});
  store.record_partition_versions(copy, {version("p3", 4, 4, 30, 5, 6)}, {"p1", "p9"});
  const auto all = store.partition_versions(copy);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].partition, "p2");
  EXPECT_EQ(all[1], version("p3", 4, 4, 30, 5, 6));
}

// A store written before the ids existed opens, keeps its rows (ids unknown) and takes ids.
TEST(PartitionVersionsTest, AStoreOfSchemaVersionOneIsMigrated) {
  const TempDir dir;
  const std::string path = dir.path() + "/state.db";
  run_sql(path, R"sql(
    CREATE TABLE partition_versions (
      source TEXT NOT NULL, target TEXT NOT NULL, table_name TEXT NOT NULL,
      partition_name TEXT NOT NULL, source_version INTEGER NOT NULL, target_version INTEGER,
      row_count INTEGER NOT NULL, seen_ms INTEGER NOT NULL,
      PRIMARY KEY (source, target, table_name, partition_name));
    INSERT INTO partition_versions VALUES ('a', 'b', 'ods.orders', 'p1', 7, 6, 70, 1000);
    PRAGMA application_id = 1702390867;
    PRAGMA user_version = 1;)sql");

  StateStore store(path);
  EXPECT_EQ(user_version(path), StateStore::k_schema_version);
  const TableCopy copy{"a", "b", "ods.orders"};
  const auto old = store.partition_version(copy, "p1");
  ASSERT_TRUE(old.has_value());
  EXPECT_EQ(old->source_version, 7);
  EXPECT_EQ(old->target_version, 6);
  EXPECT_EQ(old->row_count, 70);
  EXPECT_EQ(old->source_id, std::nullopt);
  EXPECT_EQ(old->target_id, std::nullopt);
  store.put_partition_version(copy, version("p1", 8, 7, 80, 11, 12));
  EXPECT_EQ(store.partition_version(copy, "p1")->source_id, 11);
}

// Several auditors record and read through one StateStore at once: each call runs whole (a
// transaction of one thread never takes in another thread's statements), nothing is lost.
TEST(PartitionVersionsTest, OneStoreSharedByThreadsLosesNothing) {
  const TempDir dir;
  StateStore store(dir.path() + "/state.db");
  constexpr int k_threads = 6;
  constexpr int k_rounds = 40;
  std::vector<std::thread> threads;
  threads.reserve(k_threads);
  std::vector<int> failures(k_threads, 0);
  for (int t = 0; t < k_threads; ++t) {
    threads.emplace_back([&store, &failures, t] {
      const TableCopy copy{"a", "b", "db.t" + std::to_string(t)};
      try {
        for (int i = 0; i < k_rounds; ++i) {
          const std::string name = "p" + std::to_string(i);
          store.record_partition_versions(copy, {version(name, i, i, i, i, i)}, {"gone"});
          if (!store.partition_version(copy, name)) {
            ++failures[t];
          }
          store.finish_run(test::sample_run("run-" + std::to_string(t) + "-" + name, i));
        }
      } catch (const std::exception&) {
        ++failures[t];
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  for (int t = 0; t < k_threads; ++t) {
    EXPECT_EQ(failures[t], 0) << "thread " << t;
    EXPECT_EQ(store.partition_versions({"a", "b", "db.t" + std::to_string(t)}).size(),
              static_cast<std::size_t>(k_rounds));
  }
  EXPECT_EQ(store.recent_runs(1000).size(), static_cast<std::size_t>(k_threads * k_rounds));
}

} // namespace
} // namespace exl::state
