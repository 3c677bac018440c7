#pragma once

// Partition descriptions as written in CREATE TABLE / ALTER TABLE ADD PARTITION, and the rules
// StarRocks applies when adding them to a table (starrocks-surface.md §3): LESS THAN takes the
// previous upper bound as lower bound, ranges must not intersect, lower < upper, names unique.

#include "model.hpp"
#include "sql_cursor.hpp"

#include <functional>

#include <string>
#include <vector>

namespace srsim::engine {

struct PartitionDesc {
  std::string name;
  bool less_than = false; // VALUES LESS THAN (upper)
  std::vector<std::string> lower, upper;
  std::vector<std::vector<std::string>> values; // VALUES IN
  bool batch = false;                           // START .. END .. EVERY
  std::string every_unit;                       // DAY, MONTH, ... or empty for integers
  long long every = 1;
  int replication_num = 0;
};

// Parses `PARTITION p VALUES ...` or `START (..) END (..) EVERY (..)` (the PARTITION keyword
// already consumed for the former when `named` is false is not allowed).
PartitionDesc parse_partition_desc(Cursor& cur);
// Parses an optional `IF NOT EXISTS` after PARTITION; the caller checks keywords.

std::vector<std::string> column_bases(const TableModel& model);

// The single partitions a `START .. END .. EVERY` batch stands for (names as StarRocks gives
// them); `desc` itself when it is not a batch.
std::vector<PartitionDesc> expand_batch(const TableModel& model, const PartitionDesc& desc);

// StarRocks's refusals of a manually described range on an automatically (expression-)
// partitioned table: a single range, a step other than 1, another unit, unaligned bounds.
void check_manual_partition_on_automatic(const TableModel& model, const PartitionDesc& desc);

// Adds the described partitions (expanding batches) to `model`, enforcing StarRocks's checks.
// `ids` yields fresh partition ids. Returns the names added.
std::vector<std::string> add_partitions(TableModel& model, const PartitionDesc& desc,
                                        bool if_not_exists,
                                        const std::function<std::int64_t()>& ids, std::int64_t now);

// The Range cell of SHOW PARTITIONS / PARTITION_VALUE of partitions_meta.
std::string range_cell(const TableModel& model, const PartitionDef& p);
std::string list_cell(const PartitionDef& p);

PartitionDef* find_partition(TableModel& model, const std::string& name);
// The RANGE or LIST partition holding the normalised key tuple `key`, or nullptr (load_stage.cpp).
const PartitionDef* partition_owner(const TableModel& model, const std::vector<std::string>& bases,
                                    const std::vector<std::string>& key);
void sort_partitions(TableModel& model);

// Name of the partition an expression-partitioned table gives to a truncated value.
std::string expr_partition_name(const std::string& unit, const std::string& value);
// [lower, upper) of the automatic partition holding `truncated` (a date/datetime text).
std::pair<std::string, std::string> expr_partition_bounds(const std::string& unit,
                                                          const std::string& base,
                                                          const std::string& truncated);

} // namespace srsim::engine
