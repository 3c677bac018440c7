#include "exlschema/modes/mode_registry.hpp"

#include "modes/files.hpp"
#include "modes/ghost.hpp"
#include "modes/meta.hpp"
#include "modes/mysql.hpp"
#include "modes/pipe.hpp"
#include "modes/repair_mode.hpp"
#include "modes/starrocks.hpp"
#include "modes/v1.hpp"
#include "modes/verify.hpp"

#include <array>

namespace exl::modes {
namespace {

// Mode-specific flags per PRODUCT.md §1: `-batch`, `-batchcheck` and `-complement` belong to
// v1, `-a` (the JDBC catalog) to v1-v5, `-add` (create missing partitions) to v2/v3 (v4/v5 load
// missing partitions by definition), `-truncate` to v1's first load only (v2-v5 overwrite whole
// partitions, so emptying the table first would only widen the window in which it is empty).
constexpr std::array<std::string_view, 6> k_v1_flags{"a",          "batch",    "batchcheck",
                                                     "complement", "truncate", "checksum"};
constexpr std::array<std::string_view, 3> k_catalog_add_flags{"a", "add", "checksum"};
constexpr std::array<std::string_view, 2> k_catalog_flags{"a", "checksum"};
// -o mysql / -o starrocks / -o pipe: -truncate empties a non-empty target before the first load,
// -add creates the range/list partitions the target lacks.
constexpr std::array<std::string_view, 3> k_external_flags{"truncate", "add", "checksum"};
// -o files: as the external-table modes, and -keep-files (leave the objects in the bucket).
constexpr std::array<std::string_view, 4> k_files_flags{"truncate", "add", "checksum",
                                                        "keep-files"};

// What each mode sends, in short, for `exlSchema --man` (docs/modes.md has every statement).
// Every mode also sends the reads of the life cycle (facts, table list, SHOW CREATE TABLE, the
// target inventory) and the structure statements (CREATE DATABASE / TABLE / VIEW /
// MATERIALIZED VIEW IF NOT EXISTS on the target); the man page says so once.
constexpr std::string_view k_mysql_sql =
    "target: CREATE EXTERNAL TABLE db.exl_tmp_<run>__t (...) ENGINE=MYSQL PROPERTIES "
    "(\"host\", \"port\" = the source FE, \"user\", \"password\", \"database\", \"table\")\n"
    "target: per partition INSERT INTO t WITH LABEL l (cols) SELECT cols FROM "
    "db.exl_tmp_<run>__t WHERE <partition bounds> [AND (-where)]\n"
    "target: incremental round, per differing partition INSERT OVERWRITE t PARTITION (p) "
    "WITH LABEL l ...\n"
    "target: DROP TABLE IF EXISTS db.exl_tmp_<run>__t";
constexpr std::string_view k_starrocks_sql =
    "target: SHOW FRONTENDS (the leader FE); ALTER TABLE t ADD PARTITION(S) the writes need\n"
    "source: CREATE EXTERNAL TABLE src_db.exl_tmp_<run>__t (...) ENGINE=OLAP PROPERTIES "
    "(\"host\" = the target's leader FE, \"port\" = its rpc_port, \"user\", \"password\", "
    "\"database\", \"table\")\n"
    "source: per partition INSERT INTO src_db.exl_tmp_<run>__t WITH LABEL l (cols) SELECT cols "
    "FROM src_db.t WHERE <partition bounds> [AND (-where)]\n"
    "target: incremental round, per differing partition ALTER TABLE t ADD TEMPORARY PARTITION, "
    "the INSERT into it, ALTER TABLE t REPLACE PARTITION (p) WITH TEMPORARY PARTITION (...)\n"
    "source: DROP TABLE IF EXISTS src_db.exl_tmp_<run>__t";
constexpr std::string_view k_meta_sql =
    "both: SHOW BACKENDS, ADMIN SHOW FRONTEND CONFIG (preconditions)\n"
    "target: ADMIN SET FRONTEND CONFIG (\"enable_legacy_compatibility_for_replication\" = "
    "\"true\") when off, set back at the end\n"
    "this host: writes conf/sync.properties and conf/hosts.properties of scs.home, runs "
    "bin/start.sh, follows log/sync.INFO.log, runs bin/stop.sh\n"
    "both: the audit, one count statement per table per side (with partition versions)";
constexpr std::string_view k_ghost_sql =
    "source: SHOW CREATE TABLE db.t, DESC db.t ALL (reads only)\n"
    "target: CREATE DATABASE IF NOT EXISTS, CREATE TABLE IF NOT EXISTS, CREATE VIEW, "
    "CREATE MATERIALIZED VIEW IF NOT EXISTS in dependency order\n"
    "target: with -recreate and a difference, DROP TABLE / VIEW / MATERIALIZED VIEW IF EXISTS "
    "first";
constexpr std::string_view k_v1_sql =
    "target: with -a, CREATE EXTERNAL CATALOG exl_src_<alias> PROPERTIES (\"type\" = \"jdbc\", "
    "\"jdbc_uri\", \"user\", \"password\", \"driver_url\", \"driver_class\"), kept for later "
    "runs\n"
    "target: TRUNCATE TABLE t first with -truncate\n"
    "target: INSERT INTO t WITH LABEL l (cols) SELECT cols FROM exl_src_<alias>.db.t "
    "[WHERE -where] (per batch with -batch)\n"
    "source: with -batch, SELECT MAX(c) AS exl_bound FROM (SELECT c, NTILE(n) OVER "
    "(ORDER BY c) ...) GROUP BY exl_tile for a partition larger than -speed\n"
    "target: with -complement, INSERT OVERWRITE t PARTITION (p) ... per differing partition";
constexpr std::string_view k_v2_sql =
    "target: with -a, the JDBC catalog as v1\n"
    "both: the audit, one count statement per table per side\n"
    "target: with -add, ALTER TABLE t ADD PARTITION IF NOT EXISTS p VALUES ...\n"
    "target: per differing partition INSERT OVERWRITE t PARTITION (p) WITH LABEL l (cols) "
    "SELECT cols FROM exl_src_<alias>.db.t WHERE <partition bounds>";
constexpr std::string_view k_v3_sql =
    "target: with -a, the JDBC catalog as v1\n"
    "both: the audit, one count statement per table per side\n"
    "target: per batch of -speed GB SUBMIT TASK exl_tmp_<run>__load_<hash> AS INSERT OVERWRITE "
    "t PARTITION (p1, p2, ...) ...; reads information_schema.task_runs; DROP TASK when done";
constexpr std::string_view k_v4_sql =
    "target: with -a, the JDBC catalog as v1\n"
    "source: SHOW PARTITIONS (metadata only); target: the count statement\n"
    "target: per partition missing or empty on the target, ALTER TABLE t ADD PARTITION IF NOT "
    "EXISTS (range/list), then INSERT INTO t WITH LABEL l ... WHERE <partition bounds>";
constexpr std::string_view k_v5_sql =
    "target: with -a, the JDBC catalog as v1\n"
    "source: SHOW PARTITIONS (metadata only); target: the count statement\n"
    "target: per batch of missing or empty partitions SUBMIT TASK exl_tmp_<run>__load_<hash> AS "
    "INSERT INTO t ...; DROP TASK when done";
constexpr std::string_view k_pipe_sql =
    "source: per partition (or key range of -speed GB) SELECT cols FROM db.t WHERE <partition "
    "bounds> [AND (-where)], streamed\n"
    "target: PUT http://<fe>:<http_port>/api/db/t/_stream_load with label, format CSV, "
    "strict_mode true, max_filter_ratio 0 (the 307 to a BE followed once)\n"
    "target: incremental round, per differing partition ALTER TABLE t ADD TEMPORARY PARTITION, "
    "the Stream Load with temporary_partitions, ALTER TABLE t REPLACE PARTITION";
constexpr std::string_view k_files_sql =
    "source: per partition INSERT INTO FILES(\"path\" = \"s3://<bucket>/<prefix>/<run>/r<round>/"
    "db/t/p/\", \"format\", credentials ***) SELECT cols FROM db.t WHERE <partition bounds>\n"
    "this host: with storage.target, copies the objects to the second bucket (S3 API, verified)\n"
    "target: INSERT INTO t PARTITION (p) WITH LABEL l (cols) SELECT ... FROM FILES(\"path\" = "
    "\"s3://<bucket>/.../p/*\", ...) (INSERT OVERWRITE in an incremental round)\n"
    "this host: deletes the run's objects once the table is verified (not with -keep-files)";

// Summaries follow PRODUCT.md §4.2-4.10. A row whose mode has not landed yet says so
// (`implemented` false) and the run stops before connecting. `-where` is allowed on
// the first (one-time) load of v1 and of the external-table and pipe modes; v2-v5 overwrite
// partitions and ghost/meta copy no rows through a SELECT of exlSchema's.
constexpr std::array k_modes{
    ModeInfo{.name = "mysql",
             .summary = "copy through a temporary MySQL external table on the target",
             .writes = true,
             .implemented = true,
             .mode_flags = k_external_flags,
             .where_ok_one_time = true,
             .overwrites_partitions = false,
             .make = make_mysql_mode,
             .rounds = true,
             .statements = k_mysql_sql},
    ModeInfo{.name = "starrocks",
             .summary = "copy through a temporary StarRocks (OLAP) external table on the source",
             .writes = true,
             .implemented = true,
             .mode_flags = k_external_flags,
             .where_ok_one_time = true,
             .overwrites_partitions = false,
             .make = make_starrocks_mode,
             .rounds = true,
             .statements = k_starrocks_sql},
    ModeInfo{.name = "meta",
             .summary = "run the official starrocks-cluster-sync with generated configuration",
             .writes = true,
             .implemented = true,
             .mode_flags = {},
             .where_ok_one_time = false,
             .overwrites_partitions = false,
             .make = make_meta_mode,
             .rounds = false,
             .check_options = check_meta_options,
             .statements = k_meta_sql},
    ModeInfo{.name = "ghost",
             .summary = "clone structure only (tables, views, materialized views), no data",
             .writes = true,
             .implemented = true,
             .mode_flags = {},
             .where_ok_one_time = false,
             .overwrites_partitions = false,
             .make = make_ghost_mode,
             .statements = k_ghost_sql},
    ModeInfo{.name = "v1",
             .summary = "JDBC catalog: INSERT ... SELECT per table, optionally in capacity batches",
             .writes = true,
             .implemented = true,
             .mode_flags = k_v1_flags,
             .where_ok_one_time = true,
             .overwrites_partitions = false,
             .make = make_v1_mode,
             .statements = k_v1_sql},
    ModeInfo{.name = "v2",
             .summary = "audit both sides, overwrite each differing partition, one at a time",
             .writes = true,
             .implemented = true,
             .mode_flags = k_catalog_add_flags,
             .where_ok_one_time = false,
             .overwrites_partitions = true,
             .make = make_v2_mode,
             .rounds = true,
             .statements = k_v2_sql},
    ModeInfo{.name = "v3",
             .summary = "audit both sides, overwrite differing partitions in batched async tasks",
             .writes = true,
             .implemented = true,
             .mode_flags = k_catalog_add_flags,
             .where_ok_one_time = false,
             .overwrites_partitions = true,
             .make = make_v3_mode,
             .rounds = true,
             .statements = k_v3_sql},
    ModeInfo{.name = "v4",
             .summary = "audit the target only, load missing or empty partitions one at a time",
             .writes = true,
             .implemented = true,
             .mode_flags = k_catalog_flags,
             .where_ok_one_time = false,
             .overwrites_partitions = true,
             .make = make_v4_mode,
             .rounds = true,
             .statements = k_v4_sql},
    ModeInfo{.name = "v5",
             .summary = "audit the target only, load missing or empty partitions in batches",
             .writes = true,
             .implemented = true,
             .mode_flags = k_catalog_flags,
             .where_ok_one_time = false,
             .overwrites_partitions = true,
             .make = make_v5_mode,
             .rounds = true,
             .statements = k_v5_sql},
    ModeInfo{.name = "pipe",
             .summary = "stream through this host: SELECT from the source, Stream Load the target",
             .writes = true,
             .implemented = true,
             .mode_flags = k_external_flags,
             .where_ok_one_time = true,
             .overwrites_partitions = false,
             .make = make_pipe_mode,
             .rounds = true,
             .statements = k_pipe_sql},
    ModeInfo{.name = "files",
             .summary = "through object storage: INSERT INTO FILES on the source, FILES() load",
             .writes = true,
             .implemented = true,
             .mode_flags = k_files_flags,
             .where_ok_one_time = true,
             .overwrites_partitions = false,
             .make = make_files_mode,
             .rounds = true,
             .check_options = check_files_options,
             .statements = k_files_sql},
};

} // namespace

std::span<const ModeInfo> mode_table() {
  return k_modes;
}

const ModeInfo* find_mode(std::string_view name) {
  for (const ModeInfo& mode : k_modes) {
    if (mode.name == name) {
      return &mode;
    }
  }
  // `exlSchema verify` runs as a read-only mode of its own; it is not an -o value.
  return name == verify_mode_info().name ? &verify_mode_info() : nullptr;
}

} // namespace exl::modes
