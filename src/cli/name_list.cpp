#include "exlschema/cli/name_list.hpp"

#include "exlschema/starrocks/names.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
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

// Glob characters are allowed in patterns; the rest of the name must be a valid StarRocks name.
// Each glob character is checked as if it were a letter, so `ods_*` and `*` pass and `a-*` not.
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

config::TablePattern parse_entry(std::string_view flag, std::string_view entry, EntryShape shape) {
  const auto dot = entry.find('.');
  const std::string quoted = "'" + std::string(entry) + "'";
  if (dot == std::string_view::npos) {
    if (shape == EntryShape::QualifiedTable) {
      fail(flag, "entry " + quoted + " has no table: write db.table or db.* (or use -level db)");
    }
    check_name(flag, entry, entry, true);
    return {std::string(entry), ""};
  }
  const auto db = entry.substr(0, dot);
  const auto table = entry.substr(dot + 1);
  if (db.empty() || table.empty() || table.find('.') != std::string_view::npos) {
    fail(flag, "entry " + quoted + " is malformed: write db.table (one '.', both sides non-empty)");
  }
  if (shape == EntryShape::DatabaseOnly) {
    fail(flag, "entry " + quoted + " names a table, but -level db expects database names");
  }
  check_name(flag, entry, db, true);
  check_name(flag, entry, table, false);
  return {std::string(db), std::string(table)};
}

} // namespace

std::vector<config::TablePattern> parse_table_list(std::string_view flag, std::string_view text,
                                                   EntryShape shape) {
  std::vector<config::TablePattern> patterns;
  for (const auto entry : split_entries(flag, text)) {
    auto pattern = parse_entry(flag, entry, shape);
    if (std::find(patterns.begin(), patterns.end(), pattern) == patterns.end()) {
      patterns.push_back(std::move(pattern));
    }
  }
  return patterns;
}

std::vector<std::string> parse_partition_list(std::string_view flag, std::string_view text) {
  std::vector<std::string> names;
  for (const auto entry : split_entries(flag, text)) {
    if (const auto problem = starrocks::validate_common_name(entry, "partition name")) {
      fail(flag, "entry '" + std::string(entry) + "': " + *problem);
    }
    if (std::find(names.begin(), names.end(), entry) == names.end()) {
      names.emplace_back(entry);
    }
  }
  return names;
}

} // namespace exl::cli
