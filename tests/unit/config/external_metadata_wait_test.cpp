#include "exlschema/config/config_file.hpp"
#include "exlschema/util/errors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

// `defaults.external_metadata_wait_s`: how long -o starrocks retries a write through a new OLAP
// external table while the target's metadata has not reached the source yet.
namespace exl::config {
namespace {

const std::string k_wait_cluster = "clusters:\n  a: {host: h, user: u}\n";

TEST(ExternalMetadataWaitTest, DefaultsTo120Seconds) {
  EXPECT_EQ(parse_config_text(k_wait_cluster, "/etc/exl.yaml").defaults.external_metadata_wait_s,
            120);
}

TEST(ExternalMetadataWaitTest, ReadsTheKey) {
  const ConfigFile config = parse_config_text(
      k_wait_cluster + "defaults:\n  external_metadata_wait_s: 30\n", "/etc/exl.yaml");
  EXPECT_EQ(config.defaults.external_metadata_wait_s, 30);
}

TEST(ExternalMetadataWaitTest, RefusesAValueOutOfRange) {
  for (const char* bad : {"0", "-5", "86401", "soon"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(
        parse_config_text(k_wait_cluster + "defaults:\n  external_metadata_wait_s: " + bad + "\n",
                          "/etc/exl.yaml"),
        ConfigError);
  }
}

} // namespace
} // namespace exl::config
