#include "state/state_schema.hpp"

#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"
#include "state/state_file.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <thread>

namespace exl::state {
namespace {

// Long enough for another run's finish_run (one transaction of a few thousand rows) to commit.
constexpr int k_busy_timeout_ms = 30000;

// k_migrations[i] turns a version-i store into version i+1. Append, never edit: a store written
// by an older build is migrated step by step.
constexpr std::array<const char*, StateStore::k_schema_version> k_migrations{
    R"sql(
CREATE TABLE runs (
  run_id       TEXT PRIMARY KEY,
  command_line TEXT NOT NULL,
  mode         TEXT NOT NULL,
  source       TEXT NOT NULL,
  target       TEXT NOT NULL,
  dry_run      INTEGER NOT NULL,
  status       TEXT NOT NULL,
  started_ms   INTEGER NOT NULL,
  ended_ms     INTEGER,
  exit_code    INTEGER
);
CREATE INDEX runs_by_start ON runs (started_ms);
CREATE TABLE run_tables (
  run_id               TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  table_name           TEXT NOT NULL,
  target_table         TEXT NOT NULL,
  mode                 TEXT NOT NULL,
  status               TEXT NOT NULL,
  rows_moved           INTEGER,
  source_rows          INTEGER,
  target_rows          INTEGER,
  partitions_audited   INTEGER NOT NULL,
  partitions_rewritten INTEGER NOT NULL,
  elapsed_ms           INTEGER NOT NULL,
  error                TEXT NOT NULL,
  outcome              TEXT NOT NULL,
  recommended_mode     TEXT NOT NULL,
  PRIMARY KEY (run_id, table_name)
);
CREATE INDEX run_tables_by_table ON run_tables (table_name);
CREATE TABLE run_tasks (
  run_id     TEXT NOT NULL REFERENCES runs (run_id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  task_id    TEXT NOT NULL,
  name       TEXT NOT NULL,
  table_name TEXT NOT NULL,
  status     TEXT NOT NULL,
  attempts   INTEGER NOT NULL,
  rows_moved INTEGER,
  started_ms INTEGER NOT NULL,
  ended_ms   INTEGER NOT NULL,
  error      TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
);
CREATE TABLE task_partitions (
  run_id         TEXT NOT NULL,
  seq            INTEGER NOT NULL,
  partition_name TEXT NOT NULL,
  FOREIGN KEY (run_id, seq) REFERENCES run_tasks (run_id, seq) ON DELETE CASCADE
);
CREATE INDEX task_partitions_by_task ON task_partitions (run_id, seq);
CREATE TABLE task_labels (
  run_id TEXT NOT NULL,
  seq    INTEGER NOT NULL,
  label  TEXT NOT NULL,
  FOREIGN KEY (run_id, seq) REFERENCES run_tasks (run_id, seq) ON DELETE CASCADE
);
CREATE INDEX task_labels_by_task ON task_labels (run_id, seq);
CREATE INDEX task_labels_by_label ON task_labels (label);
CREATE TABLE partition_versions (
  source         TEXT NOT NULL,
  target         TEXT NOT NULL,
  table_name     TEXT NOT NULL,
  partition_name TEXT NOT NULL,
  source_version INTEGER NOT NULL,
  target_version INTEGER,
  row_count      INTEGER NOT NULL,
  seen_ms        INTEGER NOT NULL,
  PRIMARY KEY (source, target, table_name, partition_name)
);
)sql",
    // 1 -> 2: the PartitionId of each side, so that an OVERWRITE or TRUNCATE (new id, version back
    // to 1 or 2) is never taken for an unchanged partition. Rows of version 1 keep NULL ids and are
    // counted again at the next audit.
    R"sql(
ALTER TABLE partition_versions ADD COLUMN source_id INTEGER;
ALTER TABLE partition_versions ADD COLUMN target_id INTEGER;
)sql",
    // 2 -> 3: whether the two sides were found equal by content checksum (issue #11) or by row
    // counts only; a checksum audit skips only partitions a checksum found equal.
    R"sql(
ALTER TABLE partition_versions ADD COLUMN content_checked INTEGER NOT NULL DEFAULT 0;
)sql",
    // 3 -> 4: -o files (issue #17) keeps each unit's way through object storage, so that a
    // re-run after a crash does not export again what is already in the bucket.
    R"sql(
CREATE TABLE file_units (
  source         TEXT NOT NULL,
  target         TEXT NOT NULL,
  table_name     TEXT NOT NULL,
  unit           TEXT NOT NULL,
  run_id         TEXT NOT NULL,
  export_url     TEXT NOT NULL,
  load_url       TEXT NOT NULL,
  stage          TEXT NOT NULL,
  format         TEXT NOT NULL,
  source_id      INTEGER,
  source_version INTEGER,
  objects        INTEGER NOT NULL,
  bytes          INTEGER NOT NULL,
  label          TEXT NOT NULL,
  updated_ms     INTEGER NOT NULL,
  PRIMARY KEY (source, target, table_name, unit)
);
)sql"};

[[noreturn]] void fail_schema(const std::string& path, const std::string& reason) {
  throw ConfigError(state_error(path, reason));
}

// quick_check reads every page: a damaged file is found now, before a run has done anything,
// rather than when finish_run cannot record what it did.
void check_integrity(Database& db, const std::string& path) {
  Statement check(db, "PRAGMA quick_check(1)");
  std::string result = check.step() ? check.column_text(0) : "no answer";
  if (result != "ok") {
    // SQLite's report spans lines; the error is one line.
    std::replace(result.begin(), result.end(), '\n', ' ');
    fail_schema(path, "is corrupt (" + result + ")");
  }
}

// Which version the file holds: 0 for an empty database, or throws for a database that is not
// a state store or is newer than this build.
int stored_version(Database& db, const std::string& path) {
  // One statement, so one snapshot: read one by one, another process's migration could commit
  // between them and leave application_id 0 beside a filled schema ("not a state store").
  Statement header(db, "SELECT (SELECT application_id FROM pragma_application_id), "
                       "(SELECT user_version FROM pragma_user_version), "
                       "(SELECT count(*) FROM sqlite_schema)");
  if (!header.step()) {
    fail_schema(path, "gave no header");
  }
  const std::int64_t application_id = header.column_int(0);
  const std::int64_t version = header.column_int(1);
  if (application_id == 0 && version == 0 && header.column_int(2) == 0) {
    return 0;
  }
  if (application_id != k_application_id) {
    fail_schema(path, "is a SQLite database, but not an exlSchema state store");
  }
  if (version > StateStore::k_schema_version) {
    fail_schema(path, "was written by a newer exlSchema (schema version " +
                          std::to_string(version) + "; this build knows up to " +
                          std::to_string(StateStore::k_schema_version) + ")");
  }
  return static_cast<int>(version);
}

void migrate(Database& db, const std::string& path) {
  if (stored_version(db, path) == StateStore::k_schema_version) {
    return;
  }
  // Another process may be migrating the same file: take the write lock, then look again.
  WriteTransaction transaction(db);
  for (int version = stored_version(db, path); version < StateStore::k_schema_version; ++version) {
    db.exec(k_migrations.at(static_cast<std::size_t>(version)));
  }
  db.exec("PRAGMA application_id = " + std::to_string(k_application_id));
  db.exec("PRAGMA user_version = " + std::to_string(StateStore::k_schema_version));
  transaction.commit();
}

std::string reason_of(const SqliteError& e) {
  switch (e.code() & 0xff) {
  case SQLITE_NOTADB:
    return "is not a SQLite database (" + std::string(e.what()) + ")";
  case SQLITE_CORRUPT:
    return "is corrupt (" + std::string(e.what()) + ")";
  default:
    return e.what();
  }
}

} // namespace

void open_schema(Database& db, const std::string& path) {
  sqlite3_busy_timeout(db.handle(), k_busy_timeout_ms);
  // SQLite answers SQLITE_BUSY without calling the busy handler where waiting could deadlock
  // (https://www.sqlite.org/c3ref/busy_handler.html): seen when two processes open a new store
  // at once, one converting it to WAL while the other reads it in rollback mode. Every step below
  // can be done again, so a busy open is retried until the same timeout.
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(k_busy_timeout_ms);
  for (int attempt = 1;; ++attempt) {
    try {
      // The first statement reads the header: a file of garbage fails here with SQLITE_NOTADB.
      db.query_int("PRAGMA schema_version");
      check_integrity(db, path);
      // WAL: readers (history) never block the writer, and writers from several processes queue
      // on the busy timeout. The journal mode is stored in the file, so this changes it once.
      db.exec("PRAGMA journal_mode = WAL");
      db.exec("PRAGMA synchronous = NORMAL");
      db.exec("PRAGMA foreign_keys = ON");
      migrate(db, path);
      return;
    } catch (const SqliteError& e) {
      const bool busy = (e.code() & 0xff) == SQLITE_BUSY || (e.code() & 0xff) == SQLITE_LOCKED;
      if (!busy || std::chrono::steady_clock::now() >= deadline) {
        fail_schema(path, reason_of(e));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min(5 * attempt, 100)));
    }
  }
}

} // namespace exl::state
