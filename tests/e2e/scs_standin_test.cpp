// The starrocks-cluster-sync stand-in (tests/scs_standin, docs/scs-standin.md) against the e2e
// sandbox: what -o meta relies on. The stand-in runs either through its home's bin/start.sh and
// bin/stop.sh (as exlSchema drives it) or, where a test needs its exit status, as a direct child.

#include "e2e_support.hpp"

#include "exlschema/config/password_cipher.hpp"

#include <regex>

namespace exl::test::e2e {
namespace {

using namespace std::chrono_literals;

// The stand-in's home in a private directory, laid out by make_home.sh.
class ScsHome {
public:
  ScsHome() {
    std::string pattern = (std::filesystem::temp_directory_path() / "exl-scs-XXXXXX").string();
    m_dir = ::mkdtemp(pattern.data());
    std::string cmd =
        std::string("'") + EXL_SCS_MAKE_HOME + "' '" + m_dir + "' '" + EXL_SCS_STANDIN_BIN + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  ~ScsHome() {
    if (auto pid = pid_file()) {
      ::kill(*pid, SIGKILL);
    }
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
  }
  ScsHome(const ScsHome&) = delete;
  ScsHome& operator=(const ScsHome&) = delete;

  const std::string& dir() const { return m_dir; }
  std::string log() const { return read_file(m_dir + "/log/sync.INFO.log"); }

  // Sets `key=value` lines of conf/sync.properties (the default file make_home.sh copied).
  void set(const std::map<std::string, std::string>& values) const {
    std::string text = read_file(m_dir + "/conf/sync.properties");
    for (const auto& [k, v] : values) {
      std::regex line("(^|\n)" + k + "=[^\n]*");
      std::string with = "$1" + k + "=" + v;
      text = std::regex_search(text, line) ? std::regex_replace(text, line, with)
                                           : text + k + "=" + v + "\n";
    }
    std::ofstream(m_dir + "/conf/sync.properties") << text;
  }

  // bin/start.sh (or stop.sh) with `env` added; returns the script's exit status.
  int script(const std::string& name, const std::map<std::string, std::string>& env = {}) const {
    std::string cmd = "env";
    for (const auto& [k, v] : env) {
      cmd += " " + k + "='" + v + "'";
    }
    cmd += " '" + m_dir + "/bin/" + name + "' >>'" + m_dir + "/script.out' 2>&1";
    int status = std::system(cmd.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  std::optional<pid_t> pid_file() const {
    std::ifstream in(m_dir + "/bin/scs.pid");
    long pid = 0;
    return in >> pid ? std::optional<pid_t>(static_cast<pid_t>(pid)) : std::nullopt;
  }

private:
  std::string m_dir;
};

bool scs_alive(pid_t pid) {
  if (::kill(pid, 0) != 0) {
    return false;
  }
  std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  auto close = stat.rfind(')');
  return close == std::string::npos || stat.size() < close + 3 || stat[close + 2] != 'Z';
}

// The stand-in as a direct child (its exit status is then ours to read).
class ScsChild {
public:
  ScsChild(const ScsHome& home, const std::map<std::string, std::string>& env) {
    m_pid = ::fork();
    if (m_pid == 0) {
      for (const auto& [k, v] : env) {
        ::setenv(k.c_str(), v.c_str(), 1);
      }
      int fd = ::open((home.dir() + "/log/sync.out").c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::string bin = home.dir() + "/lib/scs_standin";
      ::execl(bin.c_str(), bin.c_str(), home.dir().c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ScsChild() {
    if (!m_status) {
      ::kill(m_pid, SIGKILL);
      ::waitpid(m_pid, nullptr, 0);
    }
  }
  ScsChild(const ScsChild&) = delete;
  ScsChild& operator=(const ScsChild&) = delete;

  pid_t pid() const { return m_pid; }
  // The raw wait status once the child ended within `limit`.
  std::optional<int> wait_for(std::chrono::milliseconds limit) {
    eventually(
        [&] {
          int status = 0;
          if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_status = status;
          }
          return m_status.has_value();
        },
        limit, 20ms);
    return m_status;
  }

private:
  pid_t m_pid = -1;
  std::optional<int> m_status;
};

int scs_exit_code(const std::optional<int>& status) {
  return status && WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
}

std::vector<std::string> scs_lines(const std::string& log, const std::string& part) {
  std::vector<std::string> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    if (contains(line, part)) {
      out.push_back(line);
    }
  }
  return out;
}

// `name: <n>` of a progress line.
long long scs_field(const std::string& line, const std::string& name) {
  std::smatch m;
  std::regex re(name + ":\\s*([0-9]+)");
  return std::regex_search(line, m, re) ? std::stoll(m[1].str()) : -1;
}

class ScsStandinTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(sandbox_dir().empty()) << "EXL_TEST_SANDBOX_DIR not set: run through ctest";
    m_db = fresh_database("scs");
    sql_all("SRC", {"CREATE DATABASE " + m_db,
                    "CREATE TABLE " + m_db +
                        ".t1 (k INT, s VARCHAR(50), d DATE, dt DATETIME, dec DECIMAL(10, 2), "
                        "f DOUBLE, b BOOLEAN, big LARGEINT) DUPLICATE KEY(k) PARTITION BY "
                        "RANGE(k) (PARTITION p1 VALUES LESS THAN (10), PARTITION p2 VALUES LESS "
                        "THAN (20), PARTITION p3 VALUES LESS THAN (30)) DISTRIBUTED BY HASH(k) "
                        "BUCKETS 1 PROPERTIES ('replication_num' = '1')",
                    "INSERT INTO " + m_db +
                        ".t1 VALUES (1, 'it''s a \\\\ back', '2024-01-31', '2024-01-31 "
                        "23:59:58', 12.34, 0.5, true, 170141183460469231731687303715884105727), "
                        "(11, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
                    "INSERT INTO " + m_db +
                        ".t1 VALUES (2, 'zwei', '2024-02-02', "
                        "'2024-02-02 02:02:02', -1.5, 2.25, false, -7)",
                    "CREATE TABLE " + m_db +
                        ".t2 (id BIGINT, name VARCHAR(20)) PRIMARY KEY(id) DISTRIBUTED BY "
                        "HASH(id) BUCKETS 1 PROPERTIES ('replication_num' = '1')",
                    "INSERT INTO " + m_db + ".t2 VALUES (1, 'one'), (2, 'two')"});
    set_legacy(true);
    const auto env = load_sandbox_env();
    m_env = *env;
    m_home.set({{"source_fe_host", "127.0.0.1"},
                {"source_fe_query_port", m_env.at("SRC_PORT")},
                {"source_cluster_password", m_env.at("SRC_PASSWORD")},
                {"target_fe_host", "127.0.0.1"},
                {"target_fe_query_port", m_env.at("DST_PORT")},
                {"target_cluster_password", m_env.at("DST_PASSWORD")},
                {"include_data_list", m_db},
                {"meta_job_interval_seconds", "1"},
                {"ddl_job_interval_seconds", "1"},
                {"replication_job_interval_seconds", "1"},
                {"report_interval_seconds", "1"}});
  }
  void TearDown() override {
    for (const char* side : {"SRC", "DST"}) {
      sql(side, "DROP DATABASE IF EXISTS " + m_db + " FORCE");
    }
    set_legacy(false); // the default the sandbox started with
    sql("DST", "ADMIN SET SIM MAX DISK USED PCT 44.72");
  }

  static void set_legacy(bool on) {
    sql("DST", std::string("ADMIN SET FRONTEND CONFIG (\"enable_legacy_compatibility_for_"
                           "replication\" = \"") +
                   (on ? "true" : "false") + "\")");
  }
  std::vector<db::RowValues> rows(const std::string& side, const std::string& table) const {
    return sql(side, "SELECT * FROM " + m_db + "." + table + " ORDER BY 1").rows;
  }
  std::map<std::string, std::string> versions(const std::string& side,
                                              const std::string& table) const {
    db::ResultSet rs = sql(side, "SHOW PARTITIONS FROM " + m_db + "." + table);
    std::map<std::string, std::string> out;
    for (std::size_t i = 0; i < rs.rows.size(); ++i) {
      out[rs.value(i, "PartitionName").value_or("")] = rs.value(i, "VisibleVersion").value_or("");
    }
    return out;
  }
  bool target_has_db() const {
    for (const auto& row : sql("DST", "SHOW DATABASES").rows) {
      if (row.at(0) == m_db) {
        return true;
      }
    }
    return false;
  }
  bool in_sync(const std::string& table) const {
    try {
      return rows("SRC", table) == rows("DST", table) &&
             versions("SRC", table) == versions("DST", table);
    } catch (const std::exception&) {
      return false; // not created on the target yet
    }
  }

  std::string m_db;
  std::map<std::string, std::string> m_env;
  ScsHome m_home;
};

TEST_F(ScsStandinTest, OneTimeRunCopiesRowsAndVersionsThenExits) {
  // A mapped FE host is reached at the mapped address.
  std::ofstream(m_home.dir() + "/conf/hosts.properties")
      << "# <SOURCE/TARGET>_<domain>=<IP>\nSOURCE_src-fe.invalid=127.0.0.1\n";
  m_home.set({{"one_time_run_mode", "true"}, {"source_fe_host", "src-fe.invalid"}});
  ScsChild scs(m_home, {});
  EXPECT_EQ(scs_exit_code(scs.wait_for(60s)), 0) << m_home.log();
  for (const char* t : {"t1", "t2"}) {
    EXPECT_EQ(rows("SRC", t), rows("DST", t)) << t;
    EXPECT_EQ(versions("SRC", t), versions("DST", t)) << t;
  }
  EXPECT_EQ(versions("DST", "t1").at("p1"), "3");
  EXPECT_EQ(versions("DST", "t1").at("p3"), "1");
  const std::string log = m_home.log();
  EXPECT_TRUE(contains(log, "loaded 1 host mapping(s)")) << log;
  auto tables = scs_lines(log, "Sync table progress:");
  ASSERT_FALSE(tables.empty()) << log;
  EXPECT_TRUE(contains(tables.back(), "finishedTableRatio: 100.00%, expiredTableRatio: 0.00%, "
                                      "total table: 2, finished table: 2, unfinished table: 0, "
                                      "expired table: 0"))
      << tables.back();
  EXPECT_FALSE(contains(log, m_env.at("SRC_PASSWORD")));
}

TEST_F(ScsStandinTest, IncludeThenExcludeSelectTables) {
  sql_all("SRC", {"CREATE TABLE " + m_db +
                  ".t3 (k INT) DUPLICATE KEY(k) DISTRIBUTED BY HASH(k) "
                  "BUCKETS 1 PROPERTIES ('replication_num' = '1')"});
  m_home.set({{"one_time_run_mode", "true"},
              {"include_data_list", m_db + ".t1," + m_db + ".t3"},
              {"exclude_data_list", m_db + ".t3, other_db"}});
  ScsChild scs(m_home, {});
  ASSERT_EQ(scs_exit_code(scs.wait_for(60s)), 0) << m_home.log();
  std::vector<std::string> tables;
  for (const auto& row : sql("DST", "SHOW TABLES FROM " + m_db).rows) {
    tables.push_back(row.at(0).value_or(""));
  }
  EXPECT_EQ(tables, std::vector<std::string>{"t1"});
  EXPECT_TRUE(in_sync("t1"));
}

TEST_F(ScsStandinTest, ContinuousRunFollowsNewRowsUntilStopSh) {
  ASSERT_EQ(m_home.script("start.sh"), 0);
  auto pid = m_home.pid_file();
  ASSERT_TRUE(pid);
  ASSERT_TRUE(eventually([&] { return in_sync("t1") && in_sync("t2"); }, 60s, 100ms))
      << m_home.log();
  sql_all("SRC", {"INSERT INTO " + m_db + ".t1 VALUES (21, 'new', NULL, NULL, 1, 1, true, 1)",
                  "INSERT INTO " + m_db + ".t2 VALUES (2, 'TWO'), (3, 'three')"});
  EXPECT_TRUE(eventually([&] { return in_sync("t1") && in_sync("t2"); }, 60s, 100ms))
      << m_home.log();
  EXPECT_EQ(versions("DST", "t1").at("p3"), "2");
  EXPECT_TRUE(scs_alive(*pid));
  EXPECT_EQ(m_home.script("stop.sh"), 0);
  EXPECT_FALSE(scs_alive(*pid));
  EXPECT_TRUE(contains(m_home.log(), "stop signal received")) << m_home.log();
}

TEST_F(ScsStandinTest, RefusesWhenTheLegacyFlagIsOff) {
  set_legacy(false);
  ScsChild scs(m_home, {});
  EXPECT_EQ(scs_exit_code(scs.wait_for(30s)), 1);
  EXPECT_TRUE(contains(m_home.log(), "ERROR"));
  EXPECT_TRUE(contains(m_home.log(), "enable_legacy_compatibility_for_replication"));
  EXPECT_FALSE(target_has_db());
}

TEST_F(ScsStandinTest, RefusesWhenATargetDiskIsOverTheThreshold) {
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 85.5");
  ScsChild scs(m_home, {});
  EXPECT_EQ(scs_exit_code(scs.wait_for(30s)), 1);
  EXPECT_TRUE(contains(m_home.log(), "85.50% exceeds target_cluster_max_disk_used_percent"))
      << m_home.log();
  EXPECT_FALSE(target_has_db());
  // Checked every cycle too: a continuous run stops once the disk fills up.
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 44.72");
  ScsChild running(m_home, {});
  ASSERT_TRUE(eventually([&] { return in_sync("t1"); }, 60s, 100ms)) << m_home.log();
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 95");
  EXPECT_EQ(scs_exit_code(running.wait_for(30s)), 1);
}

TEST_F(ScsStandinTest, DecryptsPasswordsWithTheSecretKey) {
  const std::string key = "scs-secret-key";
  m_home.set(
      {{"one_time_run_mode", "true"},
       {"target_cluster_password", config::mysql_aes_encrypt_base64(m_env.at("DST_PASSWORD"), key)},
       {"target_cluster_password_secret_key", key}});
  ScsChild scs(m_home, {});
  EXPECT_EQ(scs_exit_code(scs.wait_for(60s)), 0) << m_home.log();
  EXPECT_TRUE(in_sync("t2"));
  m_home.set({{"target_cluster_password_secret_key", "wrong-key"}});
  ScsChild wrong(m_home, {});
  EXPECT_EQ(scs_exit_code(wrong.wait_for(30s)), 1);
  EXPECT_TRUE(contains(m_home.log(), "cannot decrypt target_cluster_password"));
}

TEST_F(ScsStandinTest, DieAfterJobsKillsItselfWithoutALastLine) {
  ScsChild scs(m_home, {{"SCS_STANDIN_DIE_AFTER_JOBS", "1"}});
  auto status = scs.wait_for(60s);
  ASSERT_TRUE(status);
  EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL);
  EXPECT_EQ(scs_lines(m_home.log(), "data job finished").size(), 1u);
  EXPECT_FALSE(contains(m_home.log(), "stop signal received"));
}

TEST_F(ScsStandinTest, StalledJobsKeepRunningAndReportsStayAtTheirInterval) {
  ScsChild scs(m_home, {{"SCS_STANDIN_STALL", "1"}});
  ASSERT_TRUE(eventually([&] { return scs_lines(m_home.log(), "Sync job progress:").size() >= 4; },
                         30s, 50ms));
  auto lines = scs_lines(m_home.log(), "Sync job progress:");
  for (std::size_t i = 1; i < lines.size(); ++i) { // the first may precede the stall
    EXPECT_EQ(lines[i].substr(lines[i].find("Sync job")),
              lines[1].substr(lines[1].find("Sync job")));
    EXPECT_EQ(scs_field(lines[i], "running"), 1);
    // report_interval_seconds=1: never two reports within a second (timestamps to the ms).
    auto ms = [](const std::string& l) {
      return std::stoll(l.substr(17, 2)) * 1000 + std::stoll(l.substr(20, 3));
    };
    EXPECT_GE((ms(lines[i]) - ms(lines[i - 1]) + 60000) % 60000, 990) << lines[i];
  }
  EXPECT_EQ(scs_lines(m_home.log(), "data job finished").size(), 0u);
  ::kill(scs.pid(), SIGTERM);
  EXPECT_EQ(scs_exit_code(scs.wait_for(10s)), 0);
}

TEST_F(ScsStandinTest, FailedJobsKeepRising) {
  ScsChild scs(m_home, {{"SCS_STANDIN_FAIL_JOBS", "1"}});
  ASSERT_TRUE(eventually(
      [&] {
        auto lines = scs_lines(m_home.log(), "Sync job progress:");
        return !lines.empty() && scs_field(lines.back(), "failed") >= 6;
      },
      30s, 50ms))
      << m_home.log();
  EXPECT_TRUE(rows("DST", "t1").empty());
  ::kill(scs.pid(), SIGTERM);
  EXPECT_EQ(scs_exit_code(scs.wait_for(10s)), 0);
}

TEST_F(ScsStandinTest, IgnoredTermLeavesStopShFailing) {
  ASSERT_EQ(m_home.script("start.sh", {{"SCS_STANDIN_IGNORE_TERM", "1"}}), 0);
  auto pid = m_home.pid_file();
  ASSERT_TRUE(pid);
  ASSERT_TRUE(eventually([&] { return contains(m_home.log(), "sync started"); }, 30s, 50ms));
  EXPECT_EQ(m_home.script("stop.sh", {{"SCS_STANDIN_STOP_WAIT_SECONDS", "1"}}), 1);
  EXPECT_TRUE(scs_alive(*pid));
  ::kill(*pid, SIGKILL); // what a supervisor does next (to the process group)
  EXPECT_TRUE(eventually([&] { return !scs_alive(*pid); }, 10s, 20ms));
}

TEST_F(ScsStandinTest, RotatesTheLogPastTheSizeLimit) {
  ScsChild scs(m_home, {{"SCS_STANDIN_ROTATE_BYTES", "1500"}});
  auto rolled = [&] {
    for (const auto& e : std::filesystem::directory_iterator(m_home.dir() + "/log")) {
      if (std::regex_match(e.path().filename().string(),
                           std::regex(R"(sync\.INFO\.log\.[0-9]{8}-[0-9]{6}(\.[0-9]+)?)"))) {
        return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(eventually(rolled, 30s, 50ms));
  // The new file gets the next lines.
  EXPECT_TRUE(eventually([&] { return contains(m_home.log(), "Sync job progress:"); }, 30s, 50ms));
  ::kill(scs.pid(), SIGTERM);
  EXPECT_EQ(scs_exit_code(scs.wait_for(10s)), 0);
}

} // namespace
} // namespace exl::test::e2e
