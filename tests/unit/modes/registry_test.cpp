#include "exlschema/modes/mode_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

namespace exl::modes {
namespace {

std::set<std::string> names_where(bool (*keep)(const ModeInfo&)) {
  std::set<std::string> names;
  for (const ModeInfo& mode : mode_table()) {
    if (keep(mode)) {
      names.emplace(mode.name);
    }
  }
  return names;
}

bool accepts(std::string_view mode, std::string_view flag) {
  const ModeInfo* row = find_mode(mode);
  return row != nullptr &&
         std::find(row->mode_flags.begin(), row->mode_flags.end(), flag) != row->mode_flags.end();
}

TEST(ModeRegistryTest, NamesAreUniqueAndFound) {
  std::set<std::string_view> seen;
  for (const ModeInfo& mode : mode_table()) {
    EXPECT_TRUE(seen.insert(mode.name).second) << mode.name;
    EXPECT_EQ(find_mode(mode.name), &mode);
    EXPECT_FALSE(mode.summary.empty()) << mode.name;
  }
  EXPECT_EQ(find_mode("v9"), nullptr);
}

// PRODUCT.md §1: -where only on a first load that cannot destroy target rows.
TEST(ModeRegistryTest, WhereOnlyOnFirstLoadsThatDoNotOverwrite) {
  EXPECT_EQ(names_where([](const ModeInfo& m) { return m.where_ok_one_time; }),
            (std::set<std::string>{"mysql", "starrocks", "v1", "pipe", "files"}));
  EXPECT_EQ(names_where([](const ModeInfo& m) { return m.overwrites_partitions; }),
            (std::set<std::string>{"v2", "v3", "v4", "v5"}));
  for (const ModeInfo& mode : mode_table()) {
    EXPECT_FALSE(mode.where_ok_one_time && mode.overwrites_partitions) << mode.name;
  }
}

// Without -i these modes repeat rounds that replace what changed; the others run once.
TEST(ModeRegistryTest, IncrementalRoundsBelongToTheModesThatReplaceWhatChanged) {
  EXPECT_EQ(names_where([](const ModeInfo& m) { return m.rounds; }),
            (std::set<std::string>{"mysql", "starrocks", "pipe", "files", "v2", "v3", "v4", "v5"}));
}

TEST(ModeRegistryTest, ModeSpecificFlagsBelongToTheirModes) {
  for (const char* flag : {"batch", "batchcheck", "complement"}) {
    EXPECT_TRUE(accepts("v1", flag)) << flag;
    EXPECT_FALSE(accepts("v2", flag)) << flag;
  }
  for (const char* mode : {"v1", "v2", "v3", "v4", "v5"}) {
    EXPECT_TRUE(accepts(mode, "a")) << mode;
  }
  for (const char* mode : {"meta", "ghost"}) {
    EXPECT_TRUE(find_mode(mode)->mode_flags.empty()) << mode;
  }
  // -truncate empties a table before a first load (v1, mysql, starrocks, pipe); v2-v5 overwrite
  // whole partitions.
  for (const char* mode : {"v1", "mysql", "starrocks", "pipe"}) {
    EXPECT_TRUE(accepts(mode, "truncate")) << mode;
  }
  for (const char* mode : {"v2", "v3", "v4", "v5"}) {
    EXPECT_FALSE(accepts(mode, "truncate")) << mode;
  }
  // -add creates missing partitions for v2/v3 and the external-table modes; v4/v5 load missing
  // partitions anyway.
  for (const char* mode : {"v2", "v3", "mysql", "starrocks", "pipe"}) {
    EXPECT_TRUE(accepts(mode, "add")) << mode;
  }
  for (const char* mode : {"v1", "v4", "v5", "ghost"}) {
    EXPECT_FALSE(accepts(mode, "add")) << mode;
  }
}

} // namespace
} // namespace exl::modes
