// Golden tests of the statements `exlSchema check` sends and of the parsers that read their
// results, on rows laid out as StarRocks prints them (reference §8; docs SHOW_BACKENDS.md,
// SHOW_COMPUTE_NODES.md, ADMIN_SHOW_CONFIG.md).
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

TEST(ClusterInfoSqlTest, BuildsTheReadOnlyStatements) {
  EXPECT_EQ(build_current_user(), "SELECT current_user()");
  EXPECT_EQ(build_show_grants(), "SHOW GRANTS");
  EXPECT_EQ(build_show_backends(), "SHOW BACKENDS");
  EXPECT_EQ(build_show_compute_nodes(), "SHOW COMPUTE NODES");
  EXPECT_EQ(build_show_frontends(), "SHOW FRONTENDS");
  EXPECT_EQ(build_show_frontend_config(k_legacy_replication_config),
            "ADMIN SHOW FRONTEND CONFIG LIKE \"enable_legacy_compatibility_for_replication\"");
  EXPECT_EQ(build_show_frontend_config("a\"b"), "ADMIN SHOW FRONTEND CONFIG LIKE \"a\\\"b\"");
}

const std::vector<std::string> k_backend_columns = {"BackendId",
                                                    "IP",
                                                    "HeartbeatPort",
                                                    "BePort",
                                                    "HttpPort",
                                                    "BrpcPort",
                                                    "LastStartTime",
                                                    "LastHeartbeat",
                                                    "Alive",
                                                    "SystemDecommissioned",
                                                    "ClusterDecommissioned",
                                                    "TabletNum",
                                                    "DataUsedCapacity",
                                                    "AvailCapacity",
                                                    "TotalCapacity",
                                                    "UsedPct",
                                                    "MaxDiskUsedPct",
                                                    "ErrMsg",
                                                    "Version",
                                                    "Status",
                                                    "DataTotalCapacity",
                                                    "DataUsedPct",
                                                    "CpuCores"};

ResultRow backend_row(const std::string& ip, const std::string& alive, const std::string& pct,
                      const std::string& err = "") {
  return {"10001",
          ip,
          "9050",
          "9060",
          "8040",
          "8060",
          "2024-01-01 00:00:00",
          "2024-01-01 00:00:01",
          alive,
          "false",
          "false",
          "10",
          "1.000 GB",
          "9.000 GB",
          "10.000 GB",
          pct,
          pct,
          err,
          "3.3.5-abcdef",
          "{}",
          "10.000 GB",
          pct,
          "8"};
}

TEST(ClusterInfoParseTest, ReadsBackendsAndTheirFullestDisk) {
  const auto nodes = parse_nodes(NodeKind::Backend, k_backend_columns,
                                 {backend_row("10.0.0.1", "true", "44.72 %"),
                                  backend_row("10.0.0.2", "false", "81.50 %", "lost heartbeat")});
  ASSERT_EQ(nodes.size(), 2U);
  EXPECT_EQ(nodes[0].host, "10.0.0.1");
  EXPECT_EQ(nodes[0].port, "9050");
  EXPECT_TRUE(nodes[0].alive);
  EXPECT_DOUBLE_EQ(*nodes[0].max_disk_used_pct, 44.72);
  EXPECT_FALSE(nodes[1].alive);
  EXPECT_EQ(nodes[1].error, "lost heartbeat");
  const NodeInfo* fullest = fullest_backend(nodes);
  ASSERT_NE(fullest, nullptr);
  EXPECT_EQ(fullest->host, "10.0.0.2");
}

TEST(ClusterInfoParseTest, ReadsFrontendsWithTheirRole) {
  const std::vector<std::string> columns = {
      "Name",     "IP",        "EditLogPort", "HttpPort", "QueryPort",         "RpcPort",
      "Role",     "ClusterId", "Join",        "Alive",    "ReplayedJournalId", "LastHeartbeat",
      "IsHelper", "ErrMsg",    "StartTime",   "Version"};
  const ResultRow row = {"fe1",  "10.0.0.9", "9010", "8030", "9030", "9020", "LEADER", "1",
                         "true", "true",     "100",  "now",  "true", "",     "now",    "3.3.5"};
  const auto nodes = parse_nodes(NodeKind::Frontend, columns, {row});
  ASSERT_EQ(nodes.size(), 1U);
  EXPECT_EQ(nodes[0].kind, NodeKind::Frontend);
  EXPECT_EQ(nodes[0].port, "9030");
  EXPECT_EQ(nodes[0].role, "LEADER");
  EXPECT_TRUE(nodes[0].alive);
  EXPECT_FALSE(nodes[0].max_disk_used_pct);
}

TEST(ClusterInfoParseTest, ComputeNodesHaveNoDiskColumn) {
  const std::vector<std::string> columns = {"ComputeNodeId", "IP",     "HeartbeatPort", "BePort",
                                            "Alive",         "ErrMsg", "WarehouseName"};
  const auto nodes = parse_nodes(NodeKind::ComputeNode, columns,
                                 {{"1", "10.0.0.3", "9050", "9060", "TRUE", std::nullopt, "w"}});
  ASSERT_EQ(nodes.size(), 1U);
  EXPECT_TRUE(nodes[0].alive);
  EXPECT_EQ(nodes[0].error, "");
  EXPECT_EQ(fullest_backend(nodes), nullptr);
}

TEST(ClusterInfoParseTest, ReadsPercentText) {
  EXPECT_DOUBLE_EQ(*parse_percent("44.72 %"), 44.72);
  EXPECT_DOUBLE_EQ(*parse_percent("0.00 %"), 0.0);
  EXPECT_DOUBLE_EQ(*parse_percent("100%"), 100.0);
  EXPECT_FALSE(parse_percent(""));
  EXPECT_FALSE(parse_percent("%"));
  EXPECT_FALSE(parse_percent("44.72"));
  EXPECT_FALSE(parse_percent("N/A %"));
  EXPECT_FALSE(parse_percent("-1 %"));
}

TEST(ClusterInfoParseTest, ReadsTheExactConfigKeyInBothLayouts) {
  const std::vector<std::string> newer = {"Key",  "AliasNames", "Value",
                                          "Type", "IsMutable",  "Comment"};
  const std::vector<ResultRow> rows = {{"run_modex", "[]", "other", "String", "false", ""},
                                       {"run_mode", "[]", "shared_data", "String", "false", ""}};
  EXPECT_EQ(parse_frontend_config_value(newer, rows, "run_mode"), "shared_data");
  const std::vector<std::string> older = {"Key",       "Value",      "Type",
                                          "IsMutable", "MasterOnly", "Comment"};
  EXPECT_EQ(parse_frontend_config_value(older,
                                        {{"enable_legacy_compatibility_for_replication", "true",
                                          "boolean", "true", "false", ""}},
                                        k_legacy_replication_config),
            "true");
  EXPECT_FALSE(parse_frontend_config_value(newer, {}, "run_mode"));
  EXPECT_TRUE(is_shared_data_run_mode("shared_data"));
  EXPECT_TRUE(is_shared_data_run_mode("SHARED_DATA"));
  EXPECT_FALSE(is_shared_data_run_mode("shared_nothing"));
}

} // namespace
} // namespace exl::starrocks
