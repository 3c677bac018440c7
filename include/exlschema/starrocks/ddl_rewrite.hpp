#pragma once

#include "exlschema/starrocks/object_name.hpp"
#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The source table's model rewritten for creation on the target (PRODUCT.md §4.1).
namespace exl::starrocks {

struct TargetRewriteOptions {
  std::optional<int> replication_num; // -replication N (N >= 1); nullopt keeps the source's
  bool target_shared_data = false;    // the target runs in shared-data (cloud-native) mode
};

struct RewriteResult {
  TableModel table;
  std::vector<std::string> warnings; // one line per dropped or changed property
  // Settings removed so that the target does not drop copied history, in the order removed; the
  // caller sets them again (build_set_table_property) once the data is in.
  Properties deferred;
};

// Rules:
// - replication_num (table, per-partition and dynamic_partition.replication_num) := the override;
//   dropped on shared-data targets, which do not take it;
// - colocate_with kept, with the bucket count: the caller creates a group's tables in order, so
//   the first member creates the group on the target (a warning when the source prints no
//   bucket count);
// - storage_volume and the other shared-data-only properties (datacache.*,
//   enable_async_write_back, persistent_index_type) kept only for shared-data targets;
// - settings that make the target drop partitions, and so the history copied from the source,
//   removed into `deferred` with one warning each saying what to set again after the load:
//   dynamic_partition.start (unless it is Integer.MIN_VALUE, never drop; reference §3),
//   partition_live_number, partition_ttl, partition_ttl_number, partition_retention_condition;
// - a table written by the source's dynamic partitioning keeps its partitions as fixed ranges.
RewriteResult rewrite_for_target(TableModel table, const TargetRewriteOptions& options);

// Source database name -> target database name (exact, case-sensitive names).
using DatabaseMap = std::vector<std::pair<std::string, std::string>>;

// The query of a view or MV as SHOW CREATE prints it (tables as `db`.`tbl`, columns as
// `tbl`.`col` or `db`.`tbl`.`col`, optionally behind `default_catalog`; reference §1) with the
// database qualifier of every table of a mapped database replaced (`db`.`t` -> `newdb`.`t`).
// Strings, comments and names of other databases and external catalogs are left as written.
// Refuses (ParseError: where, and why) rather than guess:
// - text it cannot tokenise (an unterminated string or quoted name);
// - a table in FROM/JOIN position without a database, unless it names a CTE of the query;
// - `x`.`y` outside FROM/JOIN where x is a mapped database and not a table, alias or CTE of the
//   query (a column of table x or table y of database x cannot be told apart);
// - a function qualified by a mapped database.
Result<std::string> rewrite_query_databases(std::string_view query, const DatabaseMap& databases);

// Source table -> target table (exact names), from `-t db.t=db2.t2`.
using TableMap = std::vector<std::pair<ObjectName, ObjectName>>;

struct QueryRenames {
  DatabaseMap databases; // `-t db=db2` (every table keeps its name)
  TableMap tables;       // `-t db.t=db2.t2`; an entry here wins over its database's
};

// rewrite_query_databases with renamed tables as well: `db`.`t` -> `db2`.`t2` in FROM/JOIN and in
// `db`.`t`.`col`, and the qualifier of `t`.`col` -> `t2`.`col` where t is a renamed table the
// query names without an alias (with an alias, `a`.`col` stays). A pre-3.0 `default_cluster:db`
// qualifier counts as db and is replaced by the plain new name. Refuses, besides the cases of
// rewrite_query_databases: a `t`.`col` where t may stand for several tables of the query (two
// unaliased tables named t, or t also an alias or CTE) and one of them is renamed, and `db`.`t`
// outside FROM/JOIN naming a renamed table that is no relation of the query.
Result<std::string> rewrite_query_names(std::string_view query, const QueryRenames& renames);

} // namespace exl::starrocks
