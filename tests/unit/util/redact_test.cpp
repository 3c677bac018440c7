#include "exlschema/util/redact.hpp"

#include <gtest/gtest.h>

using exl::util::redact;

TEST(RedactTest, HidesPropertyPasswords) {
  EXPECT_EQ(redact(R"(PROPERTIES ("user"="u", "password"="s3cr3t", "jdbc_uri"="x"))"),
            R"(PROPERTIES ("user"="u", "password"="***", "jdbc_uri"="x"))");
  EXPECT_EQ(redact(R"("password" = 'abc')"), R"("password" = '***')");
  EXPECT_EQ(redact("password: hunter2"), "password: ***");
  EXPECT_EQ(redact("secret_key=abc123,next"), "secret_key=***,next");
}

TEST(RedactTest, HidesIdentifiedByAndUrlCredentials) {
  EXPECT_EQ(redact("CREATE USER 'a' IDENTIFIED BY 'pw1'"), "CREATE USER 'a' IDENTIFIED BY '***'");
  EXPECT_EQ(redact("http://bob:pa55@proxy:3128"), "http://bob:***@proxy:3128");
}

TEST(RedactTest, HidesWebhookKey) {
  EXPECT_EQ(redact("https://open.feishu.cn/open-apis/bot/v2/hook/abc-123-def"),
            "https://open.feishu.cn/open-apis/bot/v2/hook/***");
}

TEST(RedactTest, HidesRegisteredSecretsAnywhere) {
  exl::util::register_secret("Zq9!longpass");
  EXPECT_EQ(redact("connect failed for Zq9!longpass at host"), "connect failed for *** at host");
  EXPECT_EQ(redact("no secrets here"), "no secrets here");
}

// What the notifier logs when a post fails: the URL keeps host and path, loses the key.
TEST(RedactTest, HidesWebhookKeyInsideALogLine) {
  EXPECT_EQ(redact("feishu: posting to https://open.feishu.cn/open-apis/bot/v2/hook/"
                   "0a1b2c3d-4e5f-6789-abcd-ef0123456789 failed: HTTP 500"),
            "feishu: posting to https://open.feishu.cn/open-apis/bot/v2/hook/*** failed: HTTP 500");
}

// A proxy with credentials, as a FeishuConfig::proxy could hold.
TEST(RedactTest, HidesProxyCredentials) {
  EXPECT_EQ(redact("proxy http://ops:Pr0xyPass@10.0.0.5:3128 unreachable"),
            "proxy http://ops:***@10.0.0.5:3128 unreachable");
}
