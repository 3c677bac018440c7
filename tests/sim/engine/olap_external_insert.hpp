#pragma once

// INSERT INTO an OLAP external table, on the cluster that holds the external table (the source).
// StarRocks (StmtExecutor.handleDMLStmt; StatementPlanner.beginTransaction from 3.2):
//   1. sync the destination table's metadata from the destination FE (TableMetaSyncer
//      .syncTable -> getTableMeta), at every INSERT since 2.5.8 / 3.0.3 / 3.1.4 (PR #24739);
//   2. begin a transaction on the destination FE with the statement's label (beginRemoteTxn):
//      the label lives in the destination database's transactions;
//   3. register an INSERT load job on the source (the external table's database; SHOW LOAD);
//   4. the source BEs write every row into the destination; commitRemoteTxn makes the whole
//      INSERT one visible destination transaction (abortRemoteTxn on failure).
// Before 3.2 step 2 follows the analysis of the target partitions; from 3.2 (PR #36225) it
// precedes it. srsim runs the same steps over the destination srsim's rpc port: SIM TABLE META,
// SIM LABEL STATE, then one `INSERT ... WITH LABEL l VALUES ...` that the destination runs as
// one load (remote_txn.cpp, LoadJob on an rpc session).

#include "engine_state.hpp"
#include "insert_parser.hpp"
#include "load_records.hpp"
#include "model.hpp"

#include <memory>
#include <string>
#include <vector>

namespace srsim::engine {

class OlapExternalInsert {
public:
  OlapExternalInsert(Ctx& ctx, TableModel target, InsertStmt stmt);
  Reply run();

private:
  struct RemotePartition {
    std::string name;
    bool temp = false;
  };

  [[noreturn]] void refuse_overwrite() const;
  void check_metadata_delay() const;
  void connect();
  void sync_meta();
  void check_label();
  void label_and_partitions(); // the label check and the analysis, in the release's order
  void analyze_partitions();
  ResultSet source_rows();
  std::string remote_sql(const ResultSet& rows) const;
  OkReply write(const ResultSet& rows);
  [[noreturn]] void fail_meta(const std::string& error) const;
  [[noreturn]] void fail_begin(const std::string& error) const;
  [[noreturn]] void fail_write(const class BackendError& e) const;
  std::string empty_partition_text() const;
  bool strict() const;
  LoadRecord record(const std::string& state, std::int64_t rows, const std::string& error) const;
  void finish_job(const std::string& state, std::int64_t rows, const std::string& error) noexcept;

  Ctx& m_ctx;
  TableModel m_target;
  InsertStmt m_stmt;
  std::string m_host;
  int m_port = 0;
  std::string m_db;    // the destination's database and table
  std::string m_table; //
  std::unique_ptr<Backend> m_remote;
  std::vector<RemotePartition> m_partitions; // as the destination's getTableMeta lists them
  std::vector<std::string> m_targets;        // PARTITION (..) in the destination's spelling
  bool m_temp_targets = false;               // they are temporary partitions there
  std::int64_t m_job_id = 0;
  std::int64_t m_create_time = 0;
};

} // namespace srsim::engine
