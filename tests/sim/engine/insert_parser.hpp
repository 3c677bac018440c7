#pragma once

// INSERT {INTO | OVERWRITE} [db.]t [PARTITION (..)] {WITH LABEL l | (cols) | BY NAME}*
// [PROPERTIES (..)]
// {VALUES .. | query}   (starrocks-surface.md §4).

#include "insert_properties.hpp"
#include "model.hpp"
#include "sql_cursor.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace srsim::engine {

class Backend;

struct InsertStmt {
  bool overwrite = false;
  QualifiedName target;
  std::vector<std::string> partitions;
  std::string label;
  std::vector<std::string> columns;
  Properties properties;
  InsertOptions options;  // analyze_insert_properties(properties), set by insert_statement
  std::string source;     // VALUES (...) or the query, verbatim
  bool temporary = false; // TEMPORARY PARTITION (..): `partitions` names temporary partitions
  bool by_name = false;   // BY NAME (3.4+): the query's column names are the column list
  // Stream Load (stream_txns.cpp): `stage_rows` fills the stage instead of `source`, the
  // transaction `txn_id` was begun with the label before, and no SQL load job is recorded
  // (StarRocks's LoadMgr keeps none for Stream Load: SHOW_LOAD.md lists Broker Load, INSERT and
  // Spark Load only).
  std::function<void(Backend& conn, const std::string& stage)> stage_rows;
  std::int64_t txn_id = 0;
};

// The cursor stands at INSERT.
InsertStmt parse_insert(Cursor& cur);

// StarRocks's syntax error for a `/*+ set_var */` hint where the cursor's version does not take
// one (starrocks-surface.md §14): every release takes it after SELECT and between SUBMIT and
// TASK, from 3.2.0 also between INSERT and INTO, and from 3.1.7 / 3.2.3 anywhere in an INSERT.
void check_hint_places(const Cursor& cur);

// The `set_var(k = v, ..)` variables of the hint right before token `index` (names lower-case).
Properties hint_set_vars(const Cursor& cur, std::size_t index);
// The hint variables StarRocks applies to the whole statement on the cursor's release: from
// 3.1.7 / 3.2.3 every hint's; before, only those right after a leading SELECT.
Properties statement_hint_variables(const Cursor& cur);

} // namespace srsim::engine
