#include "exlschema/cli/name_list.hpp"

#include "exlschema/starrocks/names.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace exl::cli {
namespace {

[[noreturn]] void fail(std::string_view flag, const std::string& problem) {
  throw UsageError("exlSchema: " + std::string(flag) + " " + problem);
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// Comma-separated entries, trimmed; a stray comma (empty entry) is an error.
std::vector<std::string_view> split_entries(std::string_view flag, std::string_view text) {
  if (trim(text).empty()) {
    fail(flag, "is empty: give a comma list of names");
  }
  std::vector<std::string_view> entries;
  std::size_t start = 0;
  while (true) {
    const auto comma = text.find(',', start);
    const auto entry =
        trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (entry.empty()) {
      fail(flag, "has an empty entry (stray comma) in '" + std::string(text) + "'");
    }
    entries.push_back(entry);
    if (comma == std::string_view::npos) {
      return entries;
    }
    start = comma + 1;
  }
}

// Glob characters are allowed in patterns; the rest of the name must be a name some supported
// StarRocks release holds (docs/names.md). Each glob character is checked as if it were a letter,
// so `ods_*` and `*` pass and `my-*` (a database pattern) not.
std::string without_globs(std::string_view name) {
  std::string plain(name);
  std::replace_if(
      plain.begin(), plain.end(), [](char c) { return c == '*' || c == '?'; }, 'a');
  return plain;
}

void check_name(std::string_view flag, std::string_view entry, std::string_view name,
                bool is_database) {
  // The reason names the kind of name ("... in a database name"), so the entry is enough.
  const std::string plain = without_globs(name);
  const auto problem = is_database ? starrocks::validate_database_name(plain)
                                   : starrocks::validate_table_name(plain);
  if (problem) {
    fail(flag, "entry '" + std::string(entry) + "': " + *problem);
  }
}

// One side of an entry: `db` or `db.table` (globs allowed; the caller refuses them in renames).
config::TablePattern parse_side(std::string_view flag, std::string_view entry,
                                std::string_view side, EntryShape shape) {
  const auto dot = side.find('.');
  const std::string quoted = "'" + std::string(entry) + "'";
  if (dot == std::string_view::npos) {
    if (shape == EntryShape::QualifiedTable) {
      fail(flag, "entry " + quoted + " has no table: write db.table or db.* (or use -level db)");
    }
    check_name(flag, entry, side, true);
    return {std::string(side), "", "", ""};
  }
  const auto db = side.substr(0, dot);
  const auto table = side.substr(dot + 1);
  if (db.empty() || table.empty() || table.find('.') != std::string_view::npos) {
    fail(flag, "entry " + quoted + " is malformed: write db.table (one '.', both sides non-empty)");
  }
  if (shape == EntryShape::DatabaseOnly) {
    fail(flag, "entry " + quoted + " names a table, but -level db expects database names");
  }
  check_name(flag, entry, db, true);
  check_name(flag, entry, table, false);
  return {std::string(db), std::string(table), "", ""};
}

bool has_glob(std::string_view text) {
  return text.find_first_of("*?") != std::string_view::npos;
}

// `src=dst`: both sides of the same shape, exact names. A rename onto the same name is no rename.
config::TablePattern parse_rename(std::string_view flag, std::string_view entry, std::size_t equals,
                                  EntryShape shape) {
  const std::string quoted = "'" + std::string(entry) + "'";
  const auto from = trim(entry.substr(0, equals));
  const auto to = trim(entry.substr(equals + 1));
  if (from.empty() || to.empty() || to.find('=') != std::string_view::npos) {
    fail(flag, "entry " + quoted + " is malformed: write " +
                   (shape == EntryShape::DatabaseOnly ? "db=db2" : "db.table=db2.table2"));
  }
  if (has_glob(entry)) {
    fail(flag, "entry " + quoted + " renames a pattern: a renaming entry names one " +
                   (shape == EntryShape::DatabaseOnly ? "database" : "table") + ", no '*' or '?'");
  }
  config::TablePattern pattern = parse_side(flag, entry, from, shape);
  const config::TablePattern target = parse_side(flag, entry, to, shape);
  if (target.database != pattern.database || target.table != pattern.table) {
    pattern.target_database = target.database;
    pattern.target_table = target.table;
  }
  return pattern;
}

config::TablePattern parse_entry(std::string_view flag, std::string_view entry, EntryShape shape,
                                 Renames renames) {
  const auto equals = entry.find('=');
  if (equals != std::string_view::npos) {
    if (renames == Renames::Refused || shape == EntryShape::Either) {
      fail(flag, "entry '" + std::string(entry) + "' renames, but only -t entries may rename");
    }
    return parse_rename(flag, entry, equals, shape);
  }
  return parse_side(flag, entry, entry, shape);
}

// The target name an entry writes: `db` or `db.table` (a pattern's own text when it does not
// rename).
std::string target_text(const config::TablePattern& pattern) {
  const std::string& db = pattern.target_database_for(pattern.database);
  const std::string& table = pattern.target_table_for(pattern.table);
  return table.empty() ? db : db + "." + table;
}

// Each source is named once and each target written once: two entries for one source, or two
// entries onto one target, would make the target depend on the order the tables run in.
void check_one_to_one(std::string_view flag, const std::vector<config::TablePattern>& patterns) {
  std::map<std::string, const config::TablePattern*> sources;
  std::map<std::string, const config::TablePattern*> targets;
  for (const auto& pattern : patterns) {
    const auto [source, new_source] = sources.emplace(pattern.text(), &pattern);
    if (!new_source) {
      fail(flag, "entries '" + source->second->full_text() + "' and '" + pattern.full_text() +
                     "' name the same source with different targets");
    }
    const auto [target, new_target] = targets.emplace(target_text(pattern), &pattern);
    if (!new_target) {
      fail(flag, "entries '" + target->second->full_text() + "' and '" + pattern.full_text() +
                     "' both write " + target->first + " on the target");
    }
  }
}

} // namespace

std::vector<config::TablePattern> parse_table_list(std::string_view flag, std::string_view text,
                                                   EntryShape shape, Renames renames) {
  std::vector<config::TablePattern> patterns;
  for (const auto entry : split_entries(flag, text)) {
    auto pattern = parse_entry(flag, entry, shape, renames);
    if (std::find(patterns.begin(), patterns.end(), pattern) == patterns.end()) {
      patterns.push_back(std::move(pattern));
    }
  }
  check_one_to_one(flag, patterns);
  return patterns;
}

std::optional<std::string>
within_one_cluster_problem(const std::vector<config::TablePattern>& tables) {
  for (const auto& entry : tables) {
    if (!entry.renames()) {
      return "entry '" + entry.text() + "' is not renamed (write " +
             (entry.table.empty() ? "db=db2" : "db.table=db2.table2") + ")";
    }
  }
  std::map<std::string, const config::TablePattern*> readers;
  for (const auto& entry : tables) {
    readers.emplace(entry.text(), &entry);
  }
  for (const auto& writer : tables) {
    const auto reader = readers.find(target_text(writer));
    if (reader != readers.end()) {
      return "entry '" + writer.full_text() + "' writes " + reader->first + ", which entry '" +
             reader->second->full_text() + "' reads";
    }
  }
  return std::nullopt;
}

std::vector<std::string> parse_partition_list(std::string_view flag, std::string_view text) {
  std::vector<std::string> names;
  for (const auto entry : split_entries(flag, text)) {
    if (const auto problem = starrocks::validate_partition_name(entry)) {
      fail(flag, "entry '" + std::string(entry) + "': " + *problem);
    }
    if (std::find(names.begin(), names.end(), entry) == names.end()) {
      names.emplace_back(entry);
    }
  }
  return names;
}

} // namespace exl::cli
