#pragma once

// State shared by all statement handlers of one cluster's engine, and the per-call context.

#include "backend.hpp"
#include "metadata_store.hpp"
#include "model.hpp"
#include "sim_api.hpp"
#include "watchdog.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace srsim::engine {

class TaskRunner;

struct RunningTxn {
  std::int64_t txn_id = 0;
  std::string db;
  std::string label;
  std::string coordinator;
  std::int64_t prepare_time_ms = 0;
  std::int64_t timeout_ms = 0;
  std::string source_type = "INSERT_STREAMING"; // Stream Load: BACKEND_STREAMING
  std::string status = "PREPARE";               // a prepared Stream Load transaction: PREPARED
};

struct PartitionStats {
  std::int64_t rows = 0;
  std::int64_t bytes = 0;
};

struct TableStats {
  std::chrono::steady_clock::time_point refreshed;
  std::map<std::string, PartitionStats> partitions; // by partition name
};

struct EngineState {
  explicit EngineState(const ClusterConfig& cfg);
  ~EngineState();

  ClusterConfig config;
  MetadataStore store;
  Watchdog watchdog;
  std::unique_ptr<TaskRunner> tasks;

  std::mutex txn_mutex;
  std::map<std::int64_t, RunningTxn> running; // SHOW PROC '/transactions/<db>/running'
  // Stream Load transactions that ended ABORTED, with the reason (`status` holds it), for SHOW
  // PROC '/transactions/<db>/finished': TransProcDir lists a database's final transactions,
  // VISIBLE and ABORTED alike (DatabaseTransactionMgr.getTxnStateInfoList).
  std::map<std::int64_t, RunningTxn> aborted;

  std::mutex catalog_mutex;
  std::map<std::string, StorageConfig> catalog_storage; // resolved JDBC catalog targets

  std::mutex stats_mutex;
  std::map<std::string, TableStats> stats; // key db + '.' + table
};

// What a handler gets for one statement.
struct Ctx {
  EngineState& state;
  SessionContext& session;
  Backend& conn; // this session's own MariaDB connection

  const Version& version() const { return state.config.version; }
  // The session's db, or the StarRocks "No database selected" error.
  std::string db_or_current(const std::string& db) const;
  void require(const std::string& privilege, const std::string& db) const;
  std::string variable(const std::string& name, const std::string& fallback) const;
  std::int64_t now() const;
};

std::int64_t epoch_seconds();
std::string format_time(std::int64_t epoch_seconds);

} // namespace srsim::engine
