#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// What StarRocks accepts as a name, and the names exlSchema makes up itself (load labels and
// temporary objects). Pure functions: no I/O.
//
// The rules, per release, with their sources: docs/names.md. In short (FE
// `common/FeNameFormat.java`, Java's `\w` being ASCII [A-Za-z0-9_]):
//   database   DB_NAME_REGEX `^[a-zA-Z]\w{0,255}$|^_[a-zA-Z0-9]\w{0,254}$` (every release)
//   table/view before 3.3 COMMON_NAME_REGEX `^[a-zA-Z]\w{0,63}$|^_[a-zA-Z0-9]\w{0,62}$`; from 3.3
//              TABLE_NAME_REGEX `^[^\0]{1,1024}$` (StarRocks PR #42954, not backported)
//   column     `^[^\0=<>!\*]{1,1023}$` (1024 from 3.3), not starting with `__starrocks_shadow_` or
//              `__doris_shadow_`
//   partition  COMMON_NAME_REGEX, not starting with `placeholder_`
//   label      LABEL_REGEX `^[-\w]{1,128}$`
// Names the user types are checked before anything connects against what SOME supported release
// holds (validate_table_name without a version); the target's release is checked once it is known
// (the versioned overloads), before anything is created there.
namespace exl::starrocks {

struct Version;

inline constexpr std::size_t k_max_database_name = 256;
inline constexpr std::size_t k_max_table_name = 1024;
inline constexpr std::size_t k_max_common_name = 64; // catalogs, partitions, tasks, temp tables
inline constexpr std::size_t k_max_label = 128;

// nullopt when `name` is a valid StarRocks database name, else a short reason such as
// "contains '-' which StarRocks does not allow in a database name".
std::optional<std::string> validate_database_name(std::string_view name);

// nullopt when some supported release holds `name` as a table (or view) name (3.3 and later: 1 to
// 1024 characters, no NUL), else a short reason.
std::optional<std::string> validate_table_name(std::string_view name);

// nullopt when `release` holds `name` as a table name (before 3.3: the common-name rule, 64
// characters; an unknown release: as above).
std::optional<std::string> validate_table_name(std::string_view name, const Version& release);

// nullopt when `release` holds `name` as a column name.
std::optional<std::string> validate_column_name(std::string_view name, const Version& release);

// nullopt when `name` is a valid partition name (the common-name rule, not `placeholder_...`).
std::optional<std::string> validate_partition_name(std::string_view name);

// nullopt when `name` is a valid catalog / task / temporary ("common") name.
std::optional<std::string> validate_common_name(std::string_view name, std::string_view what);

// nullopt when `label` is a valid load label ([A-Za-z0-9_-], 1..128).
std::optional<std::string> validate_label(std::string_view label);

// What a load label is derived from: the job, never the process. The same job loading the same
// partitions in the same round gets the same label, in this run, in a retry and in a re-run after
// a crash; so StarRocks refuses a load whose label already committed ("Label ... has already been
// used") instead of loading the rows twice, and a re-run can look up the loads its predecessor
// committed (by label, in SHOW LOAD / information_schema.loads). One scheme for every kind of load:
// SQL INSERT and INSERT OVERWRITE, Stream Load and FILES loads.
//
// `round` is the job's round number, kept in the state store: round 2 of an incremental run loads
// new rows and gets new labels. A label found FINISHED counts as done only if the partition's
// audit then agrees with the source; otherwise the partition is reloaded under the next round's
// label (StarRocks keeps labels for 3 days, label_keep_max_second, so an old label can also be
// gone). The modes build that resolution on top of this function.
struct LabelKey {
  std::string source_alias;
  std::string target_alias;
  std::string mode;                    // -o MODE
  std::string table;                   // the target table, e.g. "db.orders"
  std::vector<std::string> partitions; // the partition set loaded (order and repeats ignored);
                                       // empty: the whole table
  int round = 1;
};

// `exl_<mode>_<table>[_<partition>...]_r<round>_<hash>`: [A-Za-z0-9_-] only, at most 128
// characters. The readable part has other characters replaced by `_` and is cut when long; the
// 16-hex-digit hash of every field of `key` (partitions sorted) keeps distinct keys distinct
// whatever the sanitising and cutting did, and covers the aliases, which the readable part leaves
// out. Labels are unique per database on the server, so the table's database scopes them.
std::string make_label(const LabelKey& key);

// The name of a temporary object: `temp_name_prefix(run_id)` followed by `name`, a valid common
// name of at most 64 characters (hash-truncated when longer), so `clean` can find every leftover
// of a run by prefix.
std::string make_temp_name(std::string_view run_id, std::string_view name);

// The prefix every temporary object of `run_id` starts with, `exl_tmp_<run>__`, a valid common
// name. <run> is the run id with `_` for `-` when it is words of [A-Za-z0-9] joined by single `-`
// and at most 24 characters (a real run id `20241130T141116-ab12` gives
// `exl_tmp_20241130T141116_ab12__`), else `_<16 hex digits of its hash>`. A readable <run> never
// starts with `_` nor holds `__`, and a hashed one has a fixed length, so one run's prefix is
// never a prefix of another's: cleaning a run touches only its own objects. `exl_tmp_` (every run)
// when `run_id` is empty.
std::string temp_name_prefix(std::string_view run_id = {});

// A stable 64-bit FNV-1a hash of `text` as 16 lowercase hex digits.
std::string stable_hash_hex(std::string_view text);

} // namespace exl::starrocks
