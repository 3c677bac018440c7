#pragma once

// StarRocks table model -> MariaDB DDL. Range partitions become RANGE COLUMNS partitions; the
// holes between StarRocks ranges (and the space above the last range) become empty "gap"
// partitions named gap__<next partition> / gap__max, so every StarRocks range maps onto exactly
// one MariaDB partition. Loads name the real partitions explicitly, so a row falling in a gap is
// rejected the way StarRocks rejects a row outside every partition.

#include "backend.hpp"
#include "model.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

struct LayoutEntry {
  std::string name;
  std::string clause; // `VALUES LESS THAN (...)` or `VALUES IN (...)`
};

std::string mariadb_create_table(const TableModel& model);
std::vector<LayoutEntry> desired_layout(const TableModel& model);
// Brings the MariaDB table's partitions in line with `model` (after ADD/DROP PARTITION).
// Partitions that disappear must already be empty (the caller truncates them).
void sync_layout(Backend& conn, const TableModel& model);
// `a`, `b`, ...: backquoted names joined by ", " (partition lists, column lists).
std::string join_idents(const std::vector<std::string>& names);
std::string table_ref(const std::string& db, const std::string& name);
bool is_gap_partition(const std::string& name);

} // namespace srsim::engine
