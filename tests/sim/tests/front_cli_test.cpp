// The stock `mariadb` command-line client against the sandbox: proves the handshake,
// capabilities and result framing work for it too.

#include <gtest/gtest.h>

#include "support_client.hpp"

namespace srsim::test {
namespace {

CliResult cli(const std::string& sql, const std::string& extra = "-N -B") {
  const Sandbox& s = Sandbox::get();
  return run_mariadb_cli(s.port("SRC_PORT"), "root", s.env("SRC_PASSWORD"), sql, extra);
}

TEST(FrontCliTest, CurrentVersion) {
  CliResult r = cli("SELECT current_version()");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.rfind(Sandbox::get().env("SRC_VERSION") + " ", 0), 0u) << r.output;
}

TEST(FrontCliTest, WrongPasswordFailsWith1045) {
  const Sandbox& s = Sandbox::get();
  CliResult r = run_mariadb_cli(s.port("SRC_PORT"), "root", "bad", "SELECT 1", "");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(
      r.output.find(
          "ERROR 1045 (28000): Access denied for user 'root'@'127.0.0.1' (using password: YES)"),
      std::string::npos)
      << r.output;
}

TEST(FrontCliTest, SeveralStatementsSplitByTheClient) {
  CliResult r =
      cli("SET query_timeout = 77; SELECT @@query_timeout; SHOW VARIABLES LIKE 'query_timeout'");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "77\nquery_timeout\t77\n");
}

TEST(FrontCliTest, ErrorsCarryCodeAndState) {
  CliResult r = cli("SET no_such_var = 1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.output.find("ERROR 1193 (HY000)"), std::string::npos) << r.output;
}

TEST(FrontCliTest, VerticalShowBackendsAndNullValues) {
  CliResult r = cli("SHOW BACKENDS", "-E");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("MaxDiskUsedPct: "), std::string::npos) << r.output;
  r = cli("SELECT database()");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "NULL\n");
}

TEST(FrontCliTest, InteractiveStyleVersionCommentQuery) {
  // `mariadb` without -e sends this on start; with a table output the header must be present.
  CliResult r = cli("select @@version_comment limit 1", "-t");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("| @@version_comment"), std::string::npos) << r.output;
}

TEST(FrontCliTest, RpcPortAcceptsTheClient) {
  const Sandbox& s = Sandbox::get();
  CliResult r = run_mariadb_cli(s.port("SRC_RPC_PORT"), "root", s.env("SRC_PASSWORD"),
                                "SELECT @@version_comment", "-N -B");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "StarRocks version " + s.env("SRC_VERSION") + "\n");
}

} // namespace
} // namespace srsim::test
