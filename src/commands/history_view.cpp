#include "commands/history_view.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <set>

namespace exl::commands {
namespace {

bool glob_matches(const std::string& pattern, const std::string& text) {
  return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

// `db.table`; a StarRocks database name never holds a dot, so the first one separates them.
bool matches(const config::TablePattern& pattern, std::string_view table) {
  const auto dot = table.find('.');
  const std::string database(table.substr(0, dot));
  const std::string name(dot == std::string_view::npos ? "" : table.substr(dot + 1));
  return glob_matches(pattern.database, database) &&
         (pattern.table.empty() || glob_matches(pattern.table, name));
}

} // namespace

state::TableFilter table_filter(const std::vector<config::TablePattern>& patterns) {
  if (patterns.empty()) {
    return {};
  }
  return [patterns](std::string_view table) {
    return std::ranges::any_of(patterns,
                               [&](const auto& pattern) { return matches(pattern, table); });
  };
}

HistoryView load_history(state::StateStore& store,
                         const std::vector<config::TablePattern>& patterns, int limit) {
  HistoryView view;
  view.state_path = store.path();
  view.limit = limit;
  view.filtered = !patterns.empty();
  const state::TableFilter filter = table_filter(patterns);
  view.runs = store.recent_runs(limit, filter);
  std::set<std::string> names;
  for (const auto& run : view.runs) {
    for (const auto& table : store.run_tables(run.run_id)) {
      if (!filter || filter(table.table)) {
        names.insert(table.table);
      }
    }
  }
  for (const auto& name : names) {
    view.tables.push_back({name, store.table_runs(name, limit)});
  }
  return view;
}

} // namespace exl::commands
