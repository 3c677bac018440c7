// SyncJobManager: preconditions, the scheduler loop, the data jobs and the progress report.

#include "sync_job_manager.hpp"

#include <csignal>
#include <cstdio>
#include <thread>

#include <unistd.h>

namespace scs_standin {
namespace {

const char* const k_where_main = "(main|1) [SyncJobManager.start():97]";
const char* const k_where_job = "(replication|1) [ReplicationJob.run():152]";
const char* const k_report_jobs = "(report|1) [SyncJobManager.report():211]";
const char* const k_report_tables = "(report|1) [SyncJobManager.report():219]";

std::string percent(long long part, long long whole, double if_empty) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", whole ? 100.0 * part / whole : if_empty);
  return buf;
}

// `3.1.8` <= v: the docs' minimum target ("v3.1.8 或 v3.2.3 及以上版本").
bool target_version_supported(const std::string& v) {
  int ma = 0, mi = 0, pa = 0;
  if (std::sscanf(v.c_str(), "%d.%d.%d", &ma, &mi, &pa) < 2) {
    return true; // unparsable: let the replication itself fail
  }
  if (ma != 3) {
    return ma > 3;
  }
  return mi > 2 || (mi == 2 && pa >= 3) || (mi == 1 && pa >= 8);
}

} // namespace

SyncJobManager::SyncJobManager(const SyncProperties& props, ClusterLink& source,
                               ClusterLink& target, SyncLog& log, const FaultKnobs& knobs,
                               const std::atomic<bool>& stop)
    : m_props(props), m_source(source), m_target(target), m_log(log), m_knobs(knobs), m_stop(stop),
      m_copier(source, target, stop) {}

// The docs' preparations ("准备工作") as start-up checks. That the tool itself refuses, and with
// exit code 1, is an ASSUMPTION (the docs only say the flag must be on and that the tool stops
// syncing above the disk threshold).
bool SyncJobManager::check_preconditions() {
  try {
    std::string version = m_target.version();
    if (!target_version_supported(version)) {
      m_log.error(k_where_main, "target cluster version " + version +
                                    " is not supported: v3.1.8 / v3.2.3 or later is required");
      return false;
    }
    if (m_source.fe_config("run_mode").value_or("") == "shared_data") {
      m_log.error(k_where_main, "the source cluster is shared-data; only a shared-nothing "
                                "source is supported");
      return false;
    }
    auto legacy = m_target.fe_config("enable_legacy_compatibility_for_replication");
    if (legacy.value_or("false") != "true") {
      m_log.error(k_where_main, "enable_legacy_compatibility_for_replication is not true on the "
                                "target cluster; set it with ADMIN SET FRONTEND CONFIG first");
      return false;
    }
    m_target_shared_data = m_target.fe_config("run_mode").value_or("") == "shared_data";
    return disk_below_threshold();
  } catch (const std::exception& e) {
    m_log.error(k_where_main, std::string("cannot check the clusters: ") + e.what());
    return false;
  }
}

// target_cluster_max_disk_used_percent applies to a shared-nothing target ("目标集群为存算一体时").
bool SyncJobManager::disk_below_threshold() {
  if (m_target_shared_data) {
    return true;
  }
  double pct = m_target.max_disk_used_pct();
  if (pct > m_props.target_cluster_max_disk_used_percent) {
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  "target backend disk usage %.2f%% exceeds "
                  "target_cluster_max_disk_used_percent=%.2f; sync stopped",
                  pct, m_props.target_cluster_max_disk_used_percent);
    m_log.error(k_where_main, buf);
    return false;
  }
  return true;
}

int SyncJobManager::run() {
  m_log.info(k_where_main, "checking the source (" + m_source.address() + ") and the target (" +
                               m_target.address() + ")");
  if (!check_preconditions()) {
    return 1;
  }
  m_log.info(k_where_main, std::string("sync started, one_time_run_mode=") +
                               (m_props.one_time_run_mode ? "true" : "false"));
  const auto now = Clock::now();
  m_next_meta = m_next_ddl = m_next_replication = now;
  m_next_report = now + std::chrono::seconds(m_props.report_interval_seconds);
  while (!m_stop.load()) {
    const auto t = Clock::now();
    if (t >= m_next_replication && m_data_queue.empty() && !m_stalled) {
      if (!disk_below_threshold()) {
        return 1;
      }
    }
    tick(t);
    if (m_props.one_time_run_mode && one_time_done()) {
      report(); // the final report, whenever it falls
      m_log.info(k_where_main, "one-time sync finished");
      return 0;
    }
    if (m_data_queue.empty() || m_stalled) {
      auto due = std::min({m_next_meta, m_next_ddl, m_next_replication, m_next_report});
      std::this_thread::sleep_for(
          std::min<Clock::duration>(std::chrono::milliseconds(50), due - Clock::now()));
    }
  }
  m_log.info(k_where_main, "stop signal received; sync stopped");
  return 0;
}

void SyncJobManager::tick(Clock::time_point now) {
  if (now >= m_next_meta) {
    meta_pass();
    m_next_meta = now + std::chrono::seconds(m_props.meta_job_interval_seconds);
  }
  if (now >= m_next_ddl) {
    ddl_pass();
    m_next_ddl = now + std::chrono::seconds(m_props.ddl_job_interval_seconds);
  }
  if (now >= m_next_replication && m_data_queue.empty() && !m_stalled && m_meta_done) {
    replication_pass();
    m_next_replication = now + std::chrono::seconds(m_props.replication_job_interval_seconds);
  }
  if (!m_data_queue.empty() && !m_stalled && !m_stop.load()) {
    run_next_partition();
  }
  if (Clock::now() >= m_next_report) {
    report();
    m_next_report = Clock::now() + std::chrono::seconds(m_props.report_interval_seconds);
  }
}

bool SyncJobManager::one_time_done() const {
  if (!m_meta_done || !m_ddl_queue.empty() || !m_data_queue.empty() || m_stalled) {
    return false;
  }
  for (const auto& [key, t] : m_tables) {
    if (!t.skipped && !t.synced_once) {
      return false;
    }
  }
  return true;
}

// A new replication cycle: one data job per table whose source partitions are ahead of the
// target's (or that was never synced), at most replication_job_batch_size of them.
bool SyncJobManager::replication_pass() {
  m_cycle_finished = 0;
  m_cycle_failed = 0;
  int created = 0;
  try {
    for (auto& [key, t] : m_tables) {
      plan_data_job(t, created);
    }
  } catch (const std::exception& e) {
    m_log.warn(k_where_job,
               std::string("replication check failed, retried next interval: ") + e.what());
    return false;
  }
  return true;
}

void SyncJobManager::plan_data_job(TableState& t, int& created) {
  if (t.skipped || !t.on_target) {
    t.expired = !t.skipped;
    return;
  }
  std::map<std::string, std::int64_t> target;
  for (const PartitionInfo& p : m_target.partitions(t.db, t.name)) {
    target[p.name] = p.visible_version;
  }
  DataJob job{t.db, t.name, {}, 0};
  bool waiting = false; // a partition the DDL job has yet to add
  for (const PartitionInfo& p : m_source.partitions(t.db, t.name)) {
    auto it = target.find(p.name);
    bool missing = it == target.end();
    if ((missing && t.auto_partition) || (!missing && p.visible_version > it->second)) {
      job.partitions.push_back(
          PartitionCopy{t.db, t.name, p.name, p.visible_version, t.unpartitioned, !missing});
    } else if (missing) {
      waiting = true;
    }
  }
  t.expired = !job.partitions.empty() || waiting;
  if ((t.expired || !t.synced_once) && created < m_props.replication_job_batch_size) {
    m_data_queue.push_back(std::move(job));
    ++created;
  }
}

void SyncJobManager::run_next_partition() {
  DataJob& job = m_data_queue.front();
  if (m_knobs.stall) {
    m_stalled = true; // SCS_STANDIN_STALL: the job stays `running` for good
    m_log.info(k_where_job, "data job started: " + job.db + "." + job.table);
    return;
  }
  if (m_knobs.fail_jobs) {
    finish_job(false, "injected failure (SCS_STANDIN_FAIL_JOBS)");
    return;
  }
  if (job.next < job.partitions.size()) {
    try {
      std::uint64_t rows = m_copier.copy(job.partitions[job.next]);
      m_log.info(k_where_job, "partition " + job.partitions[job.next].partition + " of " + job.db +
                                  "." + job.table + " synced: " + std::to_string(rows) +
                                  " rows, version " +
                                  std::to_string(job.partitions[job.next].source_version));
      ++job.next;
    } catch (const StopRequested&) {
      return; // run() sees the flag
    } catch (const std::exception& e) {
      finish_job(false, e.what());
      return;
    }
  }
  if (job.next >= job.partitions.size()) {
    finish_job(true, "");
  }
}

void SyncJobManager::finish_job(bool ok, const std::string& why) {
  DataJob job = std::move(m_data_queue.front());
  m_data_queue.pop_front();
  auto t = m_tables.find(job.db + "." + job.table);
  if (!ok) {
    ++m_cycle_failed;
    ++m_failed_total;
    m_log.warn(k_where_job,
               "data job failed, resent next cycle: " + job.db + "." + job.table + ": " + why);
    return;
  }
  ++m_cycle_finished;
  ++m_finished_total;
  if (t != m_tables.end()) {
    t->second.synced_once = true;
    t->second.expired = false;
  }
  m_log.info(k_where_job, "data job finished: " + job.db + "." + job.table);
  if (m_knobs.die_after_jobs > 0 && m_finished_total >= m_knobs.die_after_jobs) {
    ::kill(::getpid(), SIGKILL); // SCS_STANDIN_DIE_AFTER_JOBS: gone, no last word
  }
}

// The two documented progress lines. `total` counts this cycle's jobs (DDL pending + data jobs
// pending, running, finished or failed in it); `failed` is the run's total, since a failed job
// is resent in a later cycle ("失败的数据同步 Job 将会重新发送"). `sent` stays 0: the stand-in
// starts a job as soon as it sends it. `unknown` is always 0.
void SyncJobManager::report() {
  const long long ddl = static_cast<long long>(m_ddl_queue.size());
  const long long running = m_stalled ? 1 : 0;
  const long long pending = static_cast<long long>(m_data_queue.size()) - running;
  const long long total = ddl + pending + running + m_cycle_finished + m_cycle_failed;
  m_log.info(k_report_jobs, "Sync job progress: " + percent(m_cycle_finished, total, 100) +
                                ", total: " + std::to_string(total) + ", ddlPending: " +
                                std::to_string(ddl) + ", jobPending: " + std::to_string(pending) +
                                ", sent: 0, running: " + std::to_string(running) +
                                ", finished: " + std::to_string(m_cycle_finished) +
                                ", failed: " + std::to_string(m_failed_total) + ", unknown: 0");
  long long tables = 0, finished = 0, expired = 0;
  for (const auto& [key, t] : m_tables) {
    ++tables;
    finished += t.synced_once ? 1 : 0;
    expired += t.expired ? 1 : 0;
  }
  m_log.info(k_report_tables,
             "Sync table progress: finishedTableRatio: " + percent(finished, tables, 0) +
                 ", expiredTableRatio: " + percent(expired, tables, 0) + ", total table: " +
                 std::to_string(tables) + ", finished table: " + std::to_string(finished) +
                 ", unfinished table: " + std::to_string(tables - finished) +
                 ", expired table: " + std::to_string(expired));
}

} // namespace scs_standin
