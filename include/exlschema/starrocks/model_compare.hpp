#pragma once

#include "exlschema/starrocks/table_model.hpp"

#include <optional>
#include <string>

// "Same structure" for -recreate decisions and ghost's report: nullopt when `source` and `target`
// define the same table, else the first difference in one line, e.g.
// "column `v1`: type int(11) on the source, bigint(20) on the target".
//
// Compared: columns (order, name case-insensitively, type, nullability, aggregate type,
// auto-increment), key type and key columns, partitioning kind, columns and expression,
// distribution kind and columns, ORDER BY, and the properties that change what the table keeps
// (k_compared_properties). Not compared, on purpose: comments, bucket counts, replication_num and
// storage properties (rewritten for the target), the settings that drop history
// (partition_live_number, partition_ttl, ...: deferred by rewrite_for_target), the partition list
// (the auditor's business: partitions differ legitimately under dynamic partitioning and -add),
// index definitions and property order.
namespace exl::starrocks {

std::optional<std::string> compare_tables(const TableModel& source, const TableModel& target);

} // namespace exl::starrocks
