// INSERT INTO / INSERT OVERWRITE (starrocks-surface.md §4, §13.1-4, §13.12).
// A load runs in three steps: (1) the rows are computed into a staging copy of the table
// (`__srsim`.stage_<txn>, same partitions, so MariaDB checks that every row has a partition and
// tells which partitions receive rows); (2) one InnoDB transaction deletes the overwritten
// partitions, copies the staged rows in, records the label and bumps partition versions in the
// metadata; (3) COMMIT. A failure anywhere rolls the transaction back, so OVERWRITE is atomic.

#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "insert_parser.hpp"
#include "load_job.hpp"

namespace srsim::engine {

Reply insert_statement(Ctx& ctx, Cursor& cur) {
  InsertStmt st = parse_insert(cur);
  // StarRocks checks the properties before it looks at the target (InsertAnalyzer.analyze).
  st.options = analyze_insert_properties(st.properties);
  if (!st.target.catalog.empty() && st.target.catalog != "default_catalog") {
    fail_unsupported("INSERT into external catalog " + st.target.catalog);
  }
  std::string db = ctx.db_or_current(st.target.db);
  ctx.require("INSERT", db);
  TableModel model = load_table(ctx, db, st.target.name);
  if (model.kind == "OLAP_EXTERNAL") {
    return insert_into_olap_external(ctx, model, join_idents(st.columns), st.source);
  }
  if (model.kind != "OLAP") {
    fail_analyzing("Only support insert into OLAP table, " + model.name + " is a " + model.kind +
                   " table");
  }
  LoadJob job(ctx, std::move(model), std::move(st));
  return job.run();
}

} // namespace srsim::engine
