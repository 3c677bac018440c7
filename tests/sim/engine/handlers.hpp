#pragma once

// Statement handlers. Each takes the cursor positioned after the statement's leading keywords
// (named in the comment) and answers a Reply or throws EngineError.

#include "engine_state.hpp"
#include "model.hpp"
#include "sql_cursor.hpp"

#include <string>
#include <type_traits>

namespace srsim::engine {

// Shared lookups.
bool db_exists(Ctx& ctx, const std::string& db);
void require_db(Ctx& ctx, const std::string& db);
TableModel load_table(Ctx& ctx, const std::string& db, const std::string& name);
bool is_system_db(const std::string& db);
// SHOW ... LIKE matching: % and _ wildcards, case-insensitive.
bool like_match(const std::string& text, const std::string& pattern);

// ddl_tables.cpp
Reply create_database(Ctx& ctx, Cursor& cur);             // CREATE DATABASE
Reply drop_database(Ctx& ctx, Cursor& cur);               // DROP DATABASE
Reply create_table(Ctx& ctx, Cursor& cur, bool external); // CREATE [EXTERNAL] TABLE
Reply drop_table(Ctx& ctx, Cursor& cur);                  // DROP TABLE
Reply truncate_table(Ctx& ctx, Cursor& cur);              // TRUNCATE TABLE
Reply use_db(Ctx& ctx, const std::string& db);
// One dynamic-partition scheduler pass over `model` (dynamic_partitions.hpp).
void run_dynamic_partitions(Ctx& ctx, const TableModel& model);

// ctas.cpp
struct CreateTableStmt;
Reply create_table_as_select(Ctx& ctx, CreateTableStmt& stmt);

// alter_partitions.cpp
Reply alter_table(Ctx& ctx, Cursor& cur); // ALTER TABLE

// show_meta.cpp
Reply show_databases(Ctx& ctx, Cursor& cur);         // SHOW DATABASES
Reply show_tables(Ctx& ctx, Cursor& cur, bool full); // SHOW [FULL] TABLES
Reply show_create(Ctx& ctx, Cursor& cur);            // SHOW CREATE
Reply describe_table(Ctx& ctx, Cursor& cur);         // DESC / DESCRIBE

// desc_all.cpp
bool is_describe_all(const Cursor& cur);   // DESC / DESCRIBE [db.]tbl ALL
Reply describe_all(Ctx& ctx, Cursor& cur); // DESC / DESCRIBE [db.]tbl ALL

// show_partitions.cpp
Reply show_partitions(Ctx& ctx, Cursor& cur); // SHOW [TEMPORARY] PARTITIONS
// information_schema.partitions_meta rows (optionally of one db / table only).
ResultSet partitions_meta_rows(Ctx& ctx, const std::string& only_db, const std::string& only_table);
std::map<std::string, PartitionStats> table_stats(Ctx& ctx, const TableModel& model);
std::string byte_size_text(std::int64_t bytes);

// info_schema_tables.cpp (rows of one db when `only_db` is not empty)
ResultSet info_schema_tables(Ctx& ctx, const std::string& only_db);
ResultSet info_schema_columns(Ctx& ctx, const std::string& only_db);
// info_schema_mvs.cpp / info_schema_loads.cpp
ResultSet info_schema_materialized_views(Ctx& ctx, const std::string& only_db);
ResultSet info_schema_loads(Ctx& ctx);
// LoadJob's Progress text for a job in `state` (LOADING, FINISHED, CANCELLED).
std::string load_progress(const std::string& state);
// show_load.cpp
Reply show_load(Ctx& ctx, Cursor& cur); // SHOW LOAD

// show_data.cpp
Reply show_data(Ctx& ctx, Cursor& cur); // SHOW DATA
Reply show_proc(Ctx& ctx, Cursor& cur); // SHOW PROC

// insert.cpp
Reply insert_statement(Ctx& ctx, Cursor& cur); // INSERT (cursor at INSERT)

// select.cpp
Reply select_statement(Ctx& ctx, const std::string& sql);
// Rewrites a query for MariaDB: catalog names, virtual information_schema, the calls and casts of
// call_rewrite.hpp.
std::string rewrite_query(Ctx& ctx, const std::string& sql);
std::chrono::steady_clock::time_point deadline_for(Ctx& ctx, bool is_insert);
[[noreturn]] void fail_stopped(Ctx& ctx, StopReason reason, bool is_insert);

// Runs `run` (statements on the session's storage connection) under the watchdog. When the
// watchdog stopped it (past `deadline`, or KILL QUERY) the StarRocks timeout or cancel error is
// thrown instead of whatever MariaDB answered; any other BackendError goes through unchanged.
template <class Run>
auto run_watched(Ctx& ctx, std::chrono::steady_clock::time_point deadline, bool is_insert,
                 Run&& run) {
  WatchGuard guard(ctx.state.watchdog, ctx.conn.thread_id(), deadline, &ctx.session.kill_query);
  auto fail_if_stopped = [&] {
    if (StopReason r = guard.finish(); r != StopReason::None) {
      fail_stopped(ctx, r, is_insert);
    }
  };
  try {
    if constexpr (std::is_void_v<decltype(run())>) {
      run();
      fail_if_stopped();
    } else {
      auto out = run();
      fail_if_stopped();
      return out;
    }
  } catch (const BackendError&) {
    fail_if_stopped();
    throw;
  }
}

// views.cpp
Reply create_view(Ctx& ctx, Cursor& cur, bool or_replace); // CREATE [OR REPLACE] VIEW
Reply drop_view(Ctx& ctx, Cursor& cur);                    // DROP VIEW
Reply create_mv(Ctx& ctx, Cursor& cur);                    // CREATE MATERIALIZED VIEW
Reply drop_mv(Ctx& ctx, Cursor& cur);                      // DROP MATERIALIZED VIEW
Reply refresh_mv(Ctx& ctx, Cursor& cur);                   // REFRESH MATERIALIZED VIEW

// catalogs.cpp
Reply create_catalog(Ctx& ctx, Cursor& cur);      // CREATE EXTERNAL CATALOG
Reply drop_catalog(Ctx& ctx, Cursor& cur);        // DROP CATALOG
Reply show_catalogs(Ctx& ctx, Cursor& cur);       // SHOW CATALOGS
Reply show_create_catalog(Ctx& ctx, Cursor& cur); // SHOW CREATE CATALOG
// The FederatedX table in `__srsim_fed` that reads catalog.db.table; created on demand.
std::string federated_table(Ctx& ctx, const std::string& catalog, const std::string& db,
                            const std::string& table);

// external_table.cpp
struct CreateTableStmt;
Reply create_external_table(Ctx& ctx, const CreateTableStmt& stmt); // after parsing

// remote_txn.cpp: the rpc-port statements of another cluster's OLAP external table (SIM ...)
Reply sim_remote_statement(Ctx& ctx, Cursor& cur);

// sim_partition_version.cpp: ADMIN SET SIM PARTITION VERSION (the front parses it)
Reply set_partition_version(Ctx& ctx, const std::string& db, const std::string& table,
                            const std::string& partition, std::int64_t version);

// tasks.cpp
Reply submit_task(Ctx& ctx, Cursor& cur); // SUBMIT
Reply drop_task(Ctx& ctx, Cursor& cur);   // DROP TASK
ResultSet tasks_table(Ctx& ctx);
ResultSet task_runs_table(Ctx& ctx);

} // namespace srsim::engine
