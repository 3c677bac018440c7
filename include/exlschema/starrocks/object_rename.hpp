#pragma once

#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include <optional>
#include <string>

// Views, MVs and tables re-pointed at objects renamed with `-t db.t=db2.t2` / `-t db=db2`. The
// object's own new name is not part of the model's text: print it with PrintOptions{database,
// name} (ddl_printer.hpp).
namespace exl::starrocks {

// The properties that name other tables: foreign_key_constraints (`(k) REFERENCES [cat.][db.]t(k)`,
// tables and MVs), excluded_trigger_tables / excluded_refresh_tables (MVs, `db.t` lists). When
// one of them names a renamed database or table (a word of the value equal to a mapped database
// or to a renamed table's name), the reason it is not rewritten, e.g. "property
// \"foreign_key_constraints\" names sales.orders, which is renamed on the target: not rewritten";
// nullopt when none does.
std::optional<std::string> renamed_reference_in(const Properties& properties,
                                                const QueryRenames& renames);

// The view with its definition rewritten (rewrite_query_names); the error says where and why when
// the definition cannot be rewritten exactly.
Result<ViewModel> renamed_view(ViewModel view, const QueryRenames& renames);

// The MV with its definition rewritten, refused as renamed_view does, and also when a property
// names a renamed object (renamed_reference_in), as a ParseError at offset 0.
Result<MaterializedViewModel> renamed_materialized_view(MaterializedViewModel mv,
                                                        const QueryRenames& renames);

} // namespace exl::starrocks
