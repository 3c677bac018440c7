#pragma once

// The release whose grammar first parses each statement form exlSchema sends, from
// starrocks-surface.md §14 (checked against the grammar files of 2.5.22, 3.1.17, 3.3.5, 3.4.4
// and main). Below that release StarRocks's parser refuses the statement, so srsim answers the
// same syntax error (Cursor::syntax_error) instead of running it. Written independently of
// exlSchema's version table (include/exlschema/starrocks/version.hpp) on purpose.

#include "sim_api.hpp"

namespace srsim::engine {

enum class SyntaxForm {
  DropTaskIfExists,         // DROP TASK IF EXISTS n                       4.0
  ShowCatalogsLike,         // SHOW CATALOGS LIKE 'p'                       3.5
  SubmitTaskProperties,     // SUBMIT TASK n PROPERTIES (..) AS ..          3.2.3
  DropCatalogIfExists,      // DROP CATALOG IF EXISTS c                     3.3.0
  CreateCatalogIfNotExists, // CREATE EXTERNAL CATALOG IF NOT EXISTS c      3.3.0
  InsertProperties,         // INSERT .. PROPERTIES (..)                    3.4
  InsertByName,             // INSERT INTO t BY NAME SELECT ..              3.4
  InsertHintAnywhere,       // /*+set_var*/ after INSERT OVERWRITE etc.     3.2.3, 3.1.7
  InsertHintBeforeInto,     // INSERT /*+set_var*/ INTO                     3.2.0
  TimeExpressionPartition,  // PARTITION BY date_trunc(..) / time_slice(..) 3.0
  ColumnListPartition,      // PARTITION BY (c1, c2) / PARTITION BY c1, c2  3.1
  AutoIncrement,            // AUTO_INCREMENT column attribute              3.0
  Varbinary,                // VARBINARY column type                        3.0
  RandomDistribution,       // DISTRIBUTED BY RANDOM                        3.1
  AddListPartition,         // ALTER TABLE .. ADD PARTITION .. VALUES IN    3.1
  DropPartitionsRange,      // ALTER TABLE .. DROP PARTITIONS START .. END .. EVERY  3.4
  DropAllTempPartitions,    // ALTER TABLE .. DROP ALL TEMPORARY PARTITIONS 3.5
};

// True when a cluster of `version` parses `form`.
bool syntax_valid(SyntaxForm form, const Version& version);

} // namespace srsim::engine
