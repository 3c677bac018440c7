// Fault injection (SANDBOX.md): every knob, on private srsim processes so that cluster-wide
// fault state never leaks into other tests.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "support_client.hpp"
#include "support_http.hpp"

namespace srsim::test {
namespace {

using Clock = std::chrono::steady_clock;

long long elapsed_ms(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

std::string front_fault_value(Client& c, const std::string& knob) {
  auto r = c.query("ADMIN SHOW SIM FAULTS");
  for (const auto& row : r.rows) {
    if (row[0] == knob) {
      return *row[1];
    }
  }
  return "";
}

// True once connection `id` runs a statement containing `text` (seen from `observer`).
bool running(Client& observer, unsigned long id, const std::string& text) {
  auto r = observer.query("SHOW PROCESSLIST");
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    if (r.cell(i, "Id") == std::to_string(id) && r.cell(i, "Command") == "Query" &&
        r.cell(i, "Info")->find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(FrontFaultTest, LatencyDelaysStatementsButNotControlStatements) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("ADMIN SET SIM LATENCY 400").ok());
  auto start = Clock::now();
  ASSERT_TRUE(c->query("SELECT @@version_comment").ok());
  EXPECT_GE(elapsed_ms(start), 400);
  EXPECT_EQ(front_fault_value(*c, "LATENCY"), "400");
  ASSERT_TRUE(c->query("ADMIN SET SIM RESET").ok());
  EXPECT_EQ(front_fault_value(*c, "LATENCY"), "0");
}

TEST(FrontFaultTest, FailsTheNthMatchingStatementOnce) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("ADMIN SET SIM FAIL 2 'version_COMMENT' 1105 'injected failure'").ok());
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
  EXPECT_TRUE(c->query("SELECT @@query_timeout").ok()); // does not match: does not count
  auto r = c->query("SELECT @@version_comment");
  EXPECT_EQ(r.error, 1105u);
  EXPECT_EQ(r.message, "injected failure");
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
}

TEST(FrontFaultTest, FailPatternIsARegexAndCountsAcrossConnections) {
  PrivateSrsim sim;
  auto a = sim.root();
  auto b = sim.root();
  ASSERT_TRUE(
      a->query("ADMIN SET SIM FAIL 2 '^select @@(query|wait)_timeout$' 1064 'rx' 'HY001'").ok());
  EXPECT_TRUE(a->query("SELECT @@query_timeout").ok());
  auto r = b->query("SELECT @@wait_timeout");
  EXPECT_EQ(r.error, 1064u);
  EXPECT_EQ(r.sqlstate, "HY001");
}

TEST(FrontFaultTest, CloseAfterDropsTheConnection) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("ADMIN SET SIM CLOSE AFTER 2").ok());
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
  auto r = c->query("SELECT @@version_comment");
  EXPECT_TRUE(r.error == 2013u || r.error == 2006u) << r.error << " " << r.message;
  auto again = sim.root(); // one-shot: new connections work
  EXPECT_TRUE(again->query("SELECT @@version_comment").ok());
  EXPECT_TRUE(again->query("SELECT @@version_comment").ok());
}

TEST(FrontFaultTest, StallHoldsTheStatementUntilReset) {
  PrivateSrsim sim;
  auto control = sim.root();
  auto victim = sim.root();
  ASSERT_TRUE(control->query("ADMIN SET SIM STALL 'stall_me'").ok());
  auto id = victim->connection_id();
  auto pending = std::async(std::launch::async,
                            [&] { return victim->query("SELECT @@version_comment AS stall_me"); });
  ASSERT_TRUE(eventually([&] { return running(*control, id, "stall_me"); }));
  EXPECT_EQ(pending.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  ASSERT_TRUE(control->query("ADMIN SET SIM RESET").ok());
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  auto r = pending.get();
  EXPECT_TRUE(r.ok()) << r.message;
  EXPECT_THAT(r.columns, ::testing::ElementsAre("stall_me"));
}

TEST(FrontFaultTest, StalledStatementEndsWhenTheClientGoesAway) {
  PrivateSrsim sim;
  auto control = sim.root();
  ASSERT_TRUE(control->query("ADMIN SET SIM STALL 'abandon_me'").ok());
  ConnectOptions o;
  o.port = sim.port();
  o.password = sim.password();
  o.read_timeout_s = 1;
  auto victim = Client::connect(o);
  ASSERT_NE(victim, nullptr);
  auto r = victim->query("SELECT @@version_comment AS abandon_me");
  EXPECT_EQ(r.error, 2013u) << r.message; // the client's read timeout
  victim.reset();
  EXPECT_TRUE(eventually([&] {
    // The polling statement matches the pattern too and may be logged after the stalled one,
    // so look for the stalled SELECT itself rather than at the last row.
    auto log = control->query("ADMIN SHOW SIM QUERY LOG LIKE '%abandon_me%'");
    for (const auto& row : log.rows) {
      if (row[3] && row[3]->rfind("SELECT", 0) == 0 && row[4] == "STALLED") {
        return true;
      }
    }
    return false;
  }));
}

TEST(FrontFaultTest, KillQueryInterruptsAStalledStatement) {
  PrivateSrsim sim;
  auto control = sim.root();
  auto victim = sim.root();
  ASSERT_TRUE(control->query("ADMIN SET SIM STALL 'kill_me'").ok());
  auto id = victim->connection_id();
  auto pending = std::async(std::launch::async,
                            [&] { return victim->query("SELECT @@version_comment AS kill_me"); });
  ASSERT_TRUE(eventually([&] { return running(*control, id, "kill_me"); }));
  ASSERT_TRUE(control->query("KILL QUERY " + std::to_string(id)).ok());
  ASSERT_EQ(pending.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(pending.get().error, 1317u);
  EXPECT_TRUE(victim->query("SELECT @@query_timeout").ok()); // the connection survives
}

TEST(FrontFaultTest, RefuseConnectionsKeepsExistingOnes) {
  PrivateSrsim sim;
  auto c = sim.root();
  ASSERT_TRUE(c->query("ADMIN SET SIM REFUSE CONNECTIONS ON").ok());
  ConnectOptions o;
  o.port = sim.port();
  o.password = sim.password();
  unsigned error = 0;
  EXPECT_EQ(Client::connect(o, &error), nullptr);
  EXPECT_NE(error, 0u);
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
  ASSERT_TRUE(c->query("ADMIN SET SIM REFUSE CONNECTIONS OFF").ok());
  EXPECT_NE(Client::connect(o), nullptr);
}

// A leader change takes the old FE's http port away too (Stream Load's first hop); the BE's http
// port is another process and keeps answering.
TEST(FrontFaultTest, RefuseConnectionsAlsoRefusesTheFeHttpPortButNotTheBes) {
  PrivateSrsim sim;
  auto c = sim.root();
  // A reused sandbox directory keeps the MariaDB data of an earlier run.
  ASSERT_TRUE(c->query("DROP DATABASE IF EXISTS refuse_http").ok());
  ASSERT_TRUE(c->query("CREATE DATABASE refuse_http").ok());
  ASSERT_TRUE(c->query("CREATE TABLE refuse_http.t (k INT) DUPLICATE KEY(k) DISTRIBUTED BY "
                       "HASH(k) BUCKETS 1 PROPERTIES('replication_num'='1')")
                  .ok());
  const SimPorts ports = ports_of(sim);
  HttpCall to_fe;
  to_fe.url =
      "http://127.0.0.1:" + std::to_string(ports.fe_http) + "/api/refuse_http/t/_stream_load";
  to_fe.password = ports.password;
  to_fe.headers = {"label: refused_1"};
  to_fe.body = "1\n";
  to_fe.timeout_s = 10;
  HttpCall to_be = to_fe;
  to_be.url =
      "http://127.0.0.1:" + std::to_string(ports.be_http) + "/api/refuse_http/t/_stream_load";
  to_be.headers = {"label: direct_1"};
  ASSERT_TRUE(c->query("ADMIN SET SIM REFUSE CONNECTIONS ON").ok());
  const HttpReply refused = http(to_fe);
  EXPECT_NE(refused.curl_code, 0) << refused.status << " " << refused.body;
  EXPECT_EQ(refused.status, 0);
  const HttpReply direct = http(to_be);
  EXPECT_EQ(direct.curl_code, 0) << direct.curl_error;
  EXPECT_EQ(direct.status, 200);
  ASSERT_TRUE(c->query("ADMIN SET SIM REFUSE CONNECTIONS OFF").ok());
  to_fe.follow = true;
  const HttpReply back = http(to_fe);
  EXPECT_EQ(back.curl_code, 0) << back.curl_error;
  EXPECT_EQ(back.json().value("Status", ""), "Success") << back.body;
}

TEST(FrontFaultTest, CommandLineFaults) {
  PrivateSrsim sim({"--latency-ms", "250", "--fault", "FAIL 1 'version_comment' 1064 'from argv'"});
  auto c = sim.root();
  auto start = Clock::now();
  auto r = c->query("SELECT @@version_comment");
  EXPECT_GE(elapsed_ms(start), 250);
  EXPECT_EQ(r.message, "from argv");
  EXPECT_TRUE(c->query("SELECT @@version_comment").ok());
}

TEST(FrontFaultTest, RefuseConnectionsFromTheCommandLine) {
  EXPECT_THROW(
      {
        PrivateSrsim sim({"--refuse-connections"});
        sim.root();
      },
      std::runtime_error);
}

TEST(FrontFaultTest, DelaysAndIntervalsAreLiveAndResetToStartValues) {
  PrivateSrsim sim({"--olap-external-delay", "7", "--stats-interval", "30"});
  auto c = sim.root();
  EXPECT_EQ(front_fault_value(*c, "OLAP EXTERNAL DELAY"), "7");
  EXPECT_EQ(front_fault_value(*c, "STATS INTERVAL"), "30");
  ASSERT_TRUE(c->query("ADMIN SET SIM OLAP EXTERNAL DELAY 0").ok());
  ASSERT_TRUE(c->query("ADMIN SET SIM STATS INTERVAL 1").ok());
  EXPECT_EQ(front_fault_value(*c, "OLAP EXTERNAL DELAY"), "0");
  EXPECT_EQ(front_fault_value(*c, "STATS INTERVAL"), "1");
  auto config = c->query("ADMIN SHOW FRONTEND CONFIG LIKE 'tablet_stat_update_interval_second'");
  ASSERT_EQ(config.rows.size(), 1u);
  EXPECT_EQ(config.cell(0, "Value"), "1");
  ASSERT_TRUE(c->query("ADMIN SET SIM RESET").ok());
  EXPECT_EQ(front_fault_value(*c, "OLAP EXTERNAL DELAY"), "7");
  EXPECT_EQ(front_fault_value(*c, "STATS INTERVAL"), "30");
}

TEST(FrontFaultTest, BadControlStatementsAreSyntaxErrors) {
  PrivateSrsim sim;
  auto c = sim.root();
  EXPECT_EQ(c->query("ADMIN SET SIM LATENCY fast").error, 1064u);
  EXPECT_EQ(c->query("ADMIN SET SIM FAIL 0 'x' 1064 'm'").error, 1064u);
  EXPECT_EQ(c->query("ADMIN SET SIM REFUSE CONNECTIONS MAYBE").error, 1064u);
  EXPECT_EQ(c->query("ADMIN SET SIM WOBBLE").error, 1064u);
  EXPECT_EQ(c->query("ADMIN SET SIM CLOSE AFTER COMMIT 3").error, 1064u);
}

} // namespace
} // namespace srsim::test
