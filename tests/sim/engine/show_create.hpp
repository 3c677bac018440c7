#pragma once

// SHOW CREATE TABLE / VIEW / MATERIALIZED VIEW text in StarRocks 3.x layout
// (starrocks-surface.md §1: GlobalStateMgr.getDdlStmt, RangePartitionInfo.toSql).

#include "model.hpp"
#include "sim_api.hpp"

#include <string>

namespace srsim::engine {

std::string table_ddl(const TableModel& model, const Version& version, bool shared_data);
std::string view_ddl(const TableModel& model, const Version& version);
// A view's SECURITY choice (INVOKER) in its model's properties; absent = NONE.
inline constexpr const char* k_view_security = "security";
// mv_show_create.cpp: getMaterializedViewDdlStmt per release.
std::string mv_ddl(const TableModel& model, const Version& version);
// Effective properties as StarRocks prints them: defaults filled, StarRocks's order.
Properties printed_properties(const TableModel& model, bool shared_data);

} // namespace srsim::engine
