#include "exlschema/scs/log_follower.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

void append_log(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app);
  out << text;
}

using Lines = std::vector<std::string>;

} // namespace

// Earlier runs' lines are not this run's; a half-written line waits for its newline.
TEST(LogFollowerTest, ReadsOnlyNewCompleteLines) {
  exl::config::test::TempDir dir;
  const std::string log = dir.path() + "/sync.INFO.log";
  append_log(log, "old line\n");
  exl::scs::LogFollower follower(log);
  EXPECT_EQ(follower.poll(), Lines{});
  append_log(log, "one\ntw");
  EXPECT_EQ(follower.poll(), Lines{"one"});
  append_log(log, "o\n");
  EXPECT_EQ(follower.poll(), Lines{"two"});
}

// A file that appears later is read from its start.
TEST(LogFollowerTest, WaitsForAMissingFile) {
  exl::config::test::TempDir dir;
  const std::string log = dir.path() + "/sync.INFO.log";
  exl::scs::LogFollower follower(log);
  EXPECT_EQ(follower.poll(), Lines{});
  append_log(log, "first\n");
  EXPECT_EQ(follower.poll(), Lines{"first"});
}

// Rotation: what the renamed file received before the switch, then the new file.
TEST(LogFollowerTest, FollowsRotationAndTruncation) {
  exl::config::test::TempDir dir;
  const std::string log = dir.path() + "/sync.INFO.log";
  append_log(log, "");
  exl::scs::LogFollower follower(log);
  append_log(log, "a\n");
  EXPECT_EQ(follower.poll(), Lines{"a"});
  append_log(log, "b\n");
  std::filesystem::rename(log, log + ".20261201-100000");
  append_log(log, "c\n");
  EXPECT_EQ(follower.poll(), (Lines{"b", "c"}));
  append_log(log, "d\n");
  EXPECT_EQ(follower.poll(), Lines{"d"});
  std::filesystem::resize_file(log, 0); // copytruncate
  append_log(log, "e\n");
  EXPECT_EQ(follower.poll(), Lines{"e"});
  EXPECT_EQ(follower.tail().back(), "e");
}
