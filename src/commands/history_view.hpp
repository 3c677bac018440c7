#pragma once

#include "exlschema/config/table_pattern.hpp"
#include "exlschema/state/state_store.hpp"

#include <string>
#include <vector>

// What `exlSchema history` shows, read from the state store once and then rendered as text
// (history_text.cpp) and JSON (history_json.cpp).
namespace exl::commands {

struct TableHistory {
  std::string table;                 // `db.table`
  std::vector<state::TableRun> runs; // newest first
};

struct HistoryView {
  std::string state_path;
  bool store_exists = true; // false: nothing recorded yet (the file is not created by history)
  int limit = 10;           // `-n`
  bool filtered = false;    // `-t` was given
  std::vector<state::RunSummary> runs; // the last `limit` runs, newest first
  std::vector<TableHistory> tables;    // the tables of those runs (those -t selects), by name
};

// Selects `db.table` names the way the run's -t does: each pattern's database and table parts
// are matched separately with fnmatch globs (`*`, `?`); no patterns select everything.
state::TableFilter table_filter(const std::vector<config::TablePattern>& patterns);

// The last `limit` runs that touched a table `patterns` selects, then for each selected table of
// those runs its own last `limit` runs.
HistoryView load_history(state::StateStore& store,
                         const std::vector<config::TablePattern>& patterns, int limit);

} // namespace exl::commands
