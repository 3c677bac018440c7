#pragma once

#include "chaos/chaos_secrets.hpp"

#include <csignal>
#include <cstdlib>
#include <filesystem>

// The meta row: -o meta drives starrocks-cluster-sync, here its stand-in (tests/scs_standin,
// docs/scs-standin.md) in a home laid out by make_home.sh inside the cell's directory. What meta
// must leave besides the rows: the scs configuration restored (content and mode), no backup file,
// the stand-in gone, the target's enable_legacy_compatibility_for_replication back to false.
namespace exl::test::chaos {

class MetaCellHome {
public:
  explicit MetaCellHome(const std::string& dir) : m_home(dir + "/scs") {
    const std::string cmd = std::string("bash ") + EXL_SCS_MAKE_HOME + " " + m_home + " " +
                            EXL_SCS_STANDIN_BIN + " >/dev/null";
    if (std::system(cmd.c_str()) != 0) {
      throw std::runtime_error("make_home.sh failed for " + m_home);
    }
    // An operator's installation holding passwords keeps its configuration private.
    std::filesystem::permissions(sync_path(), std::filesystem::perms::owner_read |
                                                  std::filesystem::perms::owner_write);
    m_original = e2e::read_file(sync_path());
  }
  const std::string& home() const { return m_home; }
  std::string sync_path() const { return m_home + "/conf/sync.properties"; }
  const std::string& original() const { return m_original; }

  // The configuration's scs: block (intervals of 1 s, so that a cell takes seconds).
  std::string scs_section() const {
    return "scs:\n  home: " + m_home + "\n  secret_key_env: " + k_scs_key_env +
           "\n  stall_timeout: 60\n  stop_timeout: 5\n  properties:\n"
           "    meta_job_interval_seconds: 1\n    ddl_job_interval_seconds: 1\n"
           "    replication_job_interval_seconds: 1\n";
  }

  // The stand-in's pid while it runs (bin/scs.pid), or 0.
  pid_t tool_pid() const {
    const std::string text = e2e::read_file(m_home + "/bin/scs.pid");
    const pid_t pid = text.empty() ? 0 : static_cast<pid_t>(std::stol(text));
    if (pid <= 0 || ::kill(pid, 0) != 0) {
      return 0;
    }
    const std::string status = e2e::read_file("/proc/" + std::to_string(pid) + "/status");
    return status.find("State:\tZ") != std::string::npos ? 0 : pid;
  }

  // What is wrong after the run ("" when nothing): configuration, backup, stand-in, FE flag.
  std::string after_run_problems() const {
    std::string out;
    if (e2e::read_file(sync_path()) != m_original) {
      out += "sync.properties not restored; ";
    }
    struct stat st {};
    if (::stat(sync_path().c_str(), &st) != 0 || (st.st_mode & 0777) != 0600) {
      out += "sync.properties not 0600 after the run; ";
    }
    if (std::filesystem::exists(sync_path() + ".exl-backup")) {
      out += "sync.properties.exl-backup left; ";
    }
    if (tool_pid() != 0) {
      out += "the stand-in still runs (pid " + std::to_string(tool_pid()) + "); ";
    }
    if (legacy_flag() != "false") {
      out += "enable_legacy_compatibility_for_replication is " + legacy_flag() + "; ";
    }
    return out;
  }

  // Checks on the generated file seen while the run had it in place: 0600, and none of the
  // secrets scs does not need (its own key and the passwords encrypted with it are allowed).
  static std::string generated_problems(const std::string& generated,
                                        const std::set<unsigned>& modes) {
    if (generated.empty()) {
      return "";
    }
    std::string out;
    if (modes != std::set<unsigned>{0600}) {
      out += "sync.properties not 0600 while in place; ";
    }
    for (const auto& s : cell_secrets()) {
      if (s.what != "scs key" && generated.find(s.value) != std::string::npos) {
        out += "sync.properties holds the " + s.what + "; ";
      }
    }
    if (generated.find(std::string("source_cluster_password_secret_key=") + k_scs_key) ==
        std::string::npos) {
      out += "sync.properties: passwords not encrypted; ";
    }
    return out;
  }

  static std::string legacy_flag() {
    const auto rs = e2e::sql(
        "DST", "ADMIN SHOW FRONTEND CONFIG LIKE 'enable_legacy_compatibility_for_replication'");
    return rs.rows.at(0).at(rs.column_index("Value").value()).value_or("");
  }

private:
  std::string m_home;
  std::string m_original;
};

} // namespace exl::test::chaos
