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

// The key may carry a prefix (`jdbc.password`), any case, a quote before the separator and
// spaces around it; the value ends at a delimiter unless it is quoted.
TEST(RedactTest, PropertyKeysInEveryShape) {
  EXPECT_EQ(redact(R"("jdbc.PASSWORD" : "a b", x=1)"), R"("jdbc.PASSWORD" : "***", x=1)");
  EXPECT_EQ(redact("Access_Key=AKIA1;next"), "Access_Key=***;next");
  EXPECT_EQ(redact("user_pwd = p1) token:t2}"), "user_pwd = ***) token:***}");
  EXPECT_EQ(redact("password := x"), "password :*** x");
  EXPECT_EQ(redact("tokens=x keypassword2=y"), "tokens=x keypassword2=y");
}

// An unclosed quote hides up to the next delimiter, and the mask is quoted like the value.
TEST(RedactTest, UnclosedQuotedValue) {
  EXPECT_EQ(redact(R"(password="abc def)"), R"(password="***" def)");
  EXPECT_EQ(redact("secret='"), "secret='***'");
}

TEST(RedactTest, KeyWithoutValueIsLeftAlone) {
  EXPECT_EQ(redact("password= ,x"), "password= ,x");
  EXPECT_EQ(redact("password:"), "password:");
}

TEST(RedactTest, IdentifiedByInEveryShape) {
  EXPECT_EQ(redact(R"(identified  by password "pw 2" x)"), R"(identified  by password '***' x)");
  EXPECT_EQ(redact("IDENTIFIED BY PASSWORD'x'"), "IDENTIFIED BY PASSWORD'x'");
  EXPECT_EQ(redact("IDENTIFIED BY 'open"), "IDENTIFIED BY 'open");
}

TEST(RedactTest, UrlCredentialsNeedUserPasswordAndAt) {
  EXPECT_EQ(redact("jdbc:mysql://u:p:w@h/db"), "jdbc:mysql://u:***@h/db");
  EXPECT_EQ(redact("see http://host:8030/api and s3://k:v@b"),
            "see http://host:8030/api and s3://k:***@b");
  EXPECT_EQ(redact("_http://u:p@h"), "_http://u:p@h");
  EXPECT_EQ(redact("HTTPS://U:P@H"), "HTTPS://U:***@H");
}

// A registered secret is replaced wherever it occurs, also many times in one long text.
TEST(RedactTest, RegisteredSecretManyTimes) {
  exl::util::register_secret("Rk7-many");
  std::string text;
  std::string expected;
  for (int i = 0; i < 20000; ++i) {
    text += "Rk7-many ";
    expected += "*** ";
  }
  EXPECT_EQ(redact(text), expected);
}

// Regression: std::regex recursed once per character of a quoted value and overflowed the stack
// (SIGSEGV) on a ~28 KB value; every statement goes through redact.
TEST(RedactTest, LongQuotedValueAfterASecretKey) {
  for (const std::size_t size : {std::size_t{28 * 1024}, std::size_t{1024 * 1024}}) {
    const std::string value(size, 'v');
    EXPECT_EQ(redact(R"(PROPERTIES ("password"=")" + value + R"("))"),
              R"(PROPERTIES ("password"="***"))");
    EXPECT_EQ(redact("token: '" + value + "' next"), "token: '***' next");
    EXPECT_EQ(redact("secret=" + value + ",x"), "secret=***,x");
    const std::string plain = "INSERT INTO t VALUES ('" + value + "')";
    EXPECT_EQ(redact(plain), plain);
  }
}

// A properties file with an empty secret value (scs's `source_cluster_token=`): the next line is
// not taken as its value.
TEST(RedactTest, EmptyPropertyValueDoesNotHideTheNextLine) {
  EXPECT_EQ(exl::util::redact("source_cluster_token=\ntarget_fe_host=10.0.0.2\n"),
            "source_cluster_token=\ntarget_fe_host=10.0.0.2\n");
  EXPECT_EQ(exl::util::redact("target_cluster_password=s3cret\nuser=root"),
            "target_cluster_password=***\nuser=root");
}
