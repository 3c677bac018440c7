#pragma once

// The load jobs StarRocks's LoadMgr keeps for INSERT (InsertLoadJob), which
// information_schema.loads lists: one row per INSERT that got past analysis, FINISHED when it
// committed, CANCELLED when it failed (StmtExecutor.handleDMLStmt ->
// LoadMgr.recordFinishedOrCacnelledLoadJob). Kept in `__srsim`.load_jobs.

#include "backend.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace srsim::engine {

struct LoadRecord {
  std::int64_t id = 0;
  std::string db;
  std::string label;
  std::string table;
  std::string user;
  std::string state; // FINISHED or CANCELLED
  std::int64_t scan_rows = 0;
  std::int64_t filtered_rows = 0;
  std::int64_t sink_rows = 0;
  std::int64_t create_time = 0; // epoch seconds
  std::int64_t finish_time = 0;
  std::int64_t timeout_s = 0;
  std::string error_msg; // FailMsg text of a CANCELLED job
};

// Within the caller's transaction for a FINISHED job (it commits with the load).
void record_load(Backend& conn, const LoadRecord& record);
// Every recorded job, oldest first.
std::vector<LoadRecord> load_records(Backend& conn);

} // namespace srsim::engine
