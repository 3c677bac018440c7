#pragma once

#include <optional>
#include <string>
#include <string_view>

// What StarRocks accepts as a name, and the names exlSchema makes up itself (load labels and
// temporary objects). Pure functions: no I/O.
//
// Sources: docs `reference/System_limit.md` (2.5 .. 4.0): catalog, database, table, view, partition
// and column names consist of [A-Za-z0-9_], start with a letter or `_`, 64 characters at most
// except databases (256) and tables/columns (1024); labels are [A-Za-z0-9_] (FE source also
// accepts `-`), at most 128 characters. FE source `common/FeNameFormat.java`: DB_NAME_REGEX
// `^[a-zA-Z]\w{0,255}$|^_[a-zA-Z0-9]\w{0,254}$`, COMMON_NAME_REGEX (catalogs, partitions)
// `^[a-zA-Z]\w{0,63}$|^_[a-zA-Z0-9]\w{0,62}$`, LABEL_REGEX `^[-\w]{1,128}$`. Some newer FE builds
// accept any table name without NUL; exlSchema validates against the documented rule, which every
// supported version accepts, so a name that passes here is valid on both clusters.
namespace exl::starrocks {

inline constexpr std::size_t k_max_database_name = 256;
inline constexpr std::size_t k_max_table_name = 1024;
inline constexpr std::size_t k_max_common_name = 64; // catalogs, partitions, tasks, temp tables
inline constexpr std::size_t k_max_label = 128;

// nullopt when `name` is a valid StarRocks database name, else a short reason such as
// "contains '-' which StarRocks does not allow in a database name".
std::optional<std::string> validate_database_name(std::string_view name);

// nullopt when `name` is a valid StarRocks table (or view) name, else a short reason.
std::optional<std::string> validate_table_name(std::string_view name);

// nullopt when `name` is a valid partition / catalog / column-like ("common") name.
std::optional<std::string> validate_common_name(std::string_view name, std::string_view what);

// nullopt when `label` is a valid load label ([A-Za-z0-9_-], 1..128).
std::optional<std::string> validate_label(std::string_view label);

// A deterministic load label from `run_id`, `table` and `partition` (empty for a whole table)
// and `attempt` (0 = first). Only [A-Za-z0-9_-], at most 128 characters: characters outside
// the set become `_`, and a long label is cut and ends with a hash of the full text, so two
// different inputs never share a label by truncation.
std::string make_label(std::string_view run_id, std::string_view table, std::string_view partition,
                       int attempt = 0);

// The name of a temporary object: `exl_tmp_<run_id>_<name>`, a valid common name of at most
// 64 characters (hash-truncated when longer), so `clean` can find every leftover by prefix.
std::string make_temp_name(std::string_view run_id, std::string_view name);

// The prefix every temporary object of `run_id` starts with (`exl_tmp_<run_id>_`), or of any
// run when `run_id` is empty (`exl_tmp_`).
std::string temp_name_prefix(std::string_view run_id = {});

// A stable 64-bit FNV-1a hash of `text` as 16 lowercase hex digits.
std::string stable_hash_hex(std::string_view text);

} // namespace exl::starrocks
