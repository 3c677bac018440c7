#include "exlschema/config/secrets.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"
#include "support/temp_dir.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::config {
namespace {

using ::testing::HasSubstr;

PasswordSource source(PasswordSource::Kind kind, std::string value, std::string key_env = "") {
  return {kind, std::move(value), std::move(key_env), "/etc/exl.yaml:4: clusters.a.password_x"};
}

std::string error_of(const PasswordSource& s) {
  try {
    resolve_password(s);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(SecretsTest, PlainPasswordIsRegisteredAsSecret) {
  EXPECT_EQ(resolve_password(source(PasswordSource::Kind::Plain, "plain-Pw-1")), "plain-Pw-1");
  EXPECT_EQ(util::redact("login with plain-Pw-1 now"), "login with *** now");
}

TEST(SecretsTest, EnvPassword) {
  const test::ScopedEnv env("EXL_TEST_PW", "from-env-Pw-2");
  EXPECT_EQ(resolve_password(source(PasswordSource::Kind::Env, "EXL_TEST_PW")), "from-env-Pw-2");
  EXPECT_EQ(util::redact("from-env-Pw-2"), "***");
}

TEST(SecretsTest, UnsetEnvNamesFileLineAndVariable) {
  const test::ScopedEnv env("EXL_TEST_UNSET", nullptr);
  EXPECT_EQ(error_of(source(PasswordSource::Kind::Env, "EXL_TEST_UNSET")),
            "exlSchema: /etc/exl.yaml:4: clusters.a.password_x: environment variable "
            "EXL_TEST_UNSET is not set");
}

TEST(SecretsTest, EncryptedPasswordWithKeyFromEnv) {
  // TO_BASE64(AES_ENCRYPT('Secr3t!','exl-key-2024')) computed by MariaDB 10.11.
  const test::ScopedEnv env("EXL_TEST_KEY", "exl-key-2024");
  EXPECT_EQ(resolve_password(source(PasswordSource::Kind::Encrypted,
                                    "WfxsfQk/twJ1lJacRZU2Zg==", "EXL_TEST_KEY")),
            "Secr3t!");
  EXPECT_EQ(util::redact("key exl-key-2024 pw Secr3t!"), "key *** pw ***");
}

TEST(SecretsTest, EncryptedPasswordErrors) {
  const test::ScopedEnv unset("EXL_TEST_NOKEY", nullptr);
  EXPECT_THAT(error_of(source(PasswordSource::Kind::Encrypted, "x", "EXL_TEST_NOKEY")),
              HasSubstr("EXL_TEST_NOKEY is not set"));
  const test::ScopedEnv wrong("EXL_TEST_WRONGKEY", "other");
  EXPECT_THAT(
      error_of(
          source(PasswordSource::Kind::Encrypted, "Hneh+Ta30dEepK6ecJJymw==", "EXL_TEST_WRONGKEY")),
      HasSubstr("clusters.a.password_x: does not decrypt with the key in EXL_TEST_WRONGKEY"));
}

TEST(SecretsTest, NoPasswordIsEmpty) {
  EXPECT_EQ(resolve_password(PasswordSource{}), "");
}

TEST(SecretsTest, ResolveClusterCopiesEveryField) {
  ClusterEntry entry{
      "a", "fe1", 9031, 8031, 9021, "u", source(PasswordSource::Kind::Plain, "cluster-Pw-3"), "w"};
  const ClusterSettings settings = resolve_cluster(entry, 1800);
  EXPECT_EQ(settings.alias, "a");
  EXPECT_EQ(settings.connection.host, "fe1");
  EXPECT_EQ(settings.connection.port, 9031);
  EXPECT_EQ(settings.connection.user, "u");
  EXPECT_EQ(settings.connection.password, "cluster-Pw-3");
  EXPECT_EQ(settings.connection.query_timeout_s, 1800);
  EXPECT_EQ(settings.http_port, 8031);
  EXPECT_EQ(settings.rpc_port, 9021);
}

TEST(SecretsTest, FeishuKeyBecomesUrlAndSecretsAreRegistered) {
  const test::ScopedEnv env("EXL_TEST_FEISHU", "feishu-Sign-4");
  FeishuEntry entry;
  entry.key = "hookkey-5";
  entry.secret_env = "EXL_TEST_FEISHU";
  entry.proxy = "http://p:3128";
  entry.progress_interval_s = 0;
  const FeishuSettings settings = resolve_feishu(entry);
  EXPECT_EQ(settings.webhook_url, "https://open.feishu.cn/open-apis/bot/v2/hook/hookkey-5");
  EXPECT_EQ(settings.secret, "feishu-Sign-4");
  EXPECT_EQ(settings.proxy, "http://p:3128");
  EXPECT_EQ(settings.progress_interval_s, 0);
  EXPECT_EQ(util::redact("key hookkey-5 sign feishu-Sign-4"), "key *** sign ***");
}

TEST(SecretsTest, FeishuSecretEnvMustBeSet) {
  const test::ScopedEnv env("EXL_TEST_NOFEISHU", nullptr);
  FeishuEntry entry;
  entry.webhook = "https://example.test/hook/x";
  entry.secret_env = "EXL_TEST_NOFEISHU";
  entry.where = "/etc/exl.yaml:9: feishu";
  EXPECT_THROW(resolve_feishu(entry), ConfigError);
}

} // namespace
} // namespace exl::config
