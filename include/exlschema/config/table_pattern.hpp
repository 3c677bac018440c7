#pragma once

#include <string>

// One entry of a `-t` / `-x` list: `db.table`, `db.*`, `db.ods_*` (table level) or `db`
// (database level). Validated by the CLI before anything connects.
namespace exl::config {

enum class Level { Table, Database };

struct TablePattern {
  std::string database; // may hold glob characters `*` / `?`
  std::string table;    // empty at database level; may hold `*` / `?`

  // `db` or `db.table`, as the user wrote it.
  [[nodiscard]] std::string text() const {
    return table.empty() ? database : database + "." + table;
  }
  bool operator==(const TablePattern&) const = default;
};

} // namespace exl::config
