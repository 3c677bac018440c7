#pragma once

// Temporary partitions (docs table_design/data_distribution/Temporary_partition.md,
// starrocks-surface.md §3): ADD/DROP TEMPORARY PARTITION, loads into them, reads from them,
// SHOW TEMPORARY PARTITIONS and REPLACE PARTITION ... WITH TEMPORARY PARTITION.
//
// Storage: each temporary partition is its own unpartitioned InnoDB table
// `__srsim`.`tp_<partition id>` with the table's columns and keys; its description, id and
// visible version live in `__srsim`.temp_partitions (one row per temporary partition, keyed by
// the table id so that a re-created table of the same name never sees old rows). REPLACE moves
// the rows into the formal table inside one InnoDB transaction with the metadata change.

#include "engine_state.hpp"
#include "model.hpp"
#include "sql_cursor.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace srsim::engine {

// One partition's rows as a MariaDB predicate over the partition columns (a NULL range key is
// the type's minimum, PR #10679, as loads route it); also load_stage.cpp's row filter.
std::string partition_predicate(const TableModel& model, const PartitionDef& partition);

// The table's temporary partitions (id, version and time filled in), in range order for range
// tables, in creation order otherwise.
std::vector<PartitionDef> temp_partitions(Backend& conn, const TableModel& model);
std::string temp_storage_ref(const PartitionDef& temp);

// ALTER TABLE t ADD TEMPORARY ... / DROP TEMPORARY ... / REPLACE PARTITION ...: the cursor stands
// at PARTITION(S) (after ADD/DROP TEMPORARY) or after REPLACE.
Reply add_temp_partition(Ctx& ctx, Cursor& cur, TableModel& model);
Reply drop_temp_partition(Ctx& ctx, Cursor& cur, TableModel& model);
Reply replace_partitions(Ctx& ctx, Cursor& cur, TableModel& model);

// A formal partition may not take a temporary partition's name (ERR_SAME_NAME_PARTITION).
void check_not_temp_names(Backend& conn, const TableModel& model,
                          const std::vector<std::string>& names);
// DROP TABLE and TRUNCATE TABLE drop every temporary partition of the table.
void drop_all_temp_partitions(Backend& conn, const TableModel& model);

// `t TEMPORARY PARTITION (tp1, ..)` in a query becomes a derived table over the temporary
// partitions' storage tables.
std::string rewrite_temp_partition_refs(Ctx& ctx, const std::string& sql);

// Loads (load_job.cpp): the named temporary partitions (StarRocks's names kept), or the error
// "Unknown partition" as InsertAnalyzer reports it.
std::vector<PartitionDef> temp_load_targets(Backend& conn, const TableModel& model,
                                            std::vector<std::string>& names);
// Within the load's transaction: each staged row goes to the temporary partition whose range /
// list holds it; returns how many staged rows no named temporary partition holds.
// `tail(target)` is the load's ON DUPLICATE KEY UPDATE clause for the storage table `target`.
std::uint64_t write_temp_rows(Ctx& ctx, const TableModel& model,
                              const std::vector<PartitionDef>& targets, const std::string& stage,
                              const std::string& verb, const std::string& columns,
                              const std::function<std::string(const std::string&)>& tail);
// Within the load's transaction: VisibleVersion + 1 for the named temporary partitions.
void bump_temp_versions(Backend& conn, const TableModel& model,
                        const std::vector<std::string>& names);
// RowCount / DataSize of the temporary partitions (read live).
std::map<std::string, PartitionStats> temp_partition_stats(Backend& conn, const TableModel& model);

} // namespace srsim::engine
