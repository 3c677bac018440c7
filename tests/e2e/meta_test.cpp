// -o meta end to end (issue #13) against the starrocks-cluster-sync stand-in (tests/scs_standin,
// docs/scs-standin.md): the generated configuration, the preconditions, the FE flag set and set
// back, the progress relayed, completion decided by exlSchema's audit, the tool stopped and its
// files restored after success, failure and SIGINT, and no password in anything written.
#include "e2e/shared_data_cluster.hpp"
#include "e2e/vmode_support.hpp"

#include "exlschema/config/password_cipher.hpp"
#include "support/eventually.hpp"
#include "support/http_receiver.hpp"
#include "support/temp_dir.hpp"

#include <csignal>
#include <regex>
#include <sys/stat.h>

namespace exl::test::e2e {
namespace {

namespace fs = std::filesystem;

const char* const k_scs_key = "scs-secret-key-42";

// An scs home laid out by make_home.sh, a configuration naming it, and what the run leaves.
class MetaHome {
public:
  explicit MetaHome(const std::string& extra_scs = "") {
    const std::string cmd = std::string("bash ") + EXL_SCS_MAKE_HOME + " " + home() + " " +
                            EXL_SCS_STANDIN_BIN + " >/dev/null";
    EXPECT_EQ(std::system(cmd.c_str()), 0);
    m_original = read_file(sync_path());
    m_config = m_dir.write(
        "exl.yaml",
        read_file(config_path()) + "scs:\n  home: " + home() +
            "\n  secret_key_env: EXL_SCS_KEY\n  stall_timeout: 60\n  stop_timeout: 5\n"
            "  properties:\n    meta_job_interval_seconds: 1\n"
            "    ddl_job_interval_seconds: 1\n    replication_job_interval_seconds: 1\n" +
            extra_scs);
  }
  std::string home() const { return m_dir.path() + "/scs"; }
  std::string sync_path() const { return home() + "/conf/sync.properties"; }
  const std::string& config() const { return m_config; }
  const std::string& original() const { return m_original; }
  std::string log() const { return read_file(home() + "/log/sync.INFO.log"); }
  const config::test::TempDir& dir() const { return m_dir; }

  std::vector<std::string> args(const std::string& list, std::vector<std::string> extra) const {
    std::vector<std::string> a{"-config", m_config, "-source", "src",  "-target",   "dst",
                               "-t",      list,     "-o",      "meta", "-interval", "1"};
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  // The stand-in's pid while it runs (bin/scs.pid), or 0.
  pid_t tool_pid() const {
    const std::string text = read_file(home() + "/bin/scs.pid");
    const pid_t pid = text.empty() ? 0 : static_cast<pid_t>(std::stol(text));
    return pid > 0 && ::kill(pid, 0) == 0 ? pid : 0;
  }

private:
  config::test::TempDir m_dir;
  std::string m_config;
  std::string m_original;
};

std::map<std::string, std::string> meta_env() {
  return {{"EXL_SCS_KEY", k_scs_key}};
}

std::string legacy_flag() {
  const auto rs =
      sql("DST", "ADMIN SHOW FRONTEND CONFIG LIKE 'enable_legacy_compatibility_for_replication'");
  return rs.rows.at(0).at(rs.column_index("Value").value()).value_or("");
}

// Three daily tables on the source: a, b (matched by the glob) and skip (excluded).
std::string meta_source(const std::string& what) {
  const std::string db = fresh_database(what);
  sql_all("SRC", {"CREATE DATABASE `" + db + "`", daily_table(db, "fact_a", 3),
                  rows_for_day(db, "fact_a", 1, 100, 5), rows_for_day(db, "fact_a", 2, 200, 3),
                  daily_table(db, "fact_b", 3), rows_for_day(db, "fact_b", 3, 300, 4),
                  daily_table(db, "fact_skip", 3), rows_for_day(db, "fact_skip", 1, 1, 2)});
  return db;
}

std::string meta_partition_versions(const std::string& prefix, const std::string& db,
                                    const std::string& t) {
  const auto rs = sql(prefix, "SHOW PARTITIONS FROM `" + db + "`.`" + t + "`");
  std::string out;
  for (const auto& row : rs.rows) {
    out += row.at(rs.column_index("PartitionName").value()).value_or("") + "=" +
           row.at(rs.column_index("VisibleVersion").value()).value_or("") + " ";
  }
  return out;
}

TEST(MetaModeTest, ThePlanShowsTheGeneratedFilesWithoutSecretsAndWritesNothing) {
  const std::string db = meta_source("meta_plan");
  MetaHome home("  hosts:\n    SOURCE_10.9.9.9: 127.0.0.1\n");
  const QueryLogMark dst("DST");
  const ExlResult r =
      run_exl(home.args(db + ".fact_*", {"-x", db + ".fact_skip", "-i"}), meta_env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(
      contains(r.out, "include_data_list=" + db + ".fact_a," + db + ".fact_b," + db + ".fact_skip"))
      << r.out;
  EXPECT_TRUE(contains(r.out, "exclude_data_list=" + db + ".fact_skip")) << r.out;
  EXPECT_TRUE(contains(r.out, "one_time_run_mode=true")) << r.out;
  EXPECT_TRUE(contains(r.out, "source_cluster_password=***")) << r.out;
  EXPECT_TRUE(contains(r.out, "ddl_job_allow_drop_schema_change_table=false")) << r.out;
  EXPECT_TRUE(contains(r.out, "SOURCE_10.9.9.9=127.0.0.1")) << r.out;
  EXPECT_TRUE(contains(r.out, "ADMIN SET FRONTEND CONFIG (\"enable_legacy_compatibility_for_"
                              "replication\" = \"true\")"))
      << r.out;
  EXPECT_FALSE(contains(r.out + r.err, k_scs_key));
  EXPECT_FALSE(contains(r.out + r.err, cluster("SRC").password));
  EXPECT_EQ(writes_in(dst.statements()), std::vector<std::string>{});
  EXPECT_EQ(read_file(home.sync_path()), home.original()) << "the plan wrote the file";
  EXPECT_FALSE(fs::exists(home.home() + "/bin/scs.pid")) << "the plan started the tool";
}

// A one-time run: glob and exclude, the legacy flag set and set back, the tool stopped once
// exlSchema's audit (rows and versions) says every table is in sync, the files restored.
TEST(MetaModeTest, AOneTimeRunCopiesTheTablesAndRestoresEverything) {
  const std::string db = meta_source("meta_once");
  MetaHome home;
  ASSERT_EQ(legacy_flag(), "false");
  const QueryLogMark dst("DST");
  const ExlResult r =
      run_exl(home.args(db + ".fact_*", {"-x", db + ".fact_skip", "-i", "-r"}), meta_env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err << home.log();
  for (const char* t : {"fact_a", "fact_b"}) {
    EXPECT_EQ(content("DST", db, t), content("SRC", db, t)) << t;
    EXPECT_EQ(meta_partition_versions("DST", db, t), meta_partition_versions("SRC", db, t)) << t;
  }
  EXPECT_TRUE(sql("DST", "SHOW TABLES FROM `" + db + "` LIKE 'fact_skip'").rows.empty());
  EXPECT_TRUE(contains(r.out, "every table is in sync")) << r.out;
  EXPECT_TRUE(contains(r.out, "equal")) << r.out;
  const auto writes = writes_in(dst.statements());
  EXPECT_EQ(count_matching(writes, "\"enable_legacy_compatibility_for_replication\" = \"true\""),
            1U);
  EXPECT_EQ(count_matching(writes, "\"enable_legacy_compatibility_for_replication\" = \"false\""),
            1U);
  EXPECT_EQ(legacy_flag(), "false");
  EXPECT_EQ(read_file(home.sync_path()), home.original());
  EXPECT_FALSE(fs::exists(home.sync_path() + ".exl-backup"));
  EXPECT_EQ(home.tool_pid(), 0) << "the tool still runs";
}

// Without -i the tool keeps running and exlSchema reports each table's lag every -interval;
// rows landing on the source reach the target; SIGINT stops the tool and restores everything.
// While it runs, the generated file holds no clear password and is private.
TEST(MetaModeTest, AContinuousRunFollowsNewRowsUntilSigint) {
  const std::string db = meta_source("meta_cont");
  MetaHome home;
  HttpReceiver hook(HttpReceiver::Mode::Record);
  const std::string config = home.dir().write(
      "feishu.yaml", read_file(home.config()) + "feishu:\n  webhook: " + hook.url("/hook") +
                         "\n  progress_interval: 1\n");
  std::vector<std::string> args =
      home.args(db + ".fact_a", {"-r", "-json", home.dir().path() + "/r.json", "-log",
                                 home.dir().path() + "/r.log"});
  args[1] = config;
  // The tool's log rotates every few reports: the relay follows it.
  ExlProcess run(args, {{"EXL_SCS_KEY", k_scs_key},
                        {"XDG_STATE_HOME", home.dir().path() + "/state"},
                        {"SCS_STANDIN_ROTATE_BYTES", "1500"}});
  ASSERT_TRUE(eventually([&] { return contains(run.out_so_far(), "1 of 1 table(s) in sync"); },
                         std::chrono::seconds(60)))
      << run.out_so_far() << home.log();
  const std::string generated = read_file(home.sync_path());
  struct stat st {};
  ASSERT_EQ(::stat(home.sync_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  EXPECT_TRUE(contains(generated, "one_time_run_mode=false")) << generated;
  EXPECT_FALSE(contains(generated, cluster("SRC").password)) << "clear password on disk";
  const auto line_value = [&](const std::string& key) {
    const auto at = generated.find(key + "=");
    return generated.substr(at + key.size() + 1, generated.find('\n', at) - at - key.size() - 1);
  };
  EXPECT_EQ(config::mysql_aes_decrypt_base64(line_value("source_cluster_password"), k_scs_key),
            cluster("SRC").password);
  const pid_t tool = home.tool_pid();
  ASSERT_NE(tool, 0);
  const std::string tool_cmdline = read_file("/proc/" + std::to_string(tool) + "/cmdline");
  const std::string tool_environ = read_file("/proc/" + std::to_string(tool) + "/environ");
  sql("SRC", rows_for_day(db, "fact_a", 3, 900, 6));
  ASSERT_TRUE(
      eventually([&] { return content("DST", db, "fact_a") == content("SRC", db, "fact_a"); },
                 std::chrono::seconds(60)))
      << home.log();
  const auto relayed = [&] {
    const std::string out = run.out_so_far();
    std::size_t n = 0;
    for (auto at = out.find("scs jobs"); at != std::string::npos;
         at = out.find("scs jobs", at + 1)) {
      ++n;
    }
    return n;
  };
  const auto rotated = [&] {
    for (const auto& entry : fs::directory_iterator(home.home() + "/log")) {
      if (entry.path().filename().string().rfind("sync.INFO.log.", 0) == 0) {
        return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(eventually([&] { return rotated() && relayed() >= 3; }, std::chrono::seconds(60)))
      << run.out_so_far();
  run.signal(SIGINT);
  const ExlResult r = run.wait();
  EXPECT_EQ(r.exit_code, 130) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, db + ".fact_a: in sync")) << r.out;
  EXPECT_EQ(home.tool_pid(), 0) << "the tool still runs";
  EXPECT_EQ(read_file(home.sync_path()), home.original());
  EXPECT_EQ(legacy_flag(), "false");
  const ExlResult history = run_exl({"-config", config, "history", "-t", db + ".*"},
                                    {{"XDG_STATE_HOME", home.dir().path() + "/state"}});
  EXPECT_TRUE(contains(history.out, db + ".fact_a")) << history.out << history.err;
  std::string written = history.out + read_file(home.dir().path() + "/state/exlSchema/state.db") +
                        r.out + r.err + read_file(home.dir().path() + "/r.json") +
                        read_file(home.dir().path() + "/r.log") + home.log() + tool_cmdline +
                        tool_environ + read_file(home.home() + "/log/sync.out");
  for (const auto& request : hook.requests()) {
    written += request.body;
  }
  EXPECT_TRUE(contains(written, "scs jobs")) << "progress relayed to Feishu";
  for (const std::string& secret :
       {cluster("SRC").password, cluster("DST").password, std::string(k_scs_key)}) {
    EXPECT_FALSE(contains(written, secret)) << "a secret leaked";
  }
}

// The tool would stop at once: refused before anything is set or started.
TEST(MetaModeTest, ATargetDiskOverTheThresholdIsRefusedWithNothingStarted) {
  const std::string db = meta_source("meta_disk");
  MetaHome home;
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 91.5");
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(home.args(db + ".fact_a", {"-i", "-r"}), meta_env());
  const auto writes = writes_in(dst.statements());
  sql("DST", "ADMIN SET SIM MAX DISK USED PCT 44.72");
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "91.50% full, above target_cluster_max_disk_used_percent 80"))
      << r.err;
  EXPECT_EQ(writes, std::vector<std::string>{});
  EXPECT_EQ(read_file(home.sync_path()), home.original());
  EXPECT_FALSE(fs::exists(home.home() + "/bin/scs.pid"));
}

// The tool dies mid-run: exit 1 with the tail of its log, its files and the FE flag restored.
TEST(MetaModeTest, TheToolDyingFailsTheRunWithItsLogTailAndRestoresEverything) {
  const std::string db = meta_source("meta_die");
  MetaHome home;
  const ExlResult r = run_exl(home.args(db + ".fact_*", {"-i", "-r"}),
                              {{"EXL_SCS_KEY", k_scs_key}, {"SCS_STANDIN_DIE_AFTER_JOBS", "1"}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "starrocks-cluster-sync: it exited unexpectedly")) << r.out;
  EXPECT_TRUE(contains(r.out, "  | ")) << "the log tail is shown: " << r.out;
  EXPECT_TRUE(contains(r.out, "data job finished")) << r.out;
  EXPECT_EQ(read_file(home.sync_path()), home.original());
  EXPECT_EQ(legacy_flag(), "false");
  EXPECT_EQ(home.tool_pid(), 0);
}

// No progress in the log nor in the audit for scs.stall_timeout: exit 1, the tool stopped.
TEST(MetaModeTest, AStalledToolFailsTheRunAfterTheStallTimeout) {
  const std::string db = meta_source("meta_stall");
  MetaHome home;
  const std::string config = home.dir().write(
      "stall.yaml", std::regex_replace(read_file(home.config()), std::regex("stall_timeout: 60"),
                                       "stall_timeout: 10"));
  std::vector<std::string> args = home.args(db + ".fact_a", {"-i", "-r"});
  args[1] = config;
  const ExlResult r = run_exl(args, {{"EXL_SCS_KEY", k_scs_key}, {"SCS_STANDIN_STALL", "1"}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "no progress for 10 s")) << r.out;
  EXPECT_EQ(home.tool_pid(), 0);
  EXPECT_EQ(read_file(home.sync_path()), home.original());
}

// Every data job fails (the tool re-sends them): once its failed count has risen in three reports
// in a row with nothing finishing, the run fails with the log tail; the tool is stopped.
TEST(MetaModeTest, AFailedJobCountThatKeepsRisingFailsTheRun) {
  const std::string db = meta_source("meta_failing");
  MetaHome home;
  // feishu.progress_interval is what sets report_interval_seconds (here: its lower bound, 5 s).
  HttpReceiver hook(HttpReceiver::Mode::Record);
  const std::string config = home.dir().write(
      "failing.yaml", read_file(home.config()) + "feishu:\n  webhook: " + hook.url("/hook") +
                          "\n  progress_interval: 1\n");
  std::vector<std::string> args = home.args(db + ".fact_a", {"-i", "-r"});
  args[1] = config;
  const ExlResult r = run_exl(args, {{"EXL_SCS_KEY", k_scs_key}, {"SCS_STANDIN_FAIL_JOBS", "1"}});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "its failed job count keeps rising")) << r.out;
  EXPECT_TRUE(contains(r.out, "data job failed")) << "the log tail: " << r.out;
  EXPECT_EQ(home.tool_pid(), 0);
  EXPECT_EQ(read_file(home.sync_path()), home.original());
  EXPECT_EQ(legacy_flag(), "false");
}

// The tool ends its one-time run, but the target holds a partition it did not rewrite (its
// version is ahead of the source's): exlSchema's audit says so, exit 3.
TEST(MetaModeTest, AOneTimeRunTheAuditDisagreesWithEndsInconsistent) {
  const std::string db = meta_source("meta_differs");
  sql_all("DST", {"CREATE DATABASE `" + db + "`", daily_table(db, "fact_b", 3),
                  rows_for_day(db, "fact_b", 3, 300, 1), rows_for_day(db, "fact_b", 3, 301, 1),
                  rows_for_day(db, "fact_b", 3, 302, 1)});
  MetaHome home;
  const ExlResult r = run_exl(home.args(db + ".fact_b", {"-i", "-r"}), meta_env());
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err << home.log();
  EXPECT_TRUE(contains(r.out, "differs")) << r.out;
  EXPECT_TRUE(contains(r.out, "ended its one-time run before every table was in sync")) << r.out;
  EXPECT_EQ(legacy_flag(), "false");
}

// A shared-data target below v3.3.10: compaction is turned off for the migration, as the tool's
// docs require, and set back to what it was.
TEST(MetaModeTest, CompactionOfASharedDataTargetBelow3310IsOffDuringTheRun) {
  const std::string db = meta_source("meta_shared");
  const SharedDataCluster shared("e2emeta", "3.1.17");
  MetaHome home;
  const std::string config = home.dir().write(
      "shared.yaml",
      std::regex_replace(
          read_file(home.config()), std::regex("\nscs:\n"),
          "\n  shared:\n    host: 127.0.0.1\n    port: " + std::to_string(shared.port()) +
              "\n    user: root\n    password: " + shared.password() + "\nscs:\n"));
  std::vector<std::string> args = home.args(db + ".fact_a", {"-i", "-r"});
  args[1] = config;
  args[5] = "shared";
  const ExlResult r = run_exl(args, meta_env());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err << home.log();
  EXPECT_TRUE(contains(r.out, "(\"lake_compaction_max_tasks\" = \"0\")")) << r.out;
  db::ConnectionParams params = cluster("DST");
  params.port = shared.port();
  params.password = shared.password();
  db::Connection c(params);
  const auto rs = c.query("ADMIN SHOW FRONTEND CONFIG LIKE 'lake_compaction_max_tasks'");
  EXPECT_EQ(rs.rows.at(0).at(rs.column_index("Value").value()).value_or(""), "-1");
  const auto rows = c.query("SELECT COUNT(*) FROM `" + db + "`.`fact_a`");
  EXPECT_EQ(rows.rows.at(0).at(0).value_or(""), "8");
}

// Preconditions of the tool's docs, refused before anything is set or started: a target below
// v3.1.8 / v3.2.3, and a user without the SYSTEM-level OPERATE privilege.
TEST(MetaModeTest, AnUnsupportedTargetOrAUserWithoutOperateIsRefused) {
  const std::string db = meta_source("meta_pre");
  MetaHome home;
  std::vector<std::string> args = home.args(db + ".fact_a", {"-i", "-r"});
  args[5] = "dst25";
  const ExlResult old = run_exl(args, meta_env());
  EXPECT_EQ(old.exit_code, 1) << old.out << old.err;
  EXPECT_TRUE(contains(old.err, "runs StarRocks 2.5.22; starrocks-cluster-sync needs a target of "
                                "v3.1.8, v3.2.3 or later"))
      << old.err;
  const std::string user = "exl_meta_" + std::to_string(::getpid());
  sql_all("SRC", {"CREATE USER " + user + " IDENTIFIED BY 'mp-pw-1'",
                  "GRANT SELECT ON `" + db + "`.* TO '" + user + "'@'%'"});
  const std::string config = home.dir().write(
      "user.yaml", std::regex_replace(read_file(home.config()), std::regex("\nscs:\n"),
                                      "\n  limited:\n    host: 127.0.0.1\n    port: " +
                                          std::to_string(cluster("SRC").port) + "\n    user: " +
                                          user + "\n    password: mp-pw-1\nscs:\n"));
  args = home.args(db + ".fact_a", {"-i", "-r"});
  args[1] = config;
  args[3] = "limited";
  const QueryLogMark dst("DST");
  const ExlResult r = run_exl(args, meta_env());
  const auto writes = writes_in(dst.statements());
  sql("SRC", "DROP USER " + user);
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "lacks the SYSTEM-level OPERATE privilege")) << r.err;
  EXPECT_TRUE(contains(r.err, "GRANT OPERATE ON SYSTEM TO USER")) << r.err;
  EXPECT_FALSE(contains(r.out + r.err, "mp-pw-1"));
  EXPECT_EQ(writes, std::vector<std::string>{});
  EXPECT_FALSE(fs::exists(home.home() + "/bin/scs.pid"));
}

} // namespace
} // namespace exl::test::e2e
