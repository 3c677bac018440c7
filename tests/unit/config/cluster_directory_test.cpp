#include "exlschema/config/cluster_directory.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::config {
namespace {

using ::testing::HasSubstr;

ConfigFile config_with_registry() {
  return parse_config_text("clusters:\n  a: {host: fe-a, user: u, password: file-Pw-6}\n"
                           "  reg: {host: fe-r, port: 9039, user: ru, password: reg-Pw-7}\n"
                           "registry:\n  cluster: reg\n  table: exl_meta.clusters\n",
                           "/etc/exl.yaml");
}

db::Row row(const std::string& alias, const std::string& host, const std::string& password) {
  return {
      {"alias", alias},     {"host", host},   {"port", "9031"},      {"http_port", std::nullopt},
      {"rpc_port", "9022"}, {"user", "root"}, {"password", password}};
}

// A fake registry: counts reads and remembers where it was asked to connect.
struct FakeRegistry {
  int reads = 0;
  db::ConnectionParams seen;
  std::string sql;
  std::vector<db::Row> rows;

  RegistryFetch fetch() {
    return [this](const db::ConnectionParams& params, const std::string& query) {
      ++reads;
      seen = params;
      sql = query;
      return rows;
    };
  }
};

TEST(ClusterDirectoryTest, FileAliasNeverReadsTheRegistry) {
  const ConfigFile config = config_with_registry();
  FakeRegistry registry;
  ClusterDirectory directory(config, registry.fetch());
  const ClusterSettings a = directory.resolve("a", "-source");
  EXPECT_EQ(a.connection.host, "fe-a");
  EXPECT_EQ(a.connection.password, "file-Pw-6");
  EXPECT_EQ(registry.reads, 0);
}

TEST(ClusterDirectoryTest, RegistryIsReadOnceOnTheRegistryCluster) {
  const ConfigFile config = config_with_registry();
  FakeRegistry registry;
  registry.rows = {row("b", "fe-b", "row-Pw-8"), row("c", "fe-c", "")};
  ClusterDirectory directory(config, registry.fetch());
  const ClusterSettings b = directory.resolve("b", "-source");
  const ClusterSettings c = directory.resolve("c", "-target");
  EXPECT_EQ(registry.reads, 1);
  EXPECT_EQ(registry.seen.host, "fe-r");
  EXPECT_EQ(registry.seen.port, 9039);
  EXPECT_EQ(registry.seen.password, "reg-Pw-7");
  EXPECT_EQ(registry.sql, "SELECT `alias`, `host`, `port`, `http_port`, `rpc_port`, `user`, "
                          "`password` FROM `exl_meta`.`clusters`");
  EXPECT_EQ(b.connection.host, "fe-b");
  EXPECT_EQ(b.connection.port, 9031);
  EXPECT_EQ(b.http_port, 8030); // NULL column: the default
  EXPECT_EQ(b.rpc_port, 9022);
  EXPECT_EQ(b.connection.password, "row-Pw-8");
  EXPECT_EQ(util::redact("row-Pw-8"), "***");
  EXPECT_EQ(c.connection.host, "fe-c");
}

TEST(ClusterDirectoryTest, UnknownAliasNamesFlagAndKnownAliases) {
  const ConfigFile config = config_with_registry();
  FakeRegistry registry;
  registry.rows = {row("b", "fe-b", "")};
  ClusterDirectory directory(config, registry.fetch());
  try {
    directory.resolve("zz", "-target");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("unknown cluster alias 'zz' for -target"));
    EXPECT_THAT(e.what(), HasSubstr("a, reg, b"));
  }
}

TEST(ClusterDirectoryTest, UnknownAliasWithoutRegistryDoesNotConnect) {
  const ConfigFile config =
      parse_config_text("clusters:\n  a: {host: h, user: u}\n", "/etc/exl.yaml");
  FakeRegistry registry;
  ClusterDirectory directory(config, registry.fetch());
  EXPECT_THROW(directory.resolve("b", "-source"), ConfigError);
  EXPECT_EQ(registry.reads, 0);
}

TEST(ClusterDirectoryTest, RegistryFailureIsAConfigError) {
  const ConfigFile config = config_with_registry();
  ClusterDirectory directory(config, [](const db::ConnectionParams&, const std::string&) {
    throw std::runtime_error("Can't connect to server on 'fe-r'");
    return std::vector<db::Row>{};
  });
  try {
    directory.resolve("b", "-source");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("cannot read the registry table: Can't connect"));
  }
}

TEST(ClusterDirectoryTest, BadRegistryRows) {
  const ConfigFile config = config_with_registry();
  auto bad_port = row("b", "fe-b", "");
  bad_port["port"] = "90x";
  EXPECT_THROW(parse_registry_rows({bad_port}, *config.registry, 60), ConfigError);
  auto no_host = row("b", "fe-b", "");
  no_host["host"] = std::nullopt;
  EXPECT_THROW(parse_registry_rows({no_host}, *config.registry, 60), ConfigError);
}

TEST(ClusterDirectoryTest, EncryptedPasswordColumn) {
  ConfigFile config = config_with_registry();
  config.registry->column_key_env = "EXL_TEST_COLKEY";
  const test::ScopedEnv key("EXL_TEST_COLKEY", "exl-key-2024");
  // TO_BASE64(AES_ENCRYPT('Secr3t!','exl-key-2024')) computed by MariaDB 10.11.
  const auto clusters =
      parse_registry_rows({row("b", "fe-b", "WfxsfQk/twJ1lJacRZU2Zg==")}, *config.registry, 60);
  EXPECT_EQ(clusters.at("b").connection.password, "Secr3t!");
}

// A cluster from the registry table and one from the file with the same settings connect the
// same way: the registry once kept the 3600 s client read timeout whatever query_timeout said,
// so a long statement was cut by the client (error 2013, ambiguous) instead of the server.
TEST(ClusterDirectoryTest, RegistryAndFileClustersGetTheSameConnectionParameters) {
  const ConfigFile config = parse_config_text(
      "clusters:\n  a: {host: fe-b, port: 9031, rpc_port: 9022, user: root, password: same-Pw-9}\n"
      "  reg: {host: fe-r, user: ru, password: reg-Pw-7}\n"
      "registry:\n  cluster: reg\n  table: exl_meta.clusters\n"
      "defaults:\n  query_timeout: 600\n",
      "/etc/exl.yaml");
  FakeRegistry registry;
  registry.rows = {row("b", "fe-b", "same-Pw-9")};
  ClusterDirectory directory(config, registry.fetch());
  const db::ConnectionParams file = directory.resolve("a", "-source").connection;
  const db::ConnectionParams table = directory.resolve("b", "-target").connection;
  for (const db::ConnectionParams* p : {&file, &table}) {
    EXPECT_EQ(p->host, "fe-b");
    EXPECT_EQ(p->port, 9031);
    EXPECT_EQ(p->user, "root");
    EXPECT_EQ(p->password, "same-Pw-9");
    EXPECT_EQ(p->query_timeout_s, 600);
    // The server's query_timeout fires first and gives a clear error; the client waits longer.
    EXPECT_GT(p->read_timeout_s, 600);
    EXPECT_LT(p->read_timeout_s, 3600);
  }
  EXPECT_EQ(table.read_timeout_s, file.read_timeout_s);
  EXPECT_EQ(table.write_timeout_s, file.write_timeout_s);
  EXPECT_EQ(table.connect_timeout_s, file.connect_timeout_s);
  EXPECT_EQ(table.program_name, file.program_name);
}

} // namespace
} // namespace exl::config
