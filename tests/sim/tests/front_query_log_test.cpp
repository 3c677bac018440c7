// The query log: what clients sent, with connection ids, users, results, redacted passwords and
// the program_name connection attribute.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support_client.hpp"

namespace srsim::test {
namespace {

TEST(FrontQueryLogTest, RecordsStatementsWithConnectionUserAndResult) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("SELECT @@query_timeout").ok());
  ASSERT_FALSE(c->query("SET nope = 1").ok());
  auto r = c->query("ADMIN SHOW SIM QUERY LOG LIKE 'SELECT @@query%'");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns,
              ::testing::ElementsAre("Time", "ConnectionId", "User", "Statement", "Result"));
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.cell(0, "ConnectionId"), std::to_string(c->connection_id()));
  EXPECT_EQ(r.cell(0, "User"), "root");
  EXPECT_EQ(r.cell(0, "Result"), "ROWS 1");
  r = c->query("ADMIN SHOW SIM QUERY LOG LIKE 'SET nope%'");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.cell(0, "Result"), "ERR 1193");
}

TEST(FrontQueryLogTest, KeepsProgramNameOfTheConnection) {
  PrivateSrsim sim;
  ConnectOptions o;
  o.port = sim.port();
  o.password = sim.password();
  o.program_name = "exlSchema";
  ASSERT_NE(Client::connect(o), nullptr);
  auto r = sim.root()->query("ADMIN SHOW SIM QUERY LOG LIKE 'CONNECT%program_name=exlSchema%'");
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(FrontQueryLogTest, FailedLoginsAreLogged) {
  PrivateSrsim sim;
  ConnectOptions o;
  o.port = sim.port();
  o.password = "wrong";
  EXPECT_EQ(Client::connect(o), nullptr);
  auto r = sim.root()->query("ADMIN SHOW SIM QUERY LOG LIKE 'CONNECT%'");
  ASSERT_GE(r.rows.size(), 1u);
  EXPECT_EQ(r.rows[0][4], "ERR 1045");
}

TEST(FrontQueryLogTest, PasswordsAreRedacted) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("CREATE USER logged IDENTIFIED BY 'very_secret_1'").ok());
  // Both answered by the front, so nothing reaches the shared storage.
  EXPECT_FALSE(c->query("SET PASSWORD = PASSWORD('very_secret_2')").ok());
  EXPECT_TRUE(c->query("SHOW VARIABLES LIKE '\"password\" = \"very_secret_3\"'").ok());
  auto r = c->query("ADMIN SHOW SIM QUERY LOG");
  std::string all;
  for (const auto& row : r.rows) {
    all += *row[3] + "\n";
  }
  EXPECT_EQ(all.find("very_secret"), std::string::npos) << all;
  EXPECT_NE(all.find("IDENTIFIED BY '***'"), std::string::npos) << all;
  std::ifstream file(sim.data_dir() + "/query.log");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str().find("very_secret"), std::string::npos);
  EXPECT_NE(text.str().find("CREATE USER logged"), std::string::npos);
}

TEST(FrontQueryLogTest, LimitKeepsTheMostRecentAndClearEmpties) {
  PrivateSrsim sim;
  auto c = sim.root();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(c->query("SELECT @@query_timeout AS n" + std::to_string(i)).ok());
  }
  auto r = c->query("ADMIN SHOW SIM QUERY LOG LIKE 'SELECT @@query_timeout%' LIMIT 2");
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0][3], "SELECT @@query_timeout AS n3");
  EXPECT_EQ(r.rows[1][3], "SELECT @@query_timeout AS n4");
  ASSERT_TRUE(c->query("ADMIN CLEAR SIM QUERY LOG").ok());
  r = c->query("ADMIN SHOW SIM QUERY LOG LIKE 'SELECT%'");
  EXPECT_TRUE(r.rows.empty());
}

TEST(FrontQueryLogTest, InitDbIsLogged) {
  PrivateSrsim sim;
  auto c = sim.root();
  mysql_select_db(c->handle(), "some_db");
  auto r = c->query("ADMIN SHOW SIM QUERY LOG LIKE 'USE `some_db`'");
  EXPECT_EQ(r.rows.size(), 1u);
}

} // namespace
} // namespace srsim::test
