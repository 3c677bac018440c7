#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/mode.hpp"

#include <string>
#include <vector>

// `-t` / `-x` / `-level` against the live source (issue #9 "Table list resolution"): `db.table`,
// `db.*`, globs (`*`, `?`, fnmatch) on either part, `-level db` (every table, view and MV of the
// database), `-x` applied afterwards with the same syntax; duplicates removed, order of `-t` kept.
namespace exl::modes {

class Gate;

struct Resolution {
  std::vector<TableJob> jobs;
  std::vector<std::string> unmatched; // `-t` entries that matched nothing, as written
  std::vector<std::string> conflicts; // two sources that would land on one target name
};

// Reads SHOW DATABASES and SHOW FULL TABLES on the source. Globs never match the system
// databases (information_schema, _statistics_, sys); naming one exactly still works.
Resolution resolve_tables(Gate& gate, const config::RunOptions& options);

} // namespace exl::modes
