// SHOW GRANTS read for `exlSchema check`: the v3.x statements of the docs
// (account-management/SHOW_GRANTS.md), role grants, and the coarse `db.*` forms.
#include "exlschema/starrocks/cluster_info_grants.hpp"

#include <gtest/gtest.h>

namespace exl::starrocks {
namespace {

const std::vector<std::string> k_columns = {"UserIdentity", "Catalog", "Grants"};

Grants grants_of(const std::vector<std::string>& texts) {
  std::vector<ResultRow> rows;
  rows.reserve(texts.size());
  for (const std::string& text : texts) {
    rows.push_back({"'u'@'%'", "default_catalog", text});
  }
  return parse_show_grants(k_columns, rows);
}

TEST(ClusterInfoGrantsTest, ReadsV3PrivilegeStatements) {
  const Grants g = grants_of({"GRANT SELECT, INSERT ON ALL TABLES IN DATABASE db1 TO USER 'u'@'%'",
                              "GRANT CREATE TABLE, DROP ON DATABASE db1 TO USER 'u'@'%'",
                              "GRANT CREATE EXTERNAL CATALOG ON SYSTEM TO USER 'u'@'%'"});
  EXPECT_TRUE(g.roles.empty());
  EXPECT_EQ(g.statements.size(), 3U);
  const PrivilegeCheck select = check_privilege(g, Privilege::Select);
  EXPECT_EQ(select.holding, Holding::Yes);
  ASSERT_EQ(select.objects.size(), 1U);
  EXPECT_EQ(select.objects[0], "ALL TABLES IN DATABASE db1");
  EXPECT_EQ(check_privilege(g, Privilege::Insert).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(g, Privilege::Create).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(g, Privilege::Drop).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(g, Privilege::CreateCatalog).holding, Holding::Yes);
}

TEST(ClusterInfoGrantsTest, MissingPrivilegesAreNo) {
  const Grants g = grants_of({"GRANT SELECT ON ALL TABLES IN ALL DATABASES TO USER 'u'@'%'"});
  EXPECT_EQ(check_privilege(g, Privilege::Select).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(g, Privilege::Insert).holding, Holding::No);
  EXPECT_EQ(check_privilege(g, Privilege::CreateCatalog).holding, Holding::No);
  EXPECT_EQ(check_privilege(grants_of({}), Privilege::Select).holding, Holding::No);
}

TEST(ClusterInfoGrantsTest, BuiltInRolesGiveEverythingOtherRolesAreUnknown) {
  const Grants root = grants_of({"GRANT root TO 'root'@'%'"});
  ASSERT_EQ(root.roles.size(), 1U);
  EXPECT_EQ(root.roles[0], "root");
  EXPECT_EQ(check_privilege(root, Privilege::CreateCatalog).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(root, Privilege::Drop).objects[0], "role root");
  const Grants admin = grants_of({"GRANT 'db_admin', 'public' TO 'u'@'%'"});
  EXPECT_EQ(admin.roles, (std::vector<std::string>{"db_admin", "public"}));
  EXPECT_EQ(check_privilege(admin, Privilege::Insert).holding, Holding::Yes);
  const Grants custom = grants_of({"GRANT 'etl_writer' TO 'u'@'%'"});
  EXPECT_EQ(check_privilege(custom, Privilege::Insert).holding, Holding::Unknown);
  EXPECT_EQ(check_privilege(grants_of({"GRANT 'public' TO 'u'@'%'"}), Privilege::Insert).holding,
            Holding::No);
}

TEST(ClusterInfoGrantsTest, ReadsCoarseDatabaseForms) {
  const Grants g = grants_of(
      {"GRANT INSERT, SELECT ON db_a.* TO 'u'@'%'", "GRANT CREATE, DROP ON *.* TO 'u'@'%'"});
  EXPECT_EQ(check_privilege(g, Privilege::Select).objects[0], "db_a.*");
  EXPECT_EQ(check_privilege(g, Privilege::Create).holding, Holding::Yes);
  EXPECT_EQ(check_privilege(g, Privilege::CreateCatalog).holding, Holding::Yes);
  const Grants db_only = grants_of({"GRANT CREATE ON db_a.* TO 'u'@'%'"});
  EXPECT_EQ(check_privilege(db_only, Privilege::CreateCatalog).holding, Holding::No);
  const Grants v2 = grants_of({"GRANT Select_priv, Load_priv ON db_a.* TO 'u'@'%'"});
  EXPECT_EQ(check_privilege(v2, Privilege::Insert).holding, Holding::Yes);
  const Grants all = grants_of({"GRANT ALL PRIVILEGES ON ALL TABLES IN ALL DATABASES TO USER u"});
  EXPECT_EQ(check_privilege(all, Privilege::Drop).holding, Holding::Yes);
}

TEST(ClusterInfoGrantsTest, QuotedWordsAreNotKeywords) {
  const Grants g = grants_of({"GRANT SELECT ON TABLE `db`.` on ` TO USER 'u'@'%'"});
  EXPECT_EQ(check_privilege(g, Privilege::Select).objects[0], "TABLE `db`.` on `");
}

TEST(ClusterInfoGrantsTest, AnOlderLayoutIsUnreadable) {
  const Grants g = parse_show_grants({"UserIdentity", "Password", "GlobalPrivs"},
                                     {{"'u'@'%'", "No", "Select_priv"}});
  EXPECT_FALSE(g.readable);
  EXPECT_EQ(check_privilege(g, Privilege::Select).holding, Holding::Unknown);
}

TEST(ClusterInfoGrantsTest, HintsAreV3GrantStatements) {
  EXPECT_EQ(grant_hint(Privilege::Select, "'u'@'%'"),
            "GRANT SELECT ON ALL TABLES IN ALL DATABASES TO USER 'u'@'%'");
  EXPECT_EQ(grant_hint(Privilege::Create, "'u'@'%'"),
            "GRANT CREATE TABLE ON ALL DATABASES TO USER 'u'@'%'");
  EXPECT_EQ(grant_hint(Privilege::CreateCatalog, "'u'@'%'"),
            "GRANT CREATE EXTERNAL CATALOG ON SYSTEM TO USER 'u'@'%'");
  EXPECT_EQ(privilege_name(Privilege::CreateCatalog), "CREATE EXTERNAL CATALOG");
}

} // namespace
} // namespace exl::starrocks
