// A state store that cannot be used stops the run before anything is done: exl::ConfigError
// (exit code 2) with one line naming the file.
#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"

#include "sample_runs.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace exl::state {
namespace {

using config::test::TempDir;

// The ConfigError StateStore(`path`) throws; fails the test when it does not throw one.
std::string open_error(const std::string& path) {
  try {
    const StateStore store(path);
  } catch (const ConfigError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_NE(message.find("state store " + path + ": "), std::string::npos) << message;
    return message;
  }
  ADD_FAILURE() << "no ConfigError for " << path;
  return {};
}

void run_raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(StateStoreErrorsTest, AFileOfGarbageIsNotAStateStore) {
  const TempDir dir;
  const std::string path = dir.write("state.db", std::string(8192, 'x'));
  EXPECT_NE(open_error(path).find("is not a SQLite database"), std::string::npos);
  EXPECT_EQ(std::filesystem::file_size(path), 8192U); // left as it was
}

TEST(StateStoreErrorsTest, ADirectoryWhereTheFileShouldBe) {
  const TempDir dir;
  std::filesystem::create_directory(dir.path() + "/state.db");
  EXPECT_NE(open_error(dir.path() + "/state.db").find("is a directory"), std::string::npos);
}

TEST(StateStoreErrorsTest, AParentThatIsAFile) {
  const TempDir dir;
  const std::string file = dir.write("plain", "x");
  EXPECT_NE(open_error(file + "/sub/state.db").find(file + " is not a directory"),
            std::string::npos);
}

TEST(StateStoreErrorsTest, AParentWhereNoDirectoryCanBeCreated) {
  // /proc refuses new entries even to root, so this holds whoever runs the tests.
  EXPECT_NE(open_error("/proc/exl-no-such/state.db").find("cannot create directory"),
            std::string::npos);
}

TEST(StateStoreErrorsTest, AFileThatCannotBeCreated) {
  EXPECT_NE(open_error("/proc/self/exl-state.db").find("cannot create the file"),
            std::string::npos);
}

TEST(StateStoreErrorsTest, AnotherProgramsDatabase) {
  const TempDir dir;
  const std::string path = dir.path() + "/other.db";
  run_raw_sql(path, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);");
  EXPECT_NE(open_error(path).find("not an exlSchema state store"), std::string::npos);
}

TEST(StateStoreErrorsTest, AStoreFromANewerBuild) {
  const TempDir dir;
  const std::string path = dir.path() + "/state.db";
  { const StateStore store(path); }
  run_raw_sql(path, "PRAGMA user_version = 99");
  EXPECT_NE(open_error(path).find("newer exlSchema (schema version 99"), std::string::npos);
}

TEST(StateStoreErrorsTest, ACorruptStore) {
  const TempDir dir;
  const std::string path = dir.path() + "/state.db";
  {
    StateStore store(path);
    for (int i = 0; i < 50; ++i) {
      store.finish_run(test::sample_run("run-" + std::to_string(i), i));
    }
  }
  // Overwrite everything after the first page (the header stays valid).
  const auto size = std::filesystem::file_size(path);
  ASSERT_GT(size, 8192U);
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(4096);
    const std::string junk(size - 4096, '\x5a');
    file.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  const std::string message = open_error(path);
  EXPECT_TRUE(message.find("corrupt") != std::string::npos ||
              message.find("malformed") != std::string::npos)
      << message;
}

} // namespace
} // namespace exl::state
