#pragma once

// One INSERT / INSERT OVERWRITE into an OLAP table (see insert.cpp for the three steps).
//
// An INSERT arriving on the rpc port (SessionContext::rpc_port) is the remote transaction of
// another cluster's OLAP external table (remote_txn.cpp): the same load, label and versions, but
// no load job (StarRocks's destination FE only begins and commits a transaction for it;
// LeaderImpl.beginRemoteTxn / commitRemoteTxn register no LoadJob) and no automatic partitions
// (the writer routes rows with the synced RangePartitionInfo, which is never automatic).

#include "engine_state.hpp"
#include "insert_parser.hpp"
#include "load_records.hpp"
#include "model.hpp"

#include <set>
#include <string>
#include <vector>

namespace srsim::engine {

// A label for an INSERT without WITH LABEL: insert_<uuid> (MetaUtils.genInsertLabel).
std::string generated_insert_label();

class LoadJob {
public:
  LoadJob(Ctx& ctx, TableModel model, InsertStmt stmt);
  ~LoadJob();
  Reply run();

private:
  void check_partitions();
  void check_label();
  // Registers the transaction (SHOW PROC '/transactions/<db>/running'); refuses a label that a
  // running load of the same database holds.
  void begin_transaction();
  [[noreturn]] void fail_label_used() const;
  void fill_stage();
  // INSERT [IGNORE] INTO the stage: a long VALUES list in several statements of at most
  // k_stage_chunk_bytes, so that no single statement outgrows the storage server's
  // max_allowed_packet (the stage is private; the load is still one transaction).
  void stage_rows(const std::string& verb);
  void create_expression_partitions();
  std::set<std::string> touched_partitions();
  void write_and_commit(const std::set<std::string>& touched);
  void copy_rows(const std::string& tref, const std::vector<std::string>& targets);
  void commit_metadata(const std::set<std::string>& touched,
                       const std::vector<std::string>& targets);
  std::vector<std::string> overwrite_targets(const std::set<std::string>& touched) const;
  std::string write_verb() const; // INSERT or REPLACE
  // ON DUPLICATE KEY UPDATE ... (AGGREGATE, partial PK update); `target` qualifies old values.
  std::string upsert_tail(const std::string& target) const;
  std::string column_list() const;
  std::string
  partition_clause() const; // explicit real partitions: rows in gaps fail // (`a`, `b`) or empty
  [[noreturn]] void fail_backend(const class BackendError& e);
  [[noreturn]] void fail_timeout_with_own_limit(const class EngineError& e) const;
  bool dynamic_overwrite() const;
  bool strict() const; // enable_insert_strict (default true)
  // Non-strict INSERT: rows without a (named) partition are filtered out instead of failing.
  void drop_unqualified_rows();
  // The job as information_schema.loads lists it (load_records.hpp).
  LoadRecord record(const std::string& state, const std::string& error) const;
  // A failed load leaves a CANCELLED job (after its transaction is rolled back).
  void record_cancelled(const std::string& message) noexcept;

  Ctx& m_ctx;
  TableModel m_model;
  InsertStmt m_stmt;
  std::int64_t m_txn_id = 0;
  std::string m_stage;
  std::uint64_t m_rows = 0;
  std::uint64_t m_filtered = 0; // rows a non-strict load left out
  std::int64_t m_create_time = 0;
  std::chrono::steady_clock::time_point m_deadline;
  bool m_in_txn = false;
  bool m_remote = false;                    // an OLAP external table's write (rpc port)
  std::vector<PartitionDef> m_temp_targets; // INSERT ... TEMPORARY PARTITION (temp_partitions.hpp)
};

} // namespace srsim::engine
