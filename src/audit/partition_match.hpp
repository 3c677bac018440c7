#pragma once

#include "exlschema/starrocks/partition_info.hpp"

#include <string>
#include <string_view>
#include <vector>

// Pairs the partitions of the two sides by name, as StarRocks names them (case-insensitively:
// OlapTable keeps nameToPartition in a CASE_INSENSITIVE_ORDER map), and applies `-p`.
namespace exl::audit {

// One partition of the audit: on both sides, on the source only, or on the target only.
struct MatchedPartition {
  std::string name;                                 // the source's name, else the target's
  const starrocks::PartitionInfo* source = nullptr; // into the SHOW PARTITIONS lists
  const starrocks::PartitionInfo* target = nullptr;
};

// `name` as StarRocks compares partition names: ASCII letters folded to lower case.
std::string name_key(std::string_view name);

// Source order, then the target-only partitions in target order. The single partition of an
// unpartitioned table is matched whatever its name (it is named after the table, which a copy
// may rename). Throws AuditError when the sides are partitioned differently (kind or columns)
// or when a partition has other bounds on the target than on the source: the audit never
// guesses which rows such a partition should hold.
std::vector<MatchedPartition> match_partitions(const std::vector<starrocks::PartitionInfo>& source,
                                               const std::vector<starrocks::PartitionInfo>& target);

// The partitions `names` selects (`-p`; empty: all), in `all`'s order. Throws AuditError naming
// a partition that is on neither side.
std::vector<MatchedPartition> select_partitions(const std::vector<MatchedPartition>& all,
                                                const std::vector<std::string>& names);

} // namespace exl::audit
