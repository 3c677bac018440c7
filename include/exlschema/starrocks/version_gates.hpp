#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>

// Whether a target release can create a table at all (issue #9, "Version gates").
namespace exl::starrocks {

// The first feature of `table` (the model rewritten for the target, rewrite_for_target) that
// release `target` does not have, as one line naming the column or clause, the target's version,
// the feature and the release that brought it, e.g. "column `g`: the target runs 3.0.9, which has
// no generated columns (from 3.1)"; nullopt when every feature is there. Checked, from
// the feature table of version.hpp: expression partitioning (3.0), column-expression partitioning
// (3.1), list partitioning (3.1), AUTO_INCREMENT (3.0), generated columns (3.1), VARBINARY (3.0),
// DISTRIBUTED BY RANDOM (3.1), buckets omitted (2.5.7), ORDER BY on a primary key table (3.0) or
// another table (3.3), storage_volume (3.1). A version that could not be read gates nothing: the
// target's own CREATE TABLE then refuses what it lacks.
std::optional<std::string> unsupported_on(const TableModel& table, const Version& target);

} // namespace exl::starrocks
