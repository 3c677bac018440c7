// scs_standin: a stand-in for StarRocks's cross-cluster data migration tool
// (starrocks-cluster-sync, "scs") in exlSchema's tests. NOT the real tool: read
// docs/scs-standin.md for which behaviours come from scs's documentation (the docs page
// docs/zh/administration/data_migration_tool.md, kept in shared/seeds/starrocks-cluster-sync-
// docs.zh.md) and which are assumptions of this stand-in.
//
// Usage: scs_standin <home>   (normally started by <home>/bin/start.sh)
//
// Documented facts imitated: the conf/sync.properties keys and defaults, include / exclude
// lists (include first, empty = all but system databases), conf/hosts.properties mappings,
// passwords as TO_BASE64(AES_ENCRYPT(pw, key)) when a secret key is set, the target's
// enable_legacy_compatibility_for_replication and disk threshold, one_time_run_mode, the
// ddl_job_allow_drop_* switches, target_cluster_replication_num, log/sync.INFO.log with the
// progress fields of "查看迁移进度", VisibleVersion equal on both sides after a replication.
// Assumptions (no source says so): the log line layout, that start.sh daemonises with nohup and
// writes a pid file, that refusals are ERROR lines plus exit 1, that SIGTERM ends the tool with
// exit 0, the counting of `total` / `failed` per cycle, and everything about speed. The copy
// itself is SQL (SELECT / INSERT OVERWRITE) plus srsim's ADMIN SET SIM PARTITION VERSION, where
// the real tool has the target's BEs pull tablets from the source's BEs.
//
// Environment (fault knobs for tests, read once): SCS_STANDIN_DIE_AFTER_JOBS=N,
// SCS_STANDIN_STALL=1, SCS_STANDIN_FAIL_JOBS=1, SCS_STANDIN_IGNORE_TERM=1,
// SCS_STANDIN_ROTATE_BYTES=N (sync_state.hpp, docs/scs-standin.md).

#include "cluster_link.hpp"
#include "sync_job_manager.hpp"
#include "sync_log.hpp"
#include "sync_properties.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace {

std::atomic<bool> g_stop{false};

void on_stop_signal(int) {
  g_stop.store(true);
}

void install_signals(bool ignore_term) {
  struct sigaction sa {};
  sa.sa_handler = ignore_term ? SIG_IGN : on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

long long env_number(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::atoll(v) : 0;
}

const char* const k_where = "(main|1) [SyncMain.main():58]";

} // namespace

namespace scs_standin {

FaultKnobs FaultKnobs::from_env() {
  FaultKnobs k;
  k.die_after_jobs = env_number("SCS_STANDIN_DIE_AFTER_JOBS");
  k.stall = env_number("SCS_STANDIN_STALL") != 0;
  k.fail_jobs = env_number("SCS_STANDIN_FAIL_JOBS") != 0;
  k.ignore_term = env_number("SCS_STANDIN_IGNORE_TERM") != 0;
  k.rotate_bytes =
      static_cast<std::uint64_t>(std::max(0LL, env_number("SCS_STANDIN_ROTATE_BYTES")));
  return k;
}

namespace {

int run(const std::filesystem::path& home, const FaultKnobs& knobs, SyncLog& log) {
  LoadedProperties loaded;
  std::map<std::string, std::string> hosts;
  try {
    loaded = load_sync_properties((home / "conf" / "sync.properties").string());
    hosts = load_hosts_properties((home / "conf" / "hosts.properties").string());
  } catch (const std::exception& e) {
    log.error(k_where, std::string("bad configuration: ") + e.what());
    return 1;
  }
  for (const std::string& w : loaded.warnings) {
    log.warn(k_where, w);
  }
  log.info(k_where, "loaded " + std::to_string(hosts.size()) +
                        " host mapping(s) from conf/hosts.properties");
  const SyncProperties& p = loaded.properties;
  try {
    ClusterLink source("SOURCE", p.source, hosts);
    ClusterLink target("TARGET", p.target, hosts);
    SyncJobManager manager(p, source, target, log, knobs, g_stop);
    return manager.run();
  } catch (const std::exception& e) {
    log.error(k_where, e.what());
    return 1;
  }
}

} // namespace
} // namespace scs_standin

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: scs_standin <scs home>\n";
    return 2;
  }
  const std::filesystem::path home = argv[1];
  const scs_standin::FaultKnobs knobs = scs_standin::FaultKnobs::from_env();
  install_signals(knobs.ignore_term);
  std::error_code ec;
  std::filesystem::create_directories(home / "log", ec);
  scs_standin::SyncLog log((home / "log" / "sync.INFO.log").string(), knobs.rotate_bytes);
  log.info(k_where, "starrocks-cluster-sync STAND-IN (tests/scs_standin) starting, pid " +
                        std::to_string(::getpid()));
  return scs_standin::run(home, knobs, log);
}
