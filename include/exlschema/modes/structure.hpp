#pragma once

#include "exlschema/modes/mode.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include <optional>
#include <string>
#include <vector>

// Structure cloning, shared by every mode (PRODUCT.md §4.1, issue #9): read the source object's
// SHOW CREATE, rewrite it for the target, compare it with what the target already has, and say
// which DDL brings the target there. Reads only; the statements run later through the gate.
namespace exl::modes {

struct RunContext;

struct StructurePlan {
  ObjectKind kind = ObjectKind::Table;
  std::vector<Statement> statements; // in order; empty when the target already matches
  std::vector<std::string> warnings; // one per dropped or neutralised setting
  std::string outcome;               // created, equal, recreated
  std::string summary;
  std::optional<std::string> refused; // differs without -recreate, external table, ...
  std::vector<std::string> reads;     // views and MVs: the `db.table` objects their query reads
  std::string definition;             // views and MVs: the source's query
  std::optional<starrocks::TableModel> source_table; // tables: the source's model
  starrocks::Properties deferred; // settings held back until the data is in (rewrite_for_target)
};

StructurePlan plan_structure(RunContext& ctx, const TableJob& job);

// Sets on the target the table settings rewrite_for_target held back until the data is in
// (TablePlan::deferred): one ALTER TABLE .. SET per setting, through the gate.
void restore_deferred(RunContext& ctx, const TablePlan& plan);

// The table plan every mode starts from: plan_structure's statements, notes, outcome and model.
TablePlan structure_table_plan(RunContext& ctx, const TableJob& job);

// SHOW CREATE TABLE of `ref` on `side`, parsed (a table, a view or an MV). Throws FatalError
// when the DDL cannot be read exactly, and what the read throws (db::SqlError).
starrocks::AnyModel read_object_model(RunContext& ctx, Side side, const starrocks::TableRef& ref);

} // namespace exl::modes
