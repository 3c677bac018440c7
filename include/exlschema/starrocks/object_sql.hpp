#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <string>
#include <string_view>

// DDL for views and materialized views on the target (reference §1, §3). No trailing ';'.
namespace exl::starrocks {

// CREATE VIEW `db`.`name` ... AS <definition> (the definition as given: already rewritten for the
// target's database names).
std::string build_create_view(const ViewModel& view, const TableRef& target);

// CREATE MATERIALIZED VIEW IF NOT EXISTS `db`.`name` ... AS <definition>
std::string build_create_materialized_view(const MaterializedViewModel& mv, const TableRef& target);

std::string build_drop_view(const TableRef& view);            // DROP VIEW IF EXISTS
std::string build_drop_materialized_view(const TableRef& mv); // DROP MATERIALIZED VIEW IF EXISTS

// SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.tables WHERE TABLE_NAME
// LIKE "<prefix>%": `_` and `%` in the prefix are wildcards to LIKE, so callers keep only the
// names that really start with the prefix (starts_with).
std::string build_list_tables_like(std::string_view name_prefix);

} // namespace exl::starrocks
