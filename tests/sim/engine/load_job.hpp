#pragma once

// One INSERT / INSERT OVERWRITE into an OLAP table (see insert.cpp for the three steps).

#include "engine_state.hpp"
#include "insert_parser.hpp"
#include "load_records.hpp"
#include "model.hpp"

#include <set>
#include <string>
#include <vector>

namespace srsim::engine {

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
  std::vector<PartitionDef> m_temp_targets; // INSERT ... TEMPORARY PARTITION (temp_partitions.hpp)
};

} // namespace srsim::engine
