#include "exlschema/config/config_file.hpp"
#include "exlschema/util/errors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `defaults.max_disk_used_pct` (the disk threshold of `exlSchema check` and of the throttle's
// pause) and `defaults.critical_disk_used_pct` (the throttle's stop).
namespace exl::config {
namespace {

using ::testing::HasSubstr;

const std::string k_cluster = "clusters:\n  a: {host: h, user: u}\n";

TEST(MaxDiskUsedPctTest, DefaultsTo80) {
  EXPECT_EQ(parse_config_text(k_cluster, "/etc/exl.yaml").defaults.max_disk_used_pct, 80);
}

TEST(MaxDiskUsedPctTest, ReadsTheKey) {
  const ConfigFile config =
      parse_config_text(k_cluster + "defaults:\n  max_disk_used_pct: 92\n", "/etc/exl.yaml");
  EXPECT_EQ(config.defaults.max_disk_used_pct, 92);
}

TEST(MaxDiskUsedPctTest, RefusesAValueThatIsNotAPercent) {
  for (const char* bad : {"0", "101", "eighty", "80.5"}) {
    SCOPED_TRACE(bad);
    try {
      parse_config_text(k_cluster + "defaults:\n  max_disk_used_pct: " + bad + "\n",
                        "/etc/exl.yaml");
      ADD_FAILURE() << "accepted";
    } catch (const ConfigError& e) {
      EXPECT_THAT(e.what(), HasSubstr(":4: defaults.max_disk_used_pct: expected a whole number "
                                      "between 1 and 100"));
    }
  }
}

TEST(MaxDiskUsedPctTest, CriticalDefaultsTo90) {
  EXPECT_EQ(parse_config_text(k_cluster, "/etc/exl.yaml").defaults.critical_disk_used_pct, 90);
}

TEST(MaxDiskUsedPctTest, ReadsTheCriticalKey) {
  const ConfigFile config = parse_config_text(
      k_cluster + "defaults:\n  max_disk_used_pct: 70\n  critical_disk_used_pct: 85\n",
      "/etc/exl.yaml");
  EXPECT_EQ(config.defaults.max_disk_used_pct, 70);
  EXPECT_EQ(config.defaults.critical_disk_used_pct, 85);
}

// A configuration that only raises the pause limit (valid before the critical key existed) keeps
// working: the stop is never below the pause.
TEST(MaxDiskUsedPctTest, CriticalFollowsAHigherMaxWhenNotWritten) {
  const ConfigFile config =
      parse_config_text(k_cluster + "defaults:\n  max_disk_used_pct: 95\n", "/etc/exl.yaml");
  EXPECT_EQ(config.defaults.critical_disk_used_pct, 95);
}

TEST(MaxDiskUsedPctTest, RefusesACriticalBelowMax) {
  try {
    parse_config_text(k_cluster +
                          "defaults:\n  max_disk_used_pct: 85\n  critical_disk_used_pct: 80\n",
                      "/etc/exl.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/etc/exl.yaml:5: defaults.critical_disk_used_pct: must be "
                                    "at least max_disk_used_pct (85), got 80"));
  }
}

TEST(MaxDiskUsedPctTest, RefusesACriticalThatIsNotAPercent) {
  for (const char* bad : {"0", "101", "ninety", "90.5"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(parse_config_text(k_cluster + "defaults:\n  critical_disk_used_pct: " + bad + "\n",
                                   "/etc/exl.yaml"),
                 ConfigError);
  }
}

} // namespace
} // namespace exl::config
