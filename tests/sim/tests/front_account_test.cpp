// Users and coarse privileges: CREATE/DROP/ALTER USER, GRANT, REVOKE, SHOW GRANTS, persistence.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support_client.hpp"

namespace srsim::test {
namespace {

std::unique_ptr<Client> login(int port, const std::string& user, const std::string& password,
                              unsigned* error = nullptr) {
  ConnectOptions o;
  o.port = port;
  o.user = user;
  o.password = password;
  return Client::connect(o, error);
}

TEST(FrontAccountTest, CreatedUserLogsInWithItsPasswordOnly) {
  int port = Sandbox::get().port("SRC_PORT");
  std::string user = unique_id("u");
  auto root = Client::root();
  ASSERT_TRUE(root->query("CREATE USER '" + user + "'@'%' IDENTIFIED BY 'pw_1'").ok());
  EXPECT_NE(login(port, user, "pw_1"), nullptr);
  unsigned error = 0;
  EXPECT_EQ(login(port, user, "pw_2", &error), nullptr);
  EXPECT_EQ(error, 1045u);
  ASSERT_TRUE(root->query("ALTER USER " + user + " IDENTIFIED BY 'pw_2'").ok());
  EXPECT_NE(login(port, user, "pw_2"), nullptr);
  ASSERT_TRUE(root->query("DROP USER '" + user + "'@'%'").ok());
  EXPECT_EQ(login(port, user, "pw_2", &error), nullptr);
}

TEST(FrontAccountTest, DuplicateAndMissingUsers) {
  std::string user = unique_id("u");
  auto root = Client::root();
  ASSERT_TRUE(root->query("CREATE USER " + user + " IDENTIFIED BY 'x1'").ok());
  auto r = root->query("CREATE USER " + user + " IDENTIFIED BY 'x1'");
  EXPECT_EQ(r.error, 1396u);
  EXPECT_EQ(r.message, "Operation CREATE USER failed for '" + user + "'@'%'");
  EXPECT_TRUE(root->query("CREATE USER IF NOT EXISTS " + user).ok());
  ASSERT_TRUE(root->query("DROP USER " + user).ok());
  EXPECT_EQ(root->query("DROP USER " + user).error, 1396u);
  EXPECT_TRUE(root->query("DROP USER IF EXISTS " + user).ok());
}

TEST(FrontAccountTest, GrantsAreShownAndRevoked) {
  std::string user = unique_id("u");
  auto root = Client::root();
  ASSERT_TRUE(root->query("CREATE USER " + user + " IDENTIFIED BY 'g1'").ok());
  ASSERT_TRUE(root->query("GRANT SELECT, INSERT ON db_a.* TO " + user).ok());
  ASSERT_TRUE(root->query("GRANT ALTER ON ALL TABLES IN DATABASE db_b TO USER " + user).ok());
  auto r = root->query("SHOW GRANTS FOR " + user);
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ::testing::ElementsAre("UserIdentity", "Catalog", "Grants"));
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][2], "GRANT INSERT, SELECT ON db_a.* TO '" + user + "'@'%'");
  EXPECT_EQ(r.rows[1][2], "GRANT ALTER ON db_b.* TO '" + user + "'@'%'");
  ASSERT_TRUE(root->query("REVOKE INSERT ON db_a.* FROM " + user).ok());
  r = root->query("SHOW GRANTS FOR " + user);
  EXPECT_EQ(r.rows[0][2], "GRANT SELECT ON db_a.* TO '" + user + "'@'%'");
  EXPECT_EQ(root->query("GRANT FLY ON db_a.* TO " + user).error, 1064u);
}

TEST(FrontAccountTest, OrdinaryUserCannotAdministrate) {
  int port = Sandbox::get().port("SRC_PORT");
  std::string user = unique_id("u");
  auto root = Client::root();
  ASSERT_TRUE(root->query("CREATE USER " + user + " IDENTIFIED BY 'o1'").ok());
  auto c = login(port, user, "o1");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->query("CREATE USER other_" + user).error, 1227u);
  EXPECT_EQ(c->query("ADMIN SET SIM LATENCY 1").error, 1227u);
  EXPECT_EQ(c->query("ADMIN SET FRONTEND CONFIG (\"task_ttl_second\" = \"5\")").error, 1227u);
  EXPECT_EQ(c->query("SET GLOBAL query_timeout = 5").error, 1227u);
  EXPECT_TRUE(c->query("ADMIN SHOW SIM STORAGE").ok()); // the engine's catalogs need it
  auto own = c->query("SHOW GRANTS");
  ASSERT_TRUE(own.ok());
  EXPECT_TRUE(own.rows.empty());
  ASSERT_TRUE(root->query("GRANT OPERATE ON SYSTEM TO USER " + user).ok());
  EXPECT_TRUE(c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'task_ttl_second'").ok());
  EXPECT_TRUE(c->query("SET GLOBAL lower_case_table_names = 1").error == 1238u);
}

TEST(FrontAccountTest, UsersSurviveARestart) {
  std::string dir;
  {
    PrivateSrsim first;
    dir = first.data_dir();
    auto root = first.root();
    ASSERT_TRUE(root->query("CREATE USER keeper IDENTIFIED BY 'k33p'").ok());
    ASSERT_TRUE(root->query("GRANT SELECT ON kept_db.* TO keeper").ok());
  }
  PrivateSrsim second({}, dir);
  auto c = login(second.port(), "keeper", "k33p");
  ASSERT_NE(c, nullptr);
  auto r = c->query("SHOW GRANTS");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][2], "GRANT SELECT ON kept_db.* TO 'keeper'@'%'");
}

TEST(FrontAccountTest, PasswordsAreNotStoredInClear) {
  PrivateSrsim sim;
  ASSERT_TRUE(sim.root()->query("CREATE USER hidden IDENTIFIED BY 'plaintext_pw'").ok());
  std::string cmd = "grep -rq plaintext_pw " + sim.data_dir();
  EXPECT_NE(std::system(cmd.c_str()), 0) << "the password appears in " << sim.data_dir();
}

} // namespace
} // namespace srsim::test
