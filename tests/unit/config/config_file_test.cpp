#include "exlschema/config/config_file.hpp"
#include "exlschema/util/errors.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::config {
namespace {

using ::testing::HasSubstr;

constexpr const char* k_full = R"(clusters:
  prod_a:
    host: 10.0.0.11
    port: 9031
    http_port: 8031
    rpc_port: 9021
    user: migrator
    password_env: EXL_PROD_A_PASSWORD
  prod_b:
    host: 10.0.0.12
    user: root
    password: "plain pw"
  prod_c:
    host: 10.0.0.13
    user: root
    password_enc: Hneh+Ta30dEepK6ecJJymw==
    secret_key_env: EXL_KEY
registry:
  cluster: prod_b
  table: exl_meta.clusters
feishu:
  webhook: https://open.feishu.cn/open-apis/bot/v2/hook/abc-123
  secret_env: EXL_FEISHU_SECRET
  proxy: http://proxy.internal:3128
  progress_interval: 60
scs:
  home: /opt/scs
defaults:
  thread: 5
  speed_gb: 2.5
  query_timeout: 7200
)";

ConfigFile parse(const std::string& text) {
  return parse_config_text(text, "/etc/exl.yaml");
}

std::string error_of(const std::string& text) {
  try {
    parse(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(ConfigFileTest, ReadsEveryKey) {
  const ConfigFile config = parse(k_full);
  ASSERT_EQ(config.clusters.size(), 3U);
  const ClusterEntry& a = config.clusters.at("prod_a");
  EXPECT_EQ(a.host, "10.0.0.11");
  EXPECT_EQ(a.port, 9031);
  EXPECT_EQ(a.http_port, 8031);
  EXPECT_EQ(a.rpc_port, 9021);
  EXPECT_EQ(a.user, "migrator");
  EXPECT_EQ(a.password.kind, PasswordSource::Kind::Env);
  EXPECT_EQ(a.password.value, "EXL_PROD_A_PASSWORD");
  EXPECT_EQ(a.password.where, "/etc/exl.yaml:8: clusters.prod_a.password_env");
  const ClusterEntry& b = config.clusters.at("prod_b");
  EXPECT_EQ(b.port, 9030);
  EXPECT_EQ(b.http_port, 8030);
  EXPECT_EQ(b.rpc_port, 9020);
  EXPECT_EQ(b.password.kind, PasswordSource::Kind::Plain);
  EXPECT_EQ(b.password.value, "plain pw");
  const ClusterEntry& c = config.clusters.at("prod_c");
  EXPECT_EQ(c.password.kind, PasswordSource::Kind::Encrypted);
  EXPECT_EQ(c.password.key_env, "EXL_KEY");
  ASSERT_TRUE(config.registry.has_value());
  EXPECT_EQ(config.registry->cluster, "prod_b");
  EXPECT_EQ(config.registry->database, "exl_meta");
  EXPECT_EQ(config.registry->table, "clusters");
  ASSERT_TRUE(config.feishu.has_value());
  EXPECT_EQ(config.feishu->webhook, "https://open.feishu.cn/open-apis/bot/v2/hook/abc-123");
  EXPECT_EQ(config.feishu->secret_env, "EXL_FEISHU_SECRET");
  EXPECT_EQ(config.feishu->proxy, "http://proxy.internal:3128");
  EXPECT_EQ(config.feishu->progress_interval_s, 60);
  ASSERT_TRUE(config.scs);
  EXPECT_EQ(config.scs->home, "/opt/scs");
  EXPECT_EQ(config.defaults.thread, 5);
  EXPECT_DOUBLE_EQ(config.defaults.speed_gb, 2.5);
  EXPECT_EQ(config.defaults.query_timeout_s, 7200);
}

TEST(ConfigFileTest, DefaultsWhenSectionsAreAbsent) {
  const ConfigFile config = parse("clusters:\n  a:\n    host: h\n    user: u\n");
  EXPECT_EQ(config.clusters.at("a").password.kind, PasswordSource::Kind::None);
  EXPECT_FALSE(config.registry.has_value());
  EXPECT_FALSE(config.feishu.has_value());
  EXPECT_EQ(config.defaults.thread, 3);
  EXPECT_DOUBLE_EQ(config.defaults.speed_gb, 1.0);
  EXPECT_EQ(config.defaults.query_timeout_s, 3600);
}

TEST(ConfigFileTest, FeishuKeyInsteadOfWebhook) {
  const ConfigFile config =
      parse("clusters:\n  a:\n    host: h\n    user: u\nfeishu:\n  key: k-1\n");
  EXPECT_EQ(config.feishu->key, "k-1");
  EXPECT_EQ(config.feishu->progress_interval_s, 300);
}

TEST(ConfigFileTest, InlineRegistryServer) {
  const ConfigFile config = parse("registry:\n  host: r\n  port: 9035\n  user: u\n"
                                  "  password_env: R\n  table: m.c\n"
                                  "  password_column_key_env: COLKEY\n");
  ASSERT_TRUE(config.registry->server.has_value());
  EXPECT_EQ(config.registry->server->port, 9035);
  EXPECT_EQ(config.registry->column_key_env, "COLKEY");
  EXPECT_TRUE(config.clusters.empty());
}

TEST(ConfigFileTest, MalformedYamlNamesFileAndLine) {
  const std::string message = error_of("clusters:\n  a:\n    host: [unclosed\n    user: u\n");
  EXPECT_THAT(message, HasSubstr("/etc/exl.yaml:"));
  EXPECT_THAT(message, HasSubstr("malformed YAML"));
  EXPECT_EQ(error_of("clusters:\n  a: {host: h\n"), error_of("clusters:\n  a: {host: h\n"));
  EXPECT_THAT(error_of("clusters:\n\ta: 1\n"), HasSubstr("/etc/exl.yaml:2: malformed YAML"));
}

TEST(ConfigFileTest, MissingKeyNamesLineAndKey) {
  EXPECT_EQ(error_of("clusters:\n  a:\n    user: u\n"),
            "exlSchema: /etc/exl.yaml:2: clusters.a: missing key 'host'");
  EXPECT_THAT(error_of("clusters:\n  a:\n    host: h\n"),
              HasSubstr("clusters.a: missing key 'user'"));
  EXPECT_THAT(error_of("defaults:\n  thread: 2\n"), HasSubstr("missing key 'clusters'"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u}\nregistry:\n  cluster: a\n"),
              HasSubstr("registry: missing key 'table'"));
}

TEST(ConfigFileTest, WrongTypeNamesLineAndKey) {
  EXPECT_EQ(error_of("clusters:\n  a:\n    host: h\n    port: abc\n    user: u\n"),
            "exlSchema: /etc/exl.yaml:4: clusters.a.port: expected a whole number between 1 and "
            "65535 (got 'abc')");
  EXPECT_THAT(error_of("clusters:\n  a:\n    host: [h1, h2]\n    user: u\n"),
              HasSubstr(":3: clusters.a.host: expected a single value (got a list)"));
  EXPECT_THAT(error_of("clusters: [a, b]\n"), HasSubstr(":1: clusters: expected a mapping"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u}\ndefaults:\n  thread: 0\n"),
              HasSubstr(":4: defaults.thread: expected a whole number between 1 and 256"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u}\ndefaults:\n  speed_gb: -1\n"),
              HasSubstr(":4: defaults.speed_gb: expected a number > 0"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u}\nfeishu:\n  key: k\n"
                       "  progress_interval: soon\n"),
              HasSubstr(":5: feishu.progress_interval"));
  EXPECT_THAT(error_of("- a\n- b\n"), HasSubstr("the file: expected a mapping"));
}

TEST(ConfigFileTest, UnknownKeysAreRefused) {
  EXPECT_THAT(error_of("clusters:\n  a:\n    host: h\n    user: u\n    pasword: x\n"),
              HasSubstr(":5: clusters.a.pasword: unknown key"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u}\nfeishu2: {}\n"),
              HasSubstr(":3: feishu2: unknown key"));
}

TEST(ConfigFileTest, KeysWrittenTwiceAreRefused) {
  EXPECT_THAT(error_of("clusters:\n  src: {host: a, user: u}\n  src: {host: b, user: u}\n"),
              HasSubstr(":3: clusters.src: written twice (first at line 2)"));
  EXPECT_THAT(error_of("clusters:\n  a:\n    host: h\n    user: u\n    host: h2\n"),
              HasSubstr(":5: clusters.a.host: written twice (first at line 3)"));
}

TEST(ConfigFileTest, PasswordSourcesAreExclusive) {
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u, password: x, password_env: Y}\n"),
              HasSubstr("give only one of password, password_env, password_enc"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u, password_enc: abc}\n"),
              HasSubstr("clusters.a.password_enc: needs secret_key_env"));
  EXPECT_THAT(error_of("clusters:\n  a: {host: h, user: u, secret_key_env: K}\n"),
              HasSubstr("only makes sense together with password_enc"));
}

TEST(ConfigFileTest, SectionRules) {
  const std::string cluster = "clusters:\n  a: {host: h, user: u}\n";
  EXPECT_THAT(error_of(cluster + "feishu:\n  webhook: x\n  key: y\n"),
              HasSubstr("give either 'webhook: <url>' or 'key: <hook key>'"));
  EXPECT_THAT(error_of(cluster + "feishu:\n  webhook: ftp://x\n"), HasSubstr("http(s)://"));
  EXPECT_THAT(error_of(cluster + "registry:\n  table: m.c\n"),
              HasSubstr("give either 'cluster: <alias>'"));
  EXPECT_THAT(error_of(cluster + "registry:\n  cluster: a\n  table: clusters\n"),
              HasSubstr("registry.table: expected db.table"));
  EXPECT_THAT(error_of(""), HasSubstr("/etc/exl.yaml:1: the file is empty"));
}

TEST(ConfigFileTest, LoadsFromDisk) {
  const test::TempDir dir;
  const std::string path = dir.write("c.yaml", "clusters:\n  a: {host: h, user: u}\n");
  EXPECT_EQ(load_config_file(path).path, path);
  EXPECT_THROW(load_config_file(dir.path() + "/missing.yaml"), ConfigError);
}

} // namespace
} // namespace exl::config
