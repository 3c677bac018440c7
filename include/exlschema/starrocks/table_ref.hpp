#pragma once

#include <string>

namespace exl::starrocks {

// A table as SQL names it: `catalog`.`database`.`table`, `database`.`table` or `table`.
struct TableRef {
  std::string catalog; // empty: the session's catalog (default_catalog)
  std::string database;
  std::string table;

  std::string sql() const; // every part through quote_identifier
  bool operator==(const TableRef&) const = default;
};

} // namespace exl::starrocks
