#pragma once

#include "state/sqlite_db.hpp"

#include <string>

// The state store's schema: its tables, the version in SQLite's user_version and the steps from
// each version to the next.
namespace exl::state {

// 'exlS': SQLite's application_id of a state store, so that another program's database is told
// apart from an empty one.
constexpr std::int64_t k_application_id = 0x65786C53;

// Sets the connection up (busy timeout, WAL, foreign keys), checks that `db` is a state store
// (or empty) that is not corrupt, and creates or migrates the schema. Throws exl::ConfigError
// naming `path` otherwise.
void open_schema(Database& db, const std::string& path);

} // namespace exl::state
