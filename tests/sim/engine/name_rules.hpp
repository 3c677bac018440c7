#pragma once

// StarRocks's name rules (FE `common/FeNameFormat.java`), applied where StarRocks applies them:
// CREATE DATABASE, CREATE TABLE / VIEW / MATERIALIZED VIEW (the object's name and its columns),
// every partition a statement names into existence, and the label of a load. Each failure throws
// the EngineError StarRocks answers (texts from `common/ErrorCode.java`):
//   database   1102 42000 "Incorrect database name '%s'"  DB_NAME_REGEX
//              `^[a-zA-Z]\w{0,255}$|^_[a-zA-Z0-9]\w{0,254}$` (2.5 and later)
//   table      1103 42000 "Incorrect table name '%s'"  before 3.3 COMMON_NAME_REGEX
//              `^[a-zA-Z]\w{0,63}$|^_[a-zA-Z0-9]\w{0,62}$`; from 3.3 TABLE_NAME_REGEX
//              `^[^\0]{1,1024}$` (PR #42954, 2024-03, not backported to 3.2 or older)
//   column     1166 42000 "Incorrect column name '%s'"  COLUMN_NAME_REGEX `^[^\0=<>!\*]{1,1023}$`
//              before 3.3, `{1,1024}` from 3.3; never starting with `__starrocks_shadow_` or
//              `__doris_shadow_` (SchemaChangeHandler's shadow prefixes)
//   partition  1567 HY000 "Incorrect partition name '%s'"  COMMON_NAME_REGEX, never starting
//              with `placeholder_` (FORBIDDEN_PARTITION_NAME)
//   label      "Label format error. regex: ^[-\w]{1,128}$, label: %s" (checkLabel, called by
//              GlobalTransactionMgr.beginTransaction for every load)
// Java's `\w` is ASCII [a-zA-Z0-9_] (no UNICODE_CHARACTER_CLASS flag). srsim's storage, MariaDB,
// holds at most 64 characters per identifier: a longer table or column name that StarRocks 3.3
// would accept fails in MariaDB instead (stricter than StarRocks, never laxer).

#include "sim_api.hpp"

#include <string>

namespace srsim::engine {

void check_db_name(const std::string& name);
void check_table_name(const std::string& name, const Version& version);
void check_column_name(const std::string& name, const Version& version);
void check_partition_name(const std::string& name);
void check_label(const std::string& label);

} // namespace srsim::engine
