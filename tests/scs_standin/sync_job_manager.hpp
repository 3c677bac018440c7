#pragma once

// The stand-in's scheduler, named after the class its progress lines come from in the real tool
// (`SyncJobManager.report()`, an assumption, see sync_log.hpp). One thread runs, each at its own
// period from sync.properties:
//   meta job (meta_job_interval_seconds): list the selected source tables and compare each with
//     the target -> the DDL queue (CREATE DATABASE / TABLE, ADD / DROP PARTITION, DROP TABLE
//     under the ddl_job_allow_drop_* switches);
//   DDL job (ddl_job_interval_seconds): run up to ddl_job_batch_size DDL jobs;
//   replication job (replication_job_interval_seconds): check the target's disks, then queue one
//     data job per table whose source partitions are ahead (up to replication_job_batch_size);
//     a new cycle starts when the previous one's jobs are done; one partition copied per tick;
//   report (report_interval_seconds): the two progress lines.

#include "partition_copier.hpp"
#include "sync_log.hpp"
#include "sync_properties.hpp"
#include "sync_state.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <string>

namespace scs_standin {

class SyncJobManager {
public:
  SyncJobManager(const SyncProperties& props, ClusterLink& source, ClusterLink& target,
                 SyncLog& log, const FaultKnobs& knobs, const std::atomic<bool>& stop);

  // Runs until done (one_time_run_mode), a stop signal, or a refusal; returns the exit code.
  int run();

private:
  using Clock = std::chrono::steady_clock;

  bool check_preconditions();
  bool disk_below_threshold();
  void tick(Clock::time_point now);
  bool one_time_done() const;

  // meta_planner.cpp
  void meta_pass();
  void plan_database(const std::string& db, bool on_target, std::map<std::string, TableState>& next,
                     std::vector<DdlJob>& ddl);
  void plan_table(TableState& t, bool on_target, std::vector<DdlJob>& ddl);
  void plan_partitions(TableState& t, std::vector<DdlJob>& ddl);
  void plan_target_only(const std::string& db, const std::map<std::string, TableState>& next,
                        std::vector<DdlJob>& ddl);
  std::string create_table_sql(const TableState& t) const;
  void ddl_pass();

  // sync_job_manager.cpp
  bool replication_pass();
  void plan_data_job(TableState& t, int& created);
  void run_next_partition();
  void finish_job(bool ok, const std::string& why);
  void report();

  const SyncProperties& m_props;
  ClusterLink& m_source;
  ClusterLink& m_target;
  SyncLog& m_log;
  FaultKnobs m_knobs;
  const std::atomic<bool>& m_stop;
  PartitionCopier m_copier;

  bool m_target_shared_data = false;
  bool m_meta_done = false;
  std::map<std::string, TableState> m_tables; // by "db.table"
  std::map<std::string, bool> m_warned;       // one WARN per skipped table
  std::deque<DdlJob> m_ddl_queue;
  std::deque<DataJob> m_data_queue;
  bool m_stalled = false;

  // Counters of the current replication cycle, and the run's failed / finished totals.
  int m_cycle_finished = 0;
  int m_cycle_failed = 0;
  long long m_failed_total = 0;
  long long m_finished_total = 0;

  Clock::time_point m_next_meta, m_next_ddl, m_next_replication, m_next_report;
};

} // namespace scs_standin
