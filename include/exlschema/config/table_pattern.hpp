#pragma once

#include <string>

// One entry of a `-t` / `-x` list: `db.table`, `db.*`, `db.ods_*` (table level) or `db`
// (database level), optionally renamed on the target: `db.t=db2.t2` (table level) or `db=db2`
// (database level). Validated by the CLI before anything connects.
namespace exl::config {

enum class Level { Table, Database };

struct TablePattern {
  std::string database; // may hold glob characters `*` / `?`
  std::string table;    // empty at database level; may hold `*` / `?`
  // The name on the target when the entry renames (`=`); empty: the same as the source. A
  // renaming entry names exact objects (no globs); at table level both are set.
  std::string target_database = {};
  std::string target_table = {};

  // `db` or `db.table`, the source side as the user wrote it.
  [[nodiscard]] std::string text() const {
    return table.empty() ? database : database + "." + table;
  }
  [[nodiscard]] bool renames() const { return !target_database.empty(); }
  // The target's database for a source database `source_database` matched by this entry.
  [[nodiscard]] const std::string& target_database_for(const std::string& source_database) const {
    return target_database.empty() ? source_database : target_database;
  }
  // The target's table for a source table `source_table` matched by this entry (at database
  // level every table keeps its name).
  [[nodiscard]] const std::string& target_table_for(const std::string& source_table) const {
    return target_table.empty() ? source_table : target_table;
  }
  // `db.t=db2.t2` / `db=db2` as the user wrote it, or text() when the entry does not rename.
  [[nodiscard]] std::string full_text() const {
    if (!renames()) {
      return text();
    }
    return text() + "=" +
           (target_table.empty() ? target_database : target_database + "." + target_table);
  }
  bool operator==(const TablePattern&) const = default;
};

} // namespace exl::config
