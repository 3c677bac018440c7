#pragma once

#include "exlschema/config/table_pattern.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Parsing of the `-t` / `-x` / `-p` comma lists. Every name is checked against what StarRocks
// allows (exl::starrocks::validate_*_name); glob characters `*` and `?` are allowed in patterns.
namespace exl::cli {

// What a `-t` / `-x` entry may be: `db.table` only, `db` only, or either.
enum class EntryShape { QualifiedTable, DatabaseOnly, Either };
// Whether entries may rename (`-t`) or not (`-x`, which only removes sources).
enum class Renames { Allowed, Refused };

// Splits `text` (the value of `flag`, e.g. "-t") into patterns. Throws exl::UsageError naming
// `flag` and the bad entry for an empty list, an empty entry (stray comma), `db.`, `.tbl`,
// `a..b`, `a.b.c`, a name StarRocks does not allow, or an entry of the wrong `shape`.
// Whitespace around entries is ignored; a repeated entry is kept once.
// Renames: `db.t=db2.t2` (QualifiedTable) and `db=db2` (DatabaseOnly) set the pattern's target
// name when `renames` is Allowed; both sides are validated like any name and neither may hold a
// glob. `db.t=db.t` is no rename. Two entries naming one
// source with different targets, or writing one target, are refused.
std::vector<config::TablePattern> parse_table_list(std::string_view flag, std::string_view text,
                                                   EntryShape shape,
                                                   Renames renames = Renames::Refused);

// Copying within one cluster (`-source` and `-target` the same alias or server) is safe only when
// every `-t` entry (`tables`) is renamed and no entry writes what another reads. Returns what is
// wrong, e.g. "entry 'd.t' is not renamed (write db.table=db2.table2)", or nullopt when it is
// safe. Patterns never rename, so a glob entry always fails.
std::optional<std::string>
within_one_cluster_problem(const std::vector<config::TablePattern>& tables);

// Splits a `-p` list of partition names; same rules for empty entries, and every name must be a
// valid partition name (no globs).
std::vector<std::string> parse_partition_list(std::string_view flag, std::string_view text);

} // namespace exl::cli
