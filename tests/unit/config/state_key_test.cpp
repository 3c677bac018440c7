#include "exlschema/config/config_file.hpp"
#include "exlschema/util/errors.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

// `state:`: where the run history is kept (docs/history.md).
namespace exl::config {
namespace {

using test::ScopedEnv;
using ::testing::HasSubstr;

constexpr const char* k_clusters = "clusters:\n  a: {host: h, user: u}\n";

ConfigFile parse_with_state(const std::string& state_line, const std::string& path) {
  return parse_config_text(std::string(k_clusters) + state_line + "\n", path);
}

std::string state_key_error(const std::string& state_line) {
  try {
    parse_with_state(state_line, "/etc/exl.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}

TEST(StateKeyTest, AbsentMeansTheDefaultPlace) {
  EXPECT_EQ(parse_config_text(k_clusters, "/etc/exl.yaml").state_path, "");
}

TEST(StateKeyTest, AnAbsolutePathIsKept) {
  EXPECT_EQ(parse_with_state("state: /var/lib/exl/state.db", "/etc/exl.yaml").state_path,
            "/var/lib/exl/state.db");
}

TEST(StateKeyTest, TildeIsTheHomeDirectory) {
  const ScopedEnv home("HOME", "/home/u");
  EXPECT_EQ(parse_with_state("state: ~/exl/state.db", "/etc/exl.yaml").state_path,
            "/home/u/exl/state.db");
  // A bare ~ is YAML's null, so it has to be quoted.
  EXPECT_EQ(parse_with_state("state: '~'", "/etc/exl.yaml").state_path, "/home/u");
}

TEST(StateKeyTest, ARelativePathIsRelativeToTheConfigurationFile) {
  EXPECT_EQ(parse_with_state("state: run/../state.db", "/etc/exl/conf.yaml").state_path,
            "/etc/exl/state.db");
}

TEST(StateKeyTest, RefusesWhatCannotBeAPath) {
  EXPECT_THAT(state_key_error("state: ~bob/state.db"),
              HasSubstr("exl.yaml:3: state: ~user is not"));
  EXPECT_THAT(state_key_error("state: ''"), HasSubstr("exl.yaml:3: state: must not be empty"));
  EXPECT_THAT(state_key_error("state: ~"), HasSubstr("exl.yaml:3: state: expected a single value"));
  EXPECT_THAT(state_key_error("state: {a: 1}"), HasSubstr("exl.yaml:3: state"));
  const ScopedEnv home("HOME", nullptr);
  EXPECT_THAT(state_key_error("state: ~/x.db"), HasSubstr("HOME is not set"));
}

TEST(StateKeyTest, TheShippedExamplesSetIt) {
  const std::filesystem::path repo =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();
  const ScopedEnv home("HOME", "/home/u");
  EXPECT_EQ(load_config_file((repo / ".exlSchema.yaml.example").string()).state_path,
            "/home/u/.local/state/exlSchema/state.db");
  EXPECT_EQ(load_config_file((repo / "conf/cron-feishu.exlSchema.yaml").string()).state_path,
            "/var/lib/exlSchema/state.db");
}

} // namespace
} // namespace exl::config
