// SHOW COMPUTE NODES, and the OPERATE privilege the node lists and the FE configuration need
// (src: ComputeNodeProcDir.java, AuthorizerStmtVisitor.java; docs: SHOW_COMPUTE_NODES.md).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support_client.hpp"

namespace srsim::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FrontNodesTest, SharedDataClusterListsItsComputeNode) {
  PrivateSrsim sim({"--shared-data", "--version", "3.3.5"});
  auto r = sim.root()->query("SHOW COMPUTE NODES");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns,
              ElementsAre("ComputeNodeId", "IP", "HeartbeatPort", "BePort", "HttpPort", "BrpcPort",
                          "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
                          "ClusterDecommissioned", "ErrMsg", "Version", "CpuCores",
                          "NumRunningQueries", "MemUsedPct", "CpuUsedPct", "HasStoragePath",
                          "StarletPort", "WorkerId", "WarehouseName", "TabletNum"));
  ASSERT_EQ(r.rows.size(), 1U);
  EXPECT_EQ(r.cell(0, "Alive"), "true");
  EXPECT_EQ(r.cell(0, "WarehouseName"), "default_warehouse");
  auto mode = sim.root()->query("ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'");
  EXPECT_EQ(mode.cell(0, "Value"), "shared_data");
}

TEST(FrontNodesTest, SharedNothingClusterHasNoComputeNode) {
  PrivateSrsim sim({"--version", "3.4.4"});
  auto r = sim.root()->query("SHOW COMPUTE NODES");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.columns.back(), "StatusCode");
}

TEST(FrontNodesTest, NodeListsAndFrontendConfigNeedOperate) {
  PrivateSrsim sim;
  auto root = sim.root();
  ASSERT_TRUE(root->query("CREATE USER plain IDENTIFIED BY 'p1'").ok());
  ConnectOptions o;
  o.port = sim.port();
  o.user = "plain";
  o.password = "p1";
  auto c = Client::connect(o);
  ASSERT_NE(c, nullptr);
  for (const char* sql : {"SHOW BACKENDS", "SHOW COMPUTE NODES", "SHOW FRONTENDS"}) {
    auto r = c->query(sql);
    EXPECT_EQ(r.error, 1227U) << sql;
    EXPECT_THAT(r.message, HasSubstr("OPERATE OR NODE privilege(s) on SYSTEM")) << sql;
  }
  auto config = c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'run_mode'");
  EXPECT_EQ(config.error, 1227U);
  EXPECT_THAT(config.message, HasSubstr("OPERATE privilege(s) on SYSTEM"));
  ASSERT_TRUE(root->query("GRANT OPERATE ON SYSTEM TO USER plain").ok());
  EXPECT_TRUE(c->query("SHOW BACKENDS").ok());
  EXPECT_TRUE(c->query("SHOW FRONTENDS").ok());
}

} // namespace
} // namespace srsim::test
