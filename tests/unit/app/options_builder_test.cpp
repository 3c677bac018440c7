#include "app/options_builder.hpp"
#include "exlschema/util/errors.hpp"

#include <gtest/gtest.h>

namespace exl::app {
namespace {

config::ConfigFile config_file() {
  return config::parse_config_text("clusters:\n"
                                   "  a: {host: fe-a, port: 9031, http_port: 8031, user: u}\n"
                                   "  b: {host: fe-b, rpc_port: 9022, user: v}\n"
                                   "feishu:\n  key: hook-key-11\n  progress_interval: 30\n"
                                   "scs:\n  home: /opt/scs\n"
                                   "defaults:\n  thread: 6\n  speed_gb: 4\n  query_timeout: 900\n"
                                   "  max_disk_used_pct: 75\n  critical_disk_used_pct: 88\n",
                                   "/etc/exl.yaml");
}

cli::CliArgs args() {
  cli::CliArgs a;
  a.source = "a";
  a.target = "b";
  a.mode = "v1";
  a.tables = {{"d", "t"}};
  return a;
}

config::RegistryFetch no_registry() {
  return [](const db::ConnectionParams&, const std::string&) -> std::vector<db::Row> {
    throw std::logic_error("the registry must not be read");
  };
}

TEST(OptionsBuilderTest, ScsIsResolvedForAMetaRun) {
  const auto file = config_file();
  config::ClusterDirectory directory(file, no_registry());
  cli::CliArgs a = args();
  a.mode = "meta";
  const config::RunOptions o = build_run_options(a, file, directory, "rid");
  EXPECT_EQ(o.scs.home, "/opt/scs");
}

TEST(OptionsBuilderTest, ConfigDefaultsApplyWhenFlagsAreAbsent) {
  const auto file = config_file();
  config::ClusterDirectory directory(file, no_registry());
  const config::RunOptions o = build_run_options(args(), file, directory, "rid");
  EXPECT_EQ(o.run_id, "rid");
  EXPECT_EQ(o.threads, 6);
  EXPECT_DOUBLE_EQ(o.speed_gb, 4.0);
  EXPECT_EQ(o.query_timeout_s, 900);
  EXPECT_EQ(o.max_disk_used_pct, 75);
  EXPECT_EQ(o.critical_disk_used_pct, 88);
  EXPECT_EQ(o.source.connection.host, "fe-a");
  EXPECT_EQ(o.source.connection.port, 9031);
  EXPECT_EQ(o.source.http_port, 8031);
  EXPECT_EQ(o.target.rpc_port, 9022);
  EXPECT_EQ(o.target.connection.query_timeout_s, 900);
  EXPECT_EQ(o.scs.home, "") << "scs: is resolved for -o meta only";
  EXPECT_EQ(o.scs.report_interval_s, 30) << "scs reports at feishu.progress_interval";
  EXPECT_EQ(o.config_path, "/etc/exl.yaml");
  ASSERT_TRUE(o.feishu.has_value());
  EXPECT_EQ(o.feishu->webhook_url, "https://open.feishu.cn/open-apis/bot/v2/hook/hook-key-11");
  EXPECT_EQ(o.feishu->progress_interval_s, 30);
}

TEST(OptionsBuilderTest, FlagsWinOverConfigAndNonotifyDropsFeishu) {
  const auto file = config_file();
  config::ClusterDirectory directory(file, no_registry());
  cli::CliArgs a = args();
  a.threads = 2;
  a.speed_gb = 0.5;
  a.no_notify = true;
  a.execute = true;
  a.batch = true;
  a.json_path = "r.json";
  a.pause_file = "/run/exl.pause";
  a.panic_file = "/run/exl.panic";
  const config::RunOptions o = build_run_options(a, file, directory, "rid");
  EXPECT_EQ(o.threads, 2);
  EXPECT_DOUBLE_EQ(o.speed_gb, 0.5);
  EXPECT_FALSE(o.feishu.has_value());
  EXPECT_TRUE(o.execute);
  EXPECT_TRUE(o.batch);
  EXPECT_EQ(o.json_path, "r.json");
  EXPECT_EQ(o.pause_file, "/run/exl.pause");
  EXPECT_EQ(o.panic_file, "/run/exl.panic");
  EXPECT_EQ(o.tables, a.tables);
}

TEST(OptionsBuilderTest, UnknownAliasIsAConfigError) {
  const auto file = config_file();
  config::ClusterDirectory directory(file, no_registry());
  cli::CliArgs a = args();
  a.target = "zz";
  EXPECT_THROW(build_run_options(a, file, directory, "rid"), ConfigError);
}

} // namespace
} // namespace exl::app
