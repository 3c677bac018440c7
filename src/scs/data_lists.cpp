#include "exlschema/scs/data_lists.hpp"

#include <fnmatch.h>

#include <set>

namespace exl::scs {
namespace {

bool has_glob(const std::string& text) {
  return text.find_first_of("*?[") != std::string::npos;
}

bool matches(const std::string& pattern, const std::string& name) {
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

// The scs entries one `-t` / `-x` entry stands for.
std::set<std::string> entries(const config::TablePattern& pattern,
                              const std::map<std::string, std::vector<std::string>>& source) {
  std::set<std::string> out;
  const bool whole = pattern.table.empty() || pattern.table == "*";
  if (!has_glob(pattern.database) && whole) {
    out.insert(pattern.database);
    return out;
  }
  if (!has_glob(pattern.database) && !has_glob(pattern.table)) {
    out.insert(pattern.database + "." + pattern.table);
    return out;
  }
  for (const auto& [database, objects] : source) {
    if (!matches(pattern.database, database)) {
      continue;
    }
    if (whole) {
      out.insert(database);
      continue;
    }
    for (const std::string& object : objects) {
      if (matches(pattern.table, object)) {
        out.insert(database + "." + object);
      }
    }
  }
  return out;
}

std::vector<std::string>
all_entries(const std::vector<config::TablePattern>& patterns,
            const std::map<std::string, std::vector<std::string>>& source) {
  std::set<std::string> out;
  for (const config::TablePattern& pattern : patterns) {
    out.merge(entries(pattern, source));
  }
  return {out.begin(), out.end()};
}

} // namespace

DataLists data_lists(const std::vector<config::TablePattern>& tables,
                     const std::vector<config::TablePattern>& excludes,
                     const std::map<std::string, std::vector<std::string>>& source) {
  return DataLists{all_entries(tables, source), all_entries(excludes, source)};
}

} // namespace exl::scs
