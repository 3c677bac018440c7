#pragma once

#include "exlschema/config/table_pattern.hpp"

#include <string>
#include <string_view>
#include <vector>

// Parsing of the `-t` / `-x` / `-p` comma lists. Every name is checked against what StarRocks
// allows (exl::starrocks::validate_*_name); glob characters `*` and `?` are allowed in patterns.
namespace exl::cli {

// What a `-t` / `-x` entry may be: `db.table` only, `db` only, or either.
enum class EntryShape { QualifiedTable, DatabaseOnly, Either };

// Splits `text` (the value of `flag`, e.g. "-t") into patterns. Throws exl::UsageError naming
// `flag` and the bad entry for an empty list, an empty entry (stray comma), `db.`, `.tbl`,
// `a..b`, `a.b.c`, a name StarRocks does not allow, or an entry of the wrong `shape`.
// Whitespace around entries is ignored; a repeated entry is kept once.
std::vector<config::TablePattern> parse_table_list(std::string_view flag, std::string_view text,
                                                   EntryShape shape);

// Splits a `-p` list of partition names; same rules for empty entries, and every name must be a
// valid partition name (no globs).
std::vector<std::string> parse_partition_list(std::string_view flag, std::string_view text);

} // namespace exl::cli
