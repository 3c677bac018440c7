#pragma once

#include <compare>
#include <string>

namespace exl::starrocks {

// A table, view or materialized view of the internal catalog: `database`.`table`.
struct ObjectName {
  std::string database;
  std::string table;

  std::string text() const { return database + "." + table; } // for messages, unquoted
  auto operator<=>(const ObjectName&) const = default;
  bool operator==(const ObjectName&) const = default;
};

} // namespace exl::starrocks
