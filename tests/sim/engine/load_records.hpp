#pragma once

// The load jobs StarRocks's LoadMgr keeps for INSERT (InsertLoadJob), which SHOW LOAD and
// information_schema.loads list. StmtExecutor registers the job before the INSERT executes
// (LoadMgr.registerLoadJob -> InsertLoadJob in state LOADING), then records it FINISHED when the
// transaction is visible or CANCELLED when the INSERT failed (recordFinishedOrCacnelledLoadJob ->
// InsertLoadJob.setLoadFinishOrCancel). Kept in `__srsim`.load_jobs.

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
  std::string state; // LOADING, FINISHED or CANCELLED
  std::int64_t scan_rows = 0;
  std::int64_t filtered_rows = 0;
  std::int64_t sink_rows = 0;
  std::int64_t create_time = 0; // epoch seconds
  std::int64_t finish_time = 0; // 0 while LOADING
  std::int64_t timeout_s = 0;
  std::string error_msg; // FailMsg text of a CANCELLED job
};

// Registers a running job (state LOADING), committed at once so that other sessions see it.
void begin_load_record(Backend& conn, const LoadRecord& record);
// Moves the job to its final state. For a FINISHED job call it within the load's transaction so
// that the job and the rows commit together.
void finish_load_record(Backend& conn, const LoadRecord& record);
// Every recorded job, oldest first.
std::vector<LoadRecord> load_records(Backend& conn);
// At start-up: a job still LOADING belonged to a srsim that stopped mid-load; its transaction
// never committed, so it is CANCELLED (LoadMgr.fixLoadJobMetaBugs cancels a LOADING job whose
// transaction was aborted with FailMsg(LOAD_RUN_FAIL, "fe restart")).
void cancel_orphaned_load_records(Backend& conn);

} // namespace srsim::engine
