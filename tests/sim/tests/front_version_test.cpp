// Version-dependent answers: private srsim processes imitating other StarRocks versions.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support_client.hpp"

namespace srsim::test {
namespace {

using ::testing::ElementsAre;

TEST(FrontVersionTest, InsertTimeoutAndDynamicOverwriteExistFrom34) {
  PrivateSrsim sim({"--version", "3.4.1"});
  auto c = sim.root();
  auto r = c->query("SELECT @@insert_timeout, @@dynamic_overwrite, @@query_timeout");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.rows[0], ElementsAre("14400", "false", "300"));
  EXPECT_TRUE(c->query("SET insert_timeout = 3600").ok());
  EXPECT_TRUE(c->query("SET dynamic_overwrite = true").ok());
  EXPECT_EQ(c->query("SELECT @@dynamic_overwrite").rows[0][0], "true");
  EXPECT_EQ(c->query("SELECT current_version()").rows[0][0]->rfind("3.4.1 ", 0), 0u);
}

TEST(FrontVersionTest, InsertTimeoutIsUnknownBefore34) {
  PrivateSrsim sim({"--version", "3.3.9"});
  auto c = sim.root();
  auto r = c->query("SET insert_timeout = 3600");
  EXPECT_EQ(r.error, 1193u);
  EXPECT_EQ(r.message, "Unknown system variable 'insert_timeout'");
  EXPECT_EQ(c->query("SET dynamic_overwrite = true").error, 1193u);
  EXPECT_TRUE(c->query("SHOW VARIABLES LIKE 'insert_timeout'").rows.empty());
}

TEST(FrontVersionTest, Version25AnswersOlderLayouts) {
  PrivateSrsim sim({"--version", "2.5.22"});
  auto c = sim.root();
  EXPECT_EQ(c->query("SELECT @@version_comment").rows[0][0], "StarRocks version 2.5.22");
  auto r = c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'task_ttl_second'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Key", "Value", "Type", "IsMutable", "MasterOnly", "Comment"));
  r = c->query("SHOW BACKENDS");
  ASSERT_FALSE(r.columns.empty());
  EXPECT_EQ(r.columns.back(), "CpuCores");
  EXPECT_EQ(r.columns.size(), 23u);
}

TEST(FrontVersionTest, Version34BackendsEndWithStatusCode) {
  PrivateSrsim sim({"--version", "3.4.0"});
  auto r = sim.root()->query("SHOW BACKENDS");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.columns.back(), "StatusCode");
}

TEST(FrontVersionTest, UnsupportedVersionIsRefusedAtStart) {
  EXPECT_THROW(PrivateSrsim({"--version", "1.19.0"}), std::runtime_error);
}

} // namespace
} // namespace srsim::test
