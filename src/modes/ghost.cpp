// -o ghost: structure only (PRODUCT.md §4.2). Sends, in creation order (tables, then the views
// and materialized views that read them):
//   target: CREATE DATABASE IF NOT EXISTS `db`            (databases the target lacks)
//   target: CREATE TABLE IF NOT EXISTS / CREATE VIEW / CREATE MATERIALIZED VIEW IF NOT EXISTS
//   target: DROP TABLE|VIEW|MATERIALIZED VIEW IF EXISTS + the CREATE  (-recreate, when it differs)
// The source only receives reads: SHOW DATABASES, SHOW FULL TABLES, SHOW CREATE TABLE.
#include "modes/ghost.hpp"

#include "exlschema/modes/mode_registry.hpp"
#include "exlschema/modes/structure.hpp"

namespace exl::modes {

const ModeInfo& GhostMode::info() const {
  return *find_mode("ghost");
}

TablePlan GhostMode::plan_table(RunContext& ctx, const TableJob& job) {
  return structure_table_plan(ctx, job);
}

std::unique_ptr<Mode> make_ghost_mode() {
  return std::make_unique<GhostMode>();
}

} // namespace exl::modes
