// The wire protocol and authentication of srsim's front, over the sandbox's src cluster.

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>

#include "support_client.hpp"

namespace srsim::test {
namespace {

ConnectOptions src_root() {
  const Sandbox& s = Sandbox::get();
  ConnectOptions o;
  o.port = s.port("SRC_PORT");
  o.password = s.env("SRC_PASSWORD");
  return o;
}

TEST(FrontProtocolTest, RootLogsInWithTheRightPassword) {
  unsigned error = 0;
  std::string message;
  auto c = Client::connect(src_root(), &error, &message);
  ASSERT_NE(c, nullptr) << message;
  EXPECT_STREQ(mysql_get_server_info(c->handle()), "5.1.0");
  EXPECT_EQ(mysql_ping(c->handle()), 0);
}

TEST(FrontProtocolTest, WrongPasswordIsAccessDenied) {
  ConnectOptions o = src_root();
  o.password = "not-" + o.password;
  unsigned error = 0;
  std::string message;
  EXPECT_EQ(Client::connect(o, &error, &message), nullptr);
  EXPECT_EQ(error, 1045u);
  EXPECT_EQ(message, "Access denied for user 'root'@'127.0.0.1' (using password: YES)");
}

TEST(FrontProtocolTest, EmptyPasswordAndUnknownUserAreDenied) {
  ConnectOptions o = src_root();
  o.password = "";
  unsigned error = 0;
  std::string message;
  EXPECT_EQ(Client::connect(o, &error, &message), nullptr);
  EXPECT_EQ(error, 1045u);
  EXPECT_NE(message.find("(using password: NO)"), std::string::npos) << message;
  o = src_root();
  o.user = "nobody_here";
  EXPECT_EQ(Client::connect(o, &error, &message), nullptr);
  EXPECT_EQ(error, 1045u);
}

TEST(FrontProtocolTest, RpcPortSpeaksTheSameProtocol) {
  ConnectOptions o = src_root();
  o.port = Sandbox::get().port("SRC_RPC_PORT");
  auto c = Client::connect(o);
  ASSERT_NE(c, nullptr);
  auto r = c->query("SELECT current_version()");
  ASSERT_TRUE(r.ok()) << r.message;
  EXPECT_EQ(r.rows.size(), 1u);
}

TEST(FrontProtocolTest, ConnectionIdsIncrease) {
  auto a = Client::root();
  auto b = Client::root();
  EXPECT_GT(b->connection_id(), a->connection_id());
  auto r = b->query("SELECT connection_id()");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.rows[0][0], std::to_string(b->connection_id()));
}

TEST(FrontProtocolTest, ServesManyConcurrentConnections) {
  constexpr int k_clients = 40;
  std::vector<std::future<bool>> results;
  for (int i = 0; i < k_clients; ++i) {
    results.push_back(std::async(std::launch::async, [i] {
      auto c = Client::root();
      std::string value = std::to_string(1000 + i);
      if (!c->query("SET query_timeout = " + value).ok()) {
        return false;
      }
      for (int round = 0; round < 20; ++round) {
        auto r = c->query("SELECT @@query_timeout");
        if (!r.ok() || r.rows.at(0).at(0) != value) {
          return false; // sessions must never see each other's variables
        }
      }
      return true;
    }));
  }
  for (auto& r : results) {
    EXPECT_TRUE(r.get());
  }
}

TEST(FrontProtocolTest, ResetConnectionRestoresSessionDefaults) {
  auto c = Client::root();
  ASSERT_TRUE(c->query("SET query_timeout = 9").ok());
  ASSERT_EQ(mysql_reset_connection(c->handle()), 0) << mysql_error(c->handle());
  EXPECT_EQ(c->query("SELECT @@query_timeout").rows.at(0).at(0), "300");
}

TEST(FrontProtocolTest, ClassicEofFraming) {
  const Sandbox& s = Sandbox::get();
  RawExchange ex = raw_query(s.port("SRC_PORT"), "root", s.env("SRC_PASSWORD"),
                             "SELECT current_version()", false);
  ASSERT_TRUE(ex.authenticated);
  // column count, column definition, EOF, row, EOF
  ASSERT_EQ(ex.packets.size(), 5u);
  EXPECT_EQ(ex.packets[0], std::string(1, '\x01'));
  EXPECT_EQ(static_cast<unsigned char>(ex.packets[2][0]), 0xFE);
  EXPECT_EQ(ex.packets[2].size(), 5u);
  EXPECT_NE(ex.packets[3].find(" "), std::string::npos); // "<version> <commit>"
  EXPECT_EQ(static_cast<unsigned char>(ex.packets[4][0]), 0xFE);
}

TEST(FrontProtocolTest, DeprecateEofFraming) {
  const Sandbox& s = Sandbox::get();
  RawExchange ex = raw_query(s.port("SRC_PORT"), "root", s.env("SRC_PASSWORD"),
                             "SELECT current_version()", true);
  ASSERT_TRUE(ex.authenticated);
  // column count, column definition, row, OK with 0xFE header
  ASSERT_EQ(ex.packets.size(), 4u);
  EXPECT_EQ(static_cast<unsigned char>(ex.packets[3][0]), 0xFE);
  EXPECT_GE(ex.packets[3].size(), 7u);
}

TEST(FrontProtocolTest, RawClientWithWrongPasswordGetsErr1045) {
  const Sandbox& s = Sandbox::get();
  RawExchange ex = raw_query(s.port("SRC_PORT"), "root", "wrong", "SELECT 1", true);
  EXPECT_FALSE(ex.authenticated);
  ASSERT_EQ(ex.packets.size(), 1u);
  const std::string& err = ex.packets[0];
  ASSERT_EQ(static_cast<unsigned char>(err[0]), 0xFF);
  EXPECT_EQ(static_cast<unsigned char>(err[1]) | (static_cast<unsigned char>(err[2]) << 8), 1045);
  EXPECT_EQ(err.substr(3, 6), "#28000");
}

TEST(FrontProtocolTest, UnsupportedCommandIsAnError) {
  auto c = Client::root();
  MYSQL_STMT* stmt = mysql_stmt_init(c->handle());
  const char* sql = "SELECT 1";
  EXPECT_NE(mysql_stmt_prepare(stmt, sql, 8), 0);
  EXPECT_EQ(mysql_stmt_errno(stmt), 1047u);
  mysql_stmt_close(stmt);
  // The connection stays usable.
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
}

TEST(FrontProtocolTest, SeveralStatementsInOneQueryAreRejected) {
  auto c = Client::root();
  auto r = c->query("SELECT current_version(); SELECT 2");
  EXPECT_EQ(r.error, 1064u);
  EXPECT_NE(r.message.find("several statements"), std::string::npos) << r.message;
  // A `;` inside a literal or a trailing `;` is fine.
  EXPECT_TRUE(c->query("SELECT @@version_comment;").ok());
  EXPECT_TRUE(c->query("SHOW VARIABLES LIKE 'a;b'").ok());
}

// The FE http port is StarRocks's REST port: a request without Basic auth gets RestBaseAction's
// 401 (Stream Load itself: front_stream_load_test.cpp).
TEST(FrontProtocolTest, HttpPortAnswersStarRocksJsonError) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(Sandbox::get().port("SRC_HTTP_PORT")));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  std::string req = "PUT /api/db/t/_stream_load HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    "Content-Length: 3\r\n\r\n";
  ::send(fd, req.data(), req.size(), 0);
  std::string response;
  char buf[1024];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) {
    response.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response;
  EXPECT_NE(response.find("WWW-Authenticate: Basic realm=\"\""), std::string::npos) << response;
  EXPECT_NE(response.find(R"("status":"FAILED")"), std::string::npos);
  EXPECT_NE(response.find(R"("msg":"Need auth information.")"), std::string::npos);
}

} // namespace
} // namespace srsim::test
