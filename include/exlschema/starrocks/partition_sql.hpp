#pragma once

#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <string>
#include <string_view>
#include <vector>

// DDL builders for databases, tables and partitions (reference §3). No trailing ';'.
namespace exl::starrocks {

// CREATE DATABASE IF NOT EXISTS `db`
std::string build_create_database(std::string_view database);

// CREATE TABLE [IF NOT EXISTS] `db`.`name` (...) from the (already rewritten) model.
std::string build_create_table(const TableModel& table, std::string_view database,
                               bool if_not_exists = false);

// DROP TABLE [IF EXISTS] `db`.`t` [FORCE]
std::string build_drop_table(const TableRef& table, bool if_exists = true, bool force = false);

// ALTER TABLE `db`.`t` ADD PARTITION IF NOT EXISTS `p` VALUES [(..), (..)) | VALUES IN (..)
// from a source partition's `bounds` (LESS THAN when the lower bound is the implicit minimum).
std::string build_add_partition(const TableRef& table, std::string_view partition,
                                const PartitionBounds& bounds);

// Temporary partitions (reference §2/§3; docs table_design/Temporary_partition.md): a partition's
// replacement is loaded into a temporary partition with the same bounds, then swapped in.
//   ALTER TABLE `db`.`t` ADD TEMPORARY PARTITION `tp` VALUES [(..), (..)) | VALUES IN (..)
//   ALTER TABLE `db`.`t` REPLACE PARTITION (`p`) WITH TEMPORARY PARTITION (`tp`)
//     (default properties: strict_range, so the bounds must be the same, and p keeps its name)
//   ALTER TABLE `db`.`t` DROP TEMPORARY PARTITION IF EXISTS `tp`
std::string build_add_temporary_partition(const TableRef& table, std::string_view partition,
                                          const PartitionBounds& bounds);
std::string build_replace_partition(const TableRef& table, std::string_view partition,
                                    std::string_view temporary);
std::string build_drop_temporary_partition(const TableRef& table, std::string_view temporary);

// The statement that creates source partition `partition` (`bounds`) on a table partitioned
// `by`: build_add_partition for range and list tables. On an automatically partitioned table
// (date_trunc / time_slice) StarRocks refuses a single range partition ("Currently, you cannot
// manually add a single range partition to a table that is automatically partition",
// PartitionDescAnalyzer.analyzeSingleRangePartitionDescWithExistsTable), so there it is a batch
// of one step, `ADD PARTITIONS START ("lo") END ("hi") EVERY (INTERVAL 1 unit)`: StarRocks names
// batch partitions from their start as it names automatic ones (p20240203 for a day) and skips
// those that exist (MultiRangePartitionDesc makes each member IF NOT EXISTS). Refused, never
// guessed, when that would not create exactly `partition`: a step of more than one unit, a unit
// without a known name format (only year, month, day, hour), bounds that are not one range of
// one value, or a source name that is not the name StarRocks would give it.
Result<std::string> build_add_source_partition(const TableRef& table, std::string_view partition,
                                               const PartitionBounds& bounds,
                                               const Partitioning& by);

// ALTER TABLE `db`.`t` SET ("key" = "value"): one property per statement, the form every release
// takes for every table property (e.g. a setting rewrite_for_target deferred).
std::string build_set_table_property(const TableRef& table, std::string_view key,
                                     std::string_view value);

// TRUNCATE TABLE `db`.`t` [PARTITION (`p1`, `p2`)]
std::string build_truncate(const TableRef& table, const std::vector<std::string>& partitions = {});

// Read-only metadata statements.
std::string build_current_version();                        // SELECT current_version()
std::string build_show_create_table(const TableRef& table); // SHOW CREATE TABLE ..
std::string build_show_create_view(const TableRef& view);   // SHOW CREATE VIEW ..
std::string build_show_create_materialized_view(const TableRef& mv);
std::string build_show_partitions(const TableRef& table); // SHOW PARTITIONS FROM ..
std::string build_partitions_meta_query(std::string_view database, std::string_view table);
std::string build_show_full_tables(std::string_view database); // SHOW FULL TABLES FROM `db`
std::string build_show_databases();

// A LIKE pattern matching names that start with `prefix` literally (`_`, `%`, `\` escaped),
// as a string literal: prefix "exl_tmp_" -> "exl\\_tmp\\_%".
std::string like_prefix_literal(std::string_view prefix);

} // namespace exl::starrocks
