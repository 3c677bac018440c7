#include "app/options_builder.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

// RunOptions::state_path: `state:` of the configuration, else the default place.
namespace exl::app {
namespace {

config::RunOptions options_for(const std::string& extra_yaml) {
  const auto file = config::parse_config_text(
      "clusters:\n  a: {host: fe-a, user: u}\n  b: {host: fe-b, user: v}\n" + extra_yaml,
      "/etc/exl.yaml");
  config::ClusterDirectory directory(
      file, [](const db::ConnectionParams&, const std::string&) -> std::vector<db::Row> {
        throw std::logic_error("the registry must not be read");
      });
  cli::CliArgs args;
  args.source = "a";
  args.target = "b";
  args.mode = "v2";
  args.tables = {{"d", "t"}};
  return build_run_options(args, file, directory, "rid");
}

TEST(OptionsStatePathTest, DefaultsToTheXdgStateDirectory) {
  const config::test::ScopedEnv xdg("XDG_STATE_HOME", "/var/xdg");
  EXPECT_EQ(options_for("").state_path, "/var/xdg/exlSchema/state.db");
}

TEST(OptionsStatePathTest, TheStateKeyMovesIt) {
  const config::test::ScopedEnv xdg("XDG_STATE_HOME", "/var/xdg");
  EXPECT_EQ(options_for("state: /srv/exl/state.db\n").state_path, "/srv/exl/state.db");
}

} // namespace
} // namespace exl::app
