#pragma once

// What the stand-in keeps between its jobs: the selected tables and the queued jobs.

#include "partition_copier.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace scs_standin {

struct TableState {
  std::string db;
  std::string name;
  bool on_target = false;
  bool skipped = false;        // schema differs and ddl_job_allow_drop_schema_change_table=false
  bool unpartitioned = false;  // no PARTITION BY: one partition named like the table
  bool auto_partition = false; // expression / automatic partitioning: loads create partitions
  bool synced_once = false;    // "finished table": a data job of it succeeded
  bool expired = true;         // "expired table": behind the source at the last check
  std::string create_sql;      // the source's SHOW CREATE TABLE, for ADD PARTITION fragments
};

// One DDL job: statements run in order on the target (e.g. DROP TABLE then CREATE TABLE).
struct DdlJob {
  std::string db;
  std::string table; // empty for a database-level job
  std::string what;  // for the log
  std::vector<std::string> statements;
  bool creates_table = false;
};

// One data job: the lagging partitions of one table (max_replication_data_size_per_job_in_gb=-1,
// the default: "一个数据同步任务同步一个表的所有分区").
struct DataJob {
  std::string db;
  std::string table;
  std::vector<PartitionCopy> partitions;
  std::size_t next = 0; // partitions are copied one per scheduler tick
};

// Environment knobs for tests (read once at start; docs/scs-standin.md).
struct FaultKnobs {
  long long die_after_jobs = 0; // SCS_STANDIN_DIE_AFTER_JOBS: SIGKILL itself after N finished jobs
  bool stall = false;           // SCS_STANDIN_STALL=1: data jobs stay `running` forever
  bool fail_jobs = false;       // SCS_STANDIN_FAIL_JOBS=1: every data job fails
  bool ignore_term = false;     // SCS_STANDIN_IGNORE_TERM=1: SIGTERM/SIGINT ignored
  std::uint64_t rotate_bytes = 0; // SCS_STANDIN_ROTATE_BYTES: roll sync.INFO.log past N bytes

  static FaultKnobs from_env();
};

} // namespace scs_standin
