// System statements answered by the front (starrocks-surface.md §8), on the sandbox's src
// cluster (3.3.5 unless the sandbox was started with another version).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "support_client.hpp"

namespace srsim::test {
namespace {

using ::testing::ElementsAre;

std::string version() {
  return Sandbox::get().env("SRC_VERSION");
}

TEST(FrontSystemTest, CurrentVersionIsVersionAndShortCommit) {
  auto r = Client::root()->query("SELECT current_version()");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("current_version()"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_TRUE(std::regex_match(*r.rows[0][0], std::regex(version() + " [0-9a-f]{7}")))
      << *r.rows[0][0];
}

TEST(FrontSystemTest, VersionCommentAndMysqlVersion) {
  auto c = Client::root();
  auto r = c->query("select @@version_comment limit 1"); // what the mariadb client sends
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("@@version_comment"));
  EXPECT_EQ(r.rows[0][0], "StarRocks version " + version());
  r = c->query("SELECT @@version, version()");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("@@version", "version()"));
  EXPECT_EQ(r.rows[0][0], "5.1.0");
  EXPECT_EQ(r.rows[0][1], "5.1.0");
}

TEST(FrontSystemTest, SessionVariablesHaveStarRocksDefaults) {
  auto c = Client::root();
  auto r = c->query("SELECT @@session.query_timeout AS qt, @@enable_insert_strict, @@autocommit");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("qt", "@@enable_insert_strict", "@@autocommit"));
  EXPECT_THAT(r.rows[0], ElementsAre("300", "true", "true"));
}

TEST(FrontSystemTest, SetChangesOnlyThisSession) {
  auto a = Client::root();
  auto b = Client::root();
  ASSERT_TRUE(a->query("SET query_timeout = 3600").ok());
  ASSERT_TRUE(
      a->query("SET SESSION enable_insert_strict = false, @@session.wait_timeout=100").ok());
  auto r = a->query("SELECT @@query_timeout, @@enable_insert_strict, @@wait_timeout");
  EXPECT_THAT(r.rows[0], ElementsAre("3600", "false", "100"));
  r = b->query("SELECT @@query_timeout");
  EXPECT_EQ(r.rows[0][0], "300");
}

TEST(FrontSystemTest, UnknownVariableIs1193) {
  auto c = Client::root();
  auto r = c->query("SET no_such_variable = 1");
  EXPECT_EQ(r.error, 1193u);
  EXPECT_EQ(r.message, "Unknown system variable 'no_such_variable'");
  r = c->query("SELECT @@no_such_variable");
  EXPECT_EQ(r.error, 1193u);
}

TEST(FrontSystemTest, BadValuesAndReadOnlyVariablesAreRejected) {
  auto c = Client::root();
  EXPECT_EQ(c->query("SET query_timeout = 'abc'").error, 1232u);
  EXPECT_EQ(c->query("SET enable_insert_strict = 'maybe'").error, 1231u);
  EXPECT_EQ(c->query("SET version_comment = 'x'").error, 1238u);
}

TEST(FrontSystemTest, SetNamesAndUserVariablesAreAccepted) {
  auto c = Client::root();
  EXPECT_TRUE(c->query("SET NAMES utf8mb4").ok());
  EXPECT_TRUE(c->query("SET NAMES 'utf8' COLLATE 'utf8_general_ci'").ok());
  EXPECT_TRUE(c->query("SET @my_var = 5").ok());
}

TEST(FrontSystemTest, ShowVariablesLike) {
  auto r = Client::root()->query("SHOW VARIABLES LIKE 'query_tim%'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Variable_name", "Value"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_THAT(r.rows[0], ElementsAre("query_timeout", "300"));
  r = Client::root()->query("SHOW VARIABLES WHERE variable_name = 'enable_insert_strict'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][1], "true");
}

TEST(FrontSystemTest, ShowVerboseVariablesSaysWhatChanged) {
  auto c = Client::root();
  ASSERT_TRUE(c->query("SET query_timeout = 42").ok());
  auto r = c->query("SHOW VERBOSE VARIABLES LIKE 'query_timeout'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Variable_name", "Value", "Default_value", "Is_changed"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_THAT(r.rows[0], ElementsAre("query_timeout", "42", "300", "1"));
}

TEST(FrontSystemTest, SetGlobalChangesLaterSessions) {
  PrivateSrsim sim; // global state: not on the shared sandbox
  auto a = sim.root();
  ASSERT_TRUE(a->query("SET GLOBAL query_timeout = 1234").ok());
  EXPECT_EQ(a->query("SELECT @@query_timeout").rows[0][0], "300");
  EXPECT_EQ(a->query("SELECT @@global.query_timeout").rows[0][0], "1234");
  EXPECT_EQ(sim.root()->query("SELECT @@query_timeout").rows[0][0], "1234");
}

TEST(FrontSystemTest, ShowBackendsColumnsAndDiskUse) {
  PrivateSrsim sim({"--max-disk-used-pct", "81.5"});
  auto c = sim.root();
  auto r = c->query("SHOW BACKENDS");
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.rows.size(), 1u);
  std::vector<std::string> first23(r.columns.begin(), r.columns.begin() + 23);
  EXPECT_THAT(first23,
              ElementsAre("BackendId", "IP", "HeartbeatPort", "BePort", "HttpPort", "BrpcPort",
                          "LastStartTime", "LastHeartbeat", "Alive", "SystemDecommissioned",
                          "ClusterDecommissioned", "TabletNum", "DataUsedCapacity", "AvailCapacity",
                          "TotalCapacity", "UsedPct", "MaxDiskUsedPct", "ErrMsg", "Version",
                          "Status", "DataTotalCapacity", "DataUsedPct", "CpuCores"));
  EXPECT_EQ(r.cell(0, "MaxDiskUsedPct"), "81.50 %");
  EXPECT_EQ(r.cell(0, "Alive"), "true");
  EXPECT_TRUE(std::regex_match(*r.cell(0, "TotalCapacity"), std::regex("[0-9]+\\.[0-9]{3} GB")));
  ASSERT_TRUE(c->query("ADMIN SET SIM MAX DISK USED PCT 92.25").ok());
  EXPECT_EQ(c->query("SHOW BACKENDS").cell(0, "MaxDiskUsedPct"), "92.25 %");
}

TEST(FrontSystemTest, ShowFrontendsNamesThisClustersPorts) {
  const Sandbox& s = Sandbox::get();
  auto r = Client::root()->query("SHOW FRONTENDS");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns,
              ElementsAre("Name", "IP", "EditLogPort", "HttpPort", "QueryPort", "RpcPort", "Role",
                          "ClusterId", "Join", "Alive", "ReplayedJournalId", "LastHeartbeat",
                          "IsHelper", "ErrMsg", "StartTime", "Version"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.cell(0, "QueryPort"), s.env("SRC_PORT"));
  EXPECT_EQ(r.cell(0, "HttpPort"), s.env("SRC_HTTP_PORT"));
  EXPECT_EQ(r.cell(0, "RpcPort"), s.env("SRC_RPC_PORT"));
  EXPECT_EQ(r.cell(0, "Role"), "LEADER");
}

TEST(FrontSystemTest, FrontendConfigShowAndSet) {
  PrivateSrsim sim({"--version", "3.3.5"});
  auto c = sim.root();
  auto r =
      c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'enable_legacy_compatibility_for_replication'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Key", "AliasNames", "Value", "Type", "IsMutable", "Comment"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.cell(0, "Value"), "false");
  ASSERT_TRUE(
      c->query(
           "ADMIN SET FRONTEND CONFIG (\"enable_legacy_compatibility_for_replication\" = \"true\")")
          .ok());
  r = c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'enable_legacy%'");
  EXPECT_EQ(r.cell(0, "Value"), "true");
  r = c->query("ADMIN SET FRONTEND CONFIG (\"no_such_key\" = \"1\")");
  EXPECT_EQ(r.error, 1064u);
  EXPECT_EQ(r.message, "Config 'no_such_key' does not exist or is not mutable");
  r = c->query("ADMIN SET FRONTEND CONFIG (\"http_port\" = \"1\")"); // immutable
  EXPECT_EQ(r.message, "Config 'http_port' does not exist or is not mutable");
}

TEST(FrontSystemTest, LakeCompactionMaxTasksIsAMutableConfigFrom31) {
  PrivateSrsim sim({"--version", "3.3.5", "--shared-data"});
  auto c = sim.root();
  auto r = c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'lake_compaction_max_tasks'");
  ASSERT_TRUE(r.ok()) << r.message;
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.cell(0, "Value"), "-1");
  EXPECT_EQ(r.cell(0, "IsMutable"), "true");
  ASSERT_TRUE(c->query("ADMIN SET FRONTEND CONFIG (\"lake_compaction_max_tasks\" = \"0\")").ok());
  EXPECT_EQ(c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'lake_compaction%'").cell(0, "Value"), "0");
  r = c->query("ADMIN SET FRONTEND CONFIG (\"lake_compaction_max_tasks\" = \"many\")");
  EXPECT_EQ(r.error, 1064u);
  // A 2.5 FE has no such key (introduced in 3.1.0).
  PrivateSrsim old({"--version", "2.5.22"});
  r = old.root()->query("ADMIN SHOW FRONTEND CONFIG LIKE 'lake_compaction_max_tasks'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_TRUE(r.rows.empty());
}

TEST(FrontSystemTest, ShowSimStorageNamesTheMariaDb) {
  const Sandbox& s = Sandbox::get();
  auto r = Client::root()->query("ADMIN SHOW SIM STORAGE");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Host", "Port", "Socket", "User", "Password"));
  EXPECT_EQ(r.cell(0, "Port"), s.env("SRC_MARIADB_PORT"));
  EXPECT_EQ(r.cell(0, "Socket"), s.env("SRC_MARIADB_SOCKET"));
  EXPECT_EQ(r.cell(0, "Password"), s.env("SRC_MARIADB_PASSWORD"));
}

TEST(FrontSystemTest, ProcesslistShowsRunningStatement) {
  auto c = Client::root();
  auto r = c->query("SHOW PROCESSLIST");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ElementsAre("Id", "User", "Host", "Db", "Command", "ConnectionStartTime",
                                     "Time", "State", "Info"));
  bool found = false;
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    if (r.cell(i, "Id") == std::to_string(c->connection_id())) {
      found = true;
      EXPECT_EQ(r.cell(i, "Command"), "Query");
      EXPECT_EQ(r.cell(i, "Info"), "SHOW PROCESSLIST");
    }
  }
  EXPECT_TRUE(found);
}

TEST(FrontSystemTest, KillConnectionClosesTheOtherClient) {
  auto victim = Client::root();
  auto killer = Client::root();
  auto id = victim->connection_id();
  ASSERT_TRUE(killer->query("KILL CONNECTION " + std::to_string(id)).ok());
  auto r = victim->query("SELECT @@version_comment");
  // Lost (2013), gone (2006) or reset (2055, CR_SERVER_LOST_EXTENDED) depending on where the
  // client notices the closed socket.
  EXPECT_TRUE(r.error == 2013u || r.error == 2006u || r.error == 2055u)
      << r.error << " " << r.message;
  EXPECT_TRUE(eventually([&] {
    auto list = killer->query("SHOW PROCESSLIST");
    for (std::size_t i = 0; i < list.rows.size(); ++i) {
      if (list.cell(i, "Id") == std::to_string(id)) {
        return false;
      }
    }
    return true;
  }));
}

TEST(FrontSystemTest, KillUnknownThread) {
  auto r = Client::root()->query("KILL 999999");
  EXPECT_EQ(r.error, 1094u);
  EXPECT_EQ(r.message, "Unknown thread id: 999999");
}

TEST(FrontSystemTest, UnsupportedStatementIsAnError) {
  auto r = Client::root()->query("FROBNICATE THE CLUSTER");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.message.empty());
}

} // namespace
} // namespace srsim::test
