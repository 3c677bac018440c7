#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <optional>
#include <string>

// Temporary external tables (reference §7):
// - ENGINE=MYSQL on the target, reading the source FE's query port (read-only, deprecated in 3.x
//   but still accepted);
// - ENGINE=OLAP on the source with host/port = the target FE's RPC port (9020), write-only: only
//   INSERT INTO works on it, and the target's metadata reaches it with a ~10 s delay.
namespace exl::starrocks {

struct ExternalConnection {
  std::string host;
  int port = 0;
  std::string user;
  std::string password;
  std::string database;
  std::string table;
};

// CREATE EXTERNAL TABLE `db`.`ext` (`c` type [NOT] NULL, ...) ENGINE=MYSQL PROPERTIES (...).
// Columns come from `table`; aggregate types, keys and partitions are not part of a MySQL table.
std::string build_create_mysql_external_table(const TableRef& external, const TableModel& table,
                                              const ExternalConnection& connection);

// A reason when `table` has a column the MYSQL engine cannot map (bitmap, hll, json, array, map,
// struct, largeint, percentile, varbinary), else nullopt.
std::optional<std::string> mysql_external_unsupported(const TableModel& table);

// CREATE EXTERNAL TABLE `db`.`ext` (<columns as in the destination>) ENGINE=OLAP
// [<key clause>] DISTRIBUTED BY ... PROPERTIES ("host", "port", "user", "password", "database",
// "table"). Columns, key and distribution mirror the destination table (`table`), as required.
std::string build_create_olap_external_table(const TableRef& external, const TableModel& table,
                                             const ExternalConnection& connection);

} // namespace exl::starrocks
