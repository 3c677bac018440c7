// `exlSchema check` against the two-cluster sandbox: the real binary, its report and exit code,
// and srsim's query log to prove that it only read (docs/modes.md "check").
#include "e2e/e2e_support.hpp"
#include "e2e/shared_data_cluster.hpp"
#include "exlschema/db/connection.hpp"

#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>

namespace exl::test::e2e {
namespace {

std::string contents(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& s : statements) {
    out += s + "\n";
  }
  return out;
}

void expect_all_reads(const std::vector<std::string>& statements) {
  for (const std::string& sql : statements) {
    EXPECT_TRUE(is_read_statement(sql)) << "check sent a write: " << sql;
  }
}

// Every statement is a read, and check did send the reads it reports on.
void expect_only_reads(const QueryLogMark& mark, bool target) {
  const auto statements = mark.statements();
  expect_all_reads(statements);
  const std::string all = contents(statements);
  for (const char* sql : {"SELECT current_version()", "SELECT current_user()", "SHOW GRANTS",
                          "SHOW BACKENDS", "SHOW FRONTENDS"}) {
    EXPECT_NE(all.find(sql), std::string::npos) << sql << " not sent:\n" << all;
  }
  EXPECT_EQ(all.find("enable_legacy_compatibility_for_replication") != std::string::npos, target)
      << all;
}

// A configuration file holding `yaml`, mode 0600, removed at the end of the test.
class ConfigCopy {
public:
  explicit ConfigCopy(const std::string& yaml)
      : m_path(
            (std::filesystem::temp_directory_path() / ("exl-check-" + std::to_string(::getpid()) +
                                                       "-" + std::to_string(++s_count) + ".yaml"))
                .string()) {
    std::ofstream(m_path) << yaml;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_read |
                                             std::filesystem::perms::owner_write);
  }
  ~ConfigCopy() {
    std::error_code ec;
    std::filesystem::remove(m_path, ec);
  }
  ConfigCopy(const ConfigCopy&) = delete;
  ConfigCopy& operator=(const ConfigCopy&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }

private:
  static inline int s_count = 0;
  std::string m_path;
};

std::string cluster_yaml(const std::string& alias, int port, const std::string& user,
                         const std::string& password_env) {
  return "  " + alias + ":\n    host: 127.0.0.1\n    port: " + std::to_string(port) +
         "\n    user: " + user + "\n    password_env: " + password_env + "\n";
}

// A TCP port on loopback that nothing listens on: bound by this process, then closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a loopback port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

ExlResult run_check(const std::string& config, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {}) {
  std::vector<std::string> argv = {"-config", config, "check"};
  argv.insert(argv.end(), args.begin(), args.end());
  ExlProcess process(argv, env);
  return process.wait();
}

TEST(CheckTest, HealthySandboxIsAllGoodAndOnlyRead) {
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl({"check", "-source", "src", "-target", "dst"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("source src: 127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("target dst: 127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("storage       shared-nothing (SHOW BACKENDS)"), std::string::npos);
  EXPECT_NE(r.out.find("fullest disk  44.72 %"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("CREATE EXTERNAL CATALOG yes"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("JDBC catalog  can be created"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check: all good"), std::string::npos) << r.out;
  expect_only_reads(src, false);
  expect_only_reads(dst, true);
}

TEST(CheckTest, SourceAloneIsChecked) {
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl({"check", "-source", "src"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out.find("target"), std::string::npos) << r.out;
  EXPECT_TRUE(dst.statements().empty());
}

TEST(CheckTest, UnreachableAddressIsOneLineAndExit1) {
  const auto env = load_sandbox_env();
  ASSERT_TRUE(env);
  const ConfigCopy config(
      "clusters:\n" +
      cluster_yaml("src", std::stoi(env->at("SRC_PORT")), "root", "EXL_SRC_PASSWORD") +
      cluster_yaml("gone", closed_port(), "root", "EXL_DST_PASSWORD"));
  const ExlResult r = run_check(config.path(), {"-source", "src", "-target", "gone"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("target gone: 127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  reachable     no"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  gone: cannot connect to 127.0.0.1:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("check the host and port configured for 'gone'"), std::string::npos);
  EXPECT_NE(r.out.find("check: 1 problem\n"), std::string::npos) << r.out;
}

// Sets the target's simulated disk use for one test and puts srsim's default back afterwards.
class DiskUse {
public:
  explicit DiskUse(double pct) : m_admin(cluster("DST")) { set(pct); }
  ~DiskUse() { set(44.72); } // srsim's default (docs/srsim.md)
  DiskUse(const DiskUse&) = delete;
  DiskUse& operator=(const DiskUse&) = delete;

private:
  void set(double pct) {
    m_admin.execute("ADMIN SET SIM MAX DISK USED PCT " + std::to_string(pct));
  }
  db::Connection m_admin;
};

TEST(CheckTest, TargetDiskOverTheThresholdFails) {
  const DiskUse full(91.5);
  const ExlResult r = run_exl({"check", "-source", "src", "-target", "dst"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("dst: BE 127.0.0.1:9050 data disk is 91.50 % full, above 80 % "
                       "(defaults.max_disk_used_pct)"),
            std::string::npos)
      << r.out;
}

// A user created on the target with nothing granted: every privilege the modes need is named,
// and the node lists are refused for lack of OPERATE.
TEST(CheckTest, UserWithoutPrivilegesIsToldWhatToGrant) {
  const std::string user = "exl_check_" + std::to_string(::getpid());
  db::Connection admin(cluster("DST"));
  admin.execute("CREATE USER " + user + " IDENTIFIED BY 'np-pw-1'");
  const ConfigCopy config(
      "clusters:\n" + cluster_yaml("dst", cluster("DST").port, user, "EXL_CHECK_NOPRIV_PASSWORD"));
  const QueryLogMark dst("DST");
  const ExlResult r =
      run_check(config.path(), {"-target", "dst"}, {{"EXL_CHECK_NOPRIV_PASSWORD", "np-pw-1"}});
  const auto sent = dst.statements();
  admin.execute("DROP USER " + user);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  const std::string who = "user '" + user + "'@'%' lacks ";
  for (const char* privilege :
       {"SELECT", "CREATE TABLE", "INSERT", "DROP", "CREATE EXTERNAL CATALOG"}) {
    EXPECT_NE(r.out.find(who + privilege + " on the target -- grant it: GRANT " + privilege),
              std::string::npos)
        << privilege << "\n"
        << r.out;
  }
  EXPECT_NE(r.out.find(who + "the OPERATE privilege on SYSTEM"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GRANT OPERATE ON SYSTEM TO USER '" + user + "'@'%'"), std::string::npos);
  EXPECT_EQ(r.out.find("np-pw-1"), std::string::npos);
  expect_all_reads(sent);
}

// One more srsim cluster, shared-data, on the sandbox's src MariaDB (as srsim's own tests start
// private clusters), stopped at the end of the test.

TEST(CheckTest, SharedDataTargetListsComputeNodes) {
  const SharedDataCluster shared;
  const ConfigCopy config("clusters:\n" +
                          cluster_yaml("lake", shared.port(), "root", "EXL_CHECK_LAKE_PASSWORD"));
  const ExlResult r = run_check(config.path(), {"-target", "lake"},
                                {{"EXL_CHECK_LAKE_PASSWORD", shared.password()}});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("storage       shared-data (SHOW COMPUTE NODES)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("compute nodes 1 of 1 alive"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fullest disk  no local data disks (shared-data)"), std::string::npos)
      << r.out;
}

TEST(CheckTest, UnknownAliasExits2BeforeConnecting) {
  const QueryLogMark src("SRC");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl({"check", "-source", "src", "-target", "nosuch"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find("nosuch"), std::string::npos) << r.err;
  EXPECT_TRUE(src.statements().empty());
  EXPECT_TRUE(dst.statements().empty());
}

} // namespace
} // namespace exl::test::e2e
