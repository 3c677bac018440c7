// `storage:` of -o files (issue #17): locations read and checked, keys only from the environment,
// registered as secrets; one bucket named twice is one location.
#include "exlschema/config/config_file.hpp"
#include "exlschema/config/secrets.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

namespace {

using testing::HasSubstr;

const std::string k_cluster = "clusters:\n  a: {host: h, user: u}\n";
const std::string k_source =
    "  source:\n    endpoint: http://127.0.0.1:4568/\n    bucket: exl-src\n"
    "    prefix: /mig/x/\n    access_key_env: EXL_ST_AK\n"
    "    secret_key_env: EXL_ST_SK\n";

std::string refusal(const std::string& storage) {
  try {
    exl::config::parse_config_text(k_cluster + "storage:\n" + storage, "/etc/exl.yaml");
  } catch (const exl::ConfigError& e) {
    return e.what();
  }
  return "accepted";
}

TEST(StorageSectionTest, ReadsALocationAndItsKeysFromTheEnvironment) {
  const auto config = exl::config::parse_config_text(
      k_cluster + "storage:\n  format: csv\n" + k_source, "/etc/exl.yaml");
  ASSERT_TRUE(config.storage);
  EXPECT_EQ(config.storage->format, "csv");
  EXPECT_EQ(config.storage->source.endpoint, "http://127.0.0.1:4568");
  EXPECT_EQ(config.storage->source.prefix, "mig/x");
  EXPECT_EQ(config.storage->source.region, "us-east-1");
  EXPECT_FALSE(config.storage->target);
  ::setenv("EXL_ST_AK", "access-key-id-1", 1);
  ::setenv("EXL_ST_SK", "secret-access-key-1", 1);
  const auto settings = exl::config::resolve_storage(*config.storage);
  ASSERT_TRUE(settings.source);
  EXPECT_EQ(settings.source->secret_key, "secret-access-key-1");
  EXPECT_EQ(&settings.load_location(), &*settings.source);
  EXPECT_EQ(exl::util::redact("k=access-key-id-1 s=secret-access-key-1"), "k=*** s=***");
  ::unsetenv("EXL_ST_SK");
  try {
    exl::config::resolve_storage(*config.storage);
    FAIL() << "resolved without its secret key";
  } catch (const exl::ConfigError& e) {
    EXPECT_THAT(e.what(), HasSubstr("storage.source.secret_key_env"));
    EXPECT_THAT(e.what(), HasSubstr("environment variable EXL_ST_SK is not set"));
  }
  ::unsetenv("EXL_ST_AK");
}

TEST(StorageSectionTest, ASecondBucketIsATargetLocationAndTheSameOneIsNot) {
  const std::string target = "  target:\n    endpoint: http://127.0.0.1:4568\n    bucket: exl-dst\n"
                             "    access_key_env: EXL_ST_AK\n    secret_key_env: EXL_ST_AK\n";
  ::setenv("EXL_ST_AK", "access-key-id-2", 1);
  ::setenv("EXL_ST_SK", "secret-access-key-2", 1);
  const auto two =
      exl::config::parse_config_text(k_cluster + "storage:\n" + k_source + target, "/x.yaml");
  const auto settings = exl::config::resolve_storage(*two.storage);
  ASSERT_TRUE(settings.target);
  EXPECT_EQ(settings.load_location().bucket, "exl-dst");
  EXPECT_EQ(settings.target->prefix, "exlschema");
  std::string same = target;
  same.replace(same.find("exl-dst"), 7, "exl-src");
  const auto one =
      exl::config::parse_config_text(k_cluster + "storage:\n" + k_source + same, "/x.yaml");
  EXPECT_FALSE(exl::config::resolve_storage(*one.storage).target);
  ::unsetenv("EXL_ST_AK");
  ::unsetenv("EXL_ST_SK");
}

TEST(StorageSectionTest, RefusesWhatCannotBeALocation) {
  EXPECT_THAT(refusal("  format: orc\n" + k_source), HasSubstr("expected auto, parquet or csv"));
  EXPECT_THAT(refusal("  source:\n    bucket: b\n    access_key_env: A\n"),
              HasSubstr("missing key 'secret_key_env'"));
  EXPECT_THAT(refusal("  source:\n    endpoint: minio:9000\n    bucket: b\n    access_key_env: "
                      "A\n    secret_key_env: B\n"),
              HasSubstr("expected http://host[:port]"));
  EXPECT_THAT(refusal("  source:\n    bucket: b/c\n    access_key_env: A\n    secret_key_env: B\n"),
              HasSubstr("expected a bucket name"));
  EXPECT_THAT(refusal("  source:\n    bucket: b\n    prefix: /\n    access_key_env: A\n    "
                      "secret_key_env: B\n"),
              HasSubstr("must not be empty"));
  EXPECT_THAT(refusal("  source:\n    bucket: b\n    access_key: x\n    access_key_env: A\n    "
                      "secret_key_env: B\n"),
              HasSubstr("access_key"));
  EXPECT_THAT(refusal("  target:\n    bucket: b\n"), HasSubstr("missing key 'source'"));
}

} // namespace
