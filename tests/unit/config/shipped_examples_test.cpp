#include "exlschema/config/config_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>

// The shipped examples (.exlSchema.yaml.example, conf/*.yaml) are documentation: they must stay
// valid for the reader they document.
namespace exl::config {
namespace {

const std::filesystem::path k_repo =
    std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path();

TEST(ShippedExamplesTest, TopLevelExampleParsesWithEveryKey) {
  const ConfigFile config = load_config_file((k_repo / ".exlSchema.yaml.example").string());
  EXPECT_EQ(config.clusters.size(), 3U);
  EXPECT_EQ(config.clusters.at("prod_b").password.kind, PasswordSource::Kind::Encrypted);
  ASSERT_TRUE(config.registry.has_value());
  ASSERT_TRUE(config.feishu.has_value());
  EXPECT_EQ(config.feishu->progress_interval_s, 300);
  ASSERT_TRUE(config.scs);
  EXPECT_EQ(config.scs->home, "/opt/starrocks-cluster-sync");
  ASSERT_TRUE(config.storage);
  EXPECT_EQ(config.storage->source.bucket, "migration");
  EXPECT_FALSE(config.storage->target);
  EXPECT_EQ(config.defaults.thread, 3);
}

TEST(ShippedExamplesTest, ConfExamplesParse) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(k_repo / "conf")) {
    if (entry.path().extension() == ".yaml") {
      SCOPED_TRACE(entry.path().string());
      EXPECT_NO_THROW(load_config_file(entry.path().string()));
      ++count;
    }
  }
  EXPECT_GE(count, 3);
}

} // namespace
} // namespace exl::config
