// What `exlSchema check` judges a problem (exit 1) or a note, and what it prints, on clusters
// described as check_probe.cpp would read them.
#include "commands/check_findings.hpp"
#include "commands/check_printer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace exl::commands {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

starrocks::NodeInfo node(starrocks::NodeKind kind, bool alive, std::optional<double> pct = {}) {
  starrocks::NodeInfo n;
  n.kind = kind;
  n.host = "10.0.0.1";
  n.port = kind == starrocks::NodeKind::Frontend ? "9030" : "9050";
  n.alive = alive;
  n.role = kind == starrocks::NodeKind::Frontend ? "LEADER" : "";
  n.max_disk_used_pct = pct;
  return n;
}

// A healthy 3.3 cluster whose user is root.
CheckedCluster healthy(ClusterRole role) {
  CheckedCluster c;
  c.alias = role == ClusterRole::Source ? "src" : "dst";
  c.role = role;
  c.address = "10.0.0.1:9030";
  c.login = "root";
  c.version_text = "3.3.5 abcdef0";
  c.version = starrocks::parse_version(c.version_text);
  c.current_user = "'root'@'%'";
  c.grants = starrocks::Grants{{"root"}, {}, true};
  c.shared_data = false;
  c.frontends = std::vector{node(starrocks::NodeKind::Frontend, true)};
  c.backends = std::vector{node(starrocks::NodeKind::Backend, true, 44.72)};
  if (role == ClusterRole::Target) {
    c.legacy_replication = "true";
  }
  return c;
}

std::size_t problems(const std::vector<Finding>& findings) {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [](auto& f) { return f.severity == Severity::Problem; }));
}

TEST(CheckFindingsTest, HealthyClustersHaveNothingToSay) {
  EXPECT_TRUE(judge_cluster(healthy(ClusterRole::Source), {}).empty());
  EXPECT_TRUE(judge_cluster(healthy(ClusterRole::Target), {}).empty());
  EXPECT_EQ(render_findings({}), "check: all good\n");
}

TEST(CheckFindingsTest, UnreachableClusterIsOneProblemNamingWhatToCheck) {
  CheckedCluster c = healthy(ClusterRole::Target);
  c.connect_failure = ReadFailure{"connect", 2002, "Can't connect to server on '10.0.0.1' (111)"};
  const auto found = judge_cluster(c, {});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_THAT(found[0].text, HasSubstr("cannot connect to 10.0.0.1:9030"));
  EXPECT_THAT(found[0].text, HasSubstr("check the host and port configured for 'dst'"));
  c.connect_failure->error_number = 1045;
  EXPECT_THAT(judge_cluster(c, {})[0].text, HasSubstr("check the user and password"));
  EXPECT_THAT(render_cluster(c, {}), HasSubstr("reachable     no"));
}

TEST(CheckFindingsTest, TargetDiskAboveTheLimitIsAProblemSourceDiskANote) {
  CheckedCluster target = healthy(ClusterRole::Target);
  target.backends = std::vector{node(starrocks::NodeKind::Backend, true, 92.25)};
  auto found = judge_cluster(target, {80});
  ASSERT_EQ(problems(found), 1U);
  EXPECT_THAT(found[0].text, HasSubstr("92.25 % full, above 80 %"));
  EXPECT_TRUE(judge_cluster(target, {95}).empty());
  CheckedCluster source = healthy(ClusterRole::Source);
  source.backends = target.backends;
  found = judge_cluster(source, {80});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].severity, Severity::Note);
}

TEST(CheckFindingsTest, DeadNodesAndAnEmptyBackendListAreProblems) {
  CheckedCluster c = healthy(ClusterRole::Source);
  c.frontends->push_back(node(starrocks::NodeKind::Frontend, false));
  c.backends->push_back(node(starrocks::NodeKind::Backend, false));
  c.backends->back().error = "lost heartbeat";
  auto found = judge_cluster(c, {});
  ASSERT_EQ(problems(found), 2U);
  EXPECT_THAT(found[1].text, HasSubstr("BE 10.0.0.1:9050 is not alive (lost heartbeat)"));
  c = healthy(ClusterRole::Source);
  c.shared_data = true;
  c.backends->clear();
  found = judge_cluster(c, {});
  ASSERT_EQ(problems(found), 1U);
  EXPECT_THAT(found[0].text, HasSubstr("no compute node is registered"));
}

TEST(CheckFindingsTest, MissingPrivilegesAreNamedWithTheGrantToRun) {
  CheckedCluster c = healthy(ClusterRole::Target);
  c.current_user = "'etl'@'%'";
  c.grants = starrocks::Grants{
      {}, {"GRANT SELECT, INSERT ON ALL TABLES IN ALL DATABASES TO USER 'etl'@'%'"}, true};
  const auto found = judge_cluster(c, {});
  ASSERT_EQ(problems(found), 3U);
  EXPECT_THAT(found[0].text, HasSubstr("lacks CREATE TABLE on the target -- grant it: GRANT "
                                       "CREATE TABLE ON ALL DATABASES TO USER 'etl'@'%'"));
  EXPECT_THAT(found[1].text, HasSubstr("lacks DROP"));
  EXPECT_THAT(found[2].text, HasSubstr("lacks CREATE EXTERNAL CATALOG"));
  EXPECT_THAT(render_cluster(c, {}), HasSubstr("SELECT yes, CREATE TABLE no, INSERT yes"));
}

TEST(CheckFindingsTest, PrivilegesThroughCustomRolesAreANote) {
  CheckedCluster c = healthy(ClusterRole::Source);
  c.grants = starrocks::Grants{{"reader"}, {}, true};
  const auto found = judge_cluster(c, {});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].severity, Severity::Note);
  EXPECT_THAT(found[0].text, HasSubstr("(reader)"));
}

TEST(CheckFindingsTest, RefusedSystemReadsAreOneOperateProblem) {
  CheckedCluster c = healthy(ClusterRole::Source);
  c.shared_data.reset();
  c.backends.reset();
  c.frontends.reset();
  const std::string denied = "Access denied; you need (at least one of) the OPERATE privilege(s)";
  c.failures = {{"ADMIN SHOW FRONTEND CONFIG LIKE \"run_mode\"", 1227, denied, true},
                {"SHOW BACKENDS", 1227, denied, true},
                {"SHOW FRONTENDS", 1227, denied, true}};
  const auto found = judge_cluster(c, {});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_THAT(found[0].text, HasSubstr("lacks the OPERATE privilege on SYSTEM"));
  EXPECT_THAT(found[0].text, HasSubstr("refused: ADMIN SHOW FRONTEND CONFIG LIKE \"run_mode\", "
                                       "SHOW BACKENDS, SHOW FRONTENDS"));
  EXPECT_THAT(found[0].text, HasSubstr("GRANT OPERATE ON SYSTEM TO USER 'root'@'%'"));
  EXPECT_THAT(render_cluster(c, {}), HasSubstr("storage       unknown"));
}

TEST(CheckFindingsTest, OldTargetCannotHoldAJdbcCatalogAndNeedsNoCatalogPrivilege) {
  CheckedCluster c = healthy(ClusterRole::Target);
  c.version = starrocks::parse_version("2.5.22 abcdef0");
  c.legacy_replication = "";
  const auto found = judge_cluster(c, {});
  EXPECT_EQ(problems(found), 0U);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_THAT(found[0].text, HasSubstr("cannot create a JDBC catalog (3.0+)"));
  EXPECT_THAT(found[1].text, HasSubstr("no enable_legacy_compatibility_for_replication"));
  EXPECT_EQ(needed_privileges(c).size(), 4U);
}

TEST(CheckFindingsTest, LegacyFlagOffIsANoteWithTheStatement) {
  CheckedCluster c = healthy(ClusterRole::Target);
  c.legacy_replication = "false";
  const auto found = judge_cluster(c, {});
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].severity, Severity::Note);
  EXPECT_THAT(found[0].text, HasSubstr("ADMIN SET FRONTEND CONFIG "
                                       "(\"enable_legacy_compatibility_for_replication\" = "
                                       "\"true\")"));
}

TEST(CheckPrinterTest, ReportsAClusterAndCountsProblems) {
  const std::string text = render_cluster(healthy(ClusterRole::Target), {80});
  EXPECT_THAT(text, HasSubstr("target dst: 10.0.0.1:9030 as root\n"));
  EXPECT_THAT(text, HasSubstr("  version       3.3.5 abcdef0\n"));
  EXPECT_THAT(text, HasSubstr("  storage       shared-nothing (SHOW BACKENDS)\n"));
  EXPECT_THAT(text, HasSubstr("  frontends     1 of 1 alive: 10.0.0.1:9030 LEADER\n"));
  EXPECT_THAT(text, HasSubstr("  fullest disk  44.72 % on 10.0.0.1:9050 (limit 80 %)\n"));
  EXPECT_THAT(text, HasSubstr("  JDBC catalog  can be created (3.0+)\n"));
  EXPECT_THAT(text, Not(HasSubstr("Problems")));
  const std::string findings = render_findings({{Severity::Problem, "dst", "a"},
                                                {Severity::Note, "src", "b"},
                                                {Severity::Problem, "src", "c"}});
  EXPECT_EQ(findings, "Problems:\n  dst: a\n  src: c\nNotes:\n  src: b\ncheck: 2 problems\n");
}

} // namespace
} // namespace exl::commands
