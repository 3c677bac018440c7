#include "exlschema/config/config_file.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace {

const std::string k_scs_cluster = "clusters:\n  a: {host: h, user: u}\n";

} // namespace

TEST(ScsSectionTest, ReadsEveryKey) {
  const auto config = exl::config::parse_config_text(
      k_scs_cluster + "scs:\n  home: /opt/scs\n  secret_key_env: EXL_SCS_KEY_T\n"
                      "  source_token_env: EXL_SCS_TOKEN_T\n  hosts:\n    SOURCE_192.1.1.1: "
                      "10.1.1.1\n  properties:\n    meta_job_interval_seconds: 30\n"
                      "  stall_timeout: 600\n  stop_timeout: 20\n",
      "/etc/exl.yaml");
  ASSERT_TRUE(config.scs);
  EXPECT_EQ(config.scs->home, "/opt/scs");
  EXPECT_EQ(config.scs->hosts.at(0),
            (std::pair<std::string, std::string>{"SOURCE_192.1.1.1", "10.1.1.1"}));
  EXPECT_EQ(config.scs->properties.at(0).second, "30");
  EXPECT_EQ(config.scs->stall_timeout_s, 600);
  EXPECT_EQ(config.scs->stop_timeout_s, 20);
  ::setenv("EXL_SCS_KEY_T", "scs-key-value", 1);
  ::setenv("EXL_SCS_TOKEN_T", "token-value-1", 1);
  const auto settings = exl::config::resolve_scs(*config.scs);
  EXPECT_EQ(settings.secret_key, "scs-key-value");
  EXPECT_EQ(exl::util::redact("x token-value-1 scs-key-value"), "x *** ***");
  ::unsetenv("EXL_SCS_KEY_T");
  EXPECT_THROW(exl::config::resolve_scs(*config.scs), exl::ConfigError);
  ::unsetenv("EXL_SCS_TOKEN_T");
}

TEST(ScsSectionTest, RefusesAHostsEntryOfAnotherForm) {
  try {
    exl::config::parse_config_text(
        k_scs_cluster + "scs:\n  home: /opt/scs\n  hosts:\n    fe1: 10.0.0.1\n", "/etc/exl.yaml");
    FAIL() << "accepted";
  } catch (const exl::ConfigError& e) {
    EXPECT_THAT(e.what(), testing::HasSubstr("expected SOURCE_<address> or TARGET_<address>"));
  }
}
