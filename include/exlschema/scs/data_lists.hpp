#pragma once

#include "exlschema/config/table_pattern.hpp"

#include <map>
#include <string>
#include <vector>

// include_data_list / exclude_data_list from `-t` / `-x` (docs/modes.md "-o meta"). scs takes
// `db` (the whole database, tables created later included) and `db.tbl` entries, include first,
// then exclude, and has no globs: a glob is expanded against the source's objects here.
namespace exl::scs {

struct DataLists {
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

// `source`: every source database with its objects' names (tables, views, MVs), as listed when
// the run starts. A database-level `-t db` and `-t db.*` become `db`; a glob becomes the names
// it matches (fnmatch, as the table resolver matches them). Entries that rename are refused
// before this (scs cannot rename). The lists are sorted and without repeats.
DataLists data_lists(const std::vector<config::TablePattern>& tables,
                     const std::vector<config::TablePattern>& excludes,
                     const std::map<std::string, std::vector<std::string>>& source);

} // namespace exl::scs
