#pragma once

// The query text SHOW CREATE MATERIALIZED VIEW / VIEW prints after AS. Views: getDdlStmt prints
// View.getInlineViewDefWithoutCredential(), also re-rendered from the analysed query (tables and
// columns fully qualified, AstToSQLBuilder.toSQL); srsim qualifies the tables the same way.

#include <string>

namespace srsim::engine {

// StarRocks stores an MV's query re-rendered from its analysed AST
// (MaterializedView.getMaterializedViewDdlStmt(true) prints getSimpleDefineSql(), built by
// AstToSQLBuilder.buildSimple): every table in FROM/JOIN position is qualified by its database
// (`db`.`tbl`; an unqualified table is resolved against the session's database). This renders
// that part: each table reference of `sql` becomes `db`.`tbl` (`current_db` for bare names; CTE
// names, table functions and external catalogs' names are left as written). The rest of the
// text stays as written, where StarRocks would also print columns as `tbl`.`col`, backquote
// every name and normalise keywords (docs/srsim-engine.md, known differences).
std::string qualified_define_sql(const std::string& sql, const std::string& current_db);

} // namespace srsim::engine
