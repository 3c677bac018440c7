#pragma once

// INSERT {INTO | OVERWRITE} [db.]t [PARTITION (..)] {WITH LABEL l | (cols)}* [PROPERTIES (..)]
// {VALUES .. | query}   (starrocks-surface.md §4).

#include "model.hpp"
#include "sql_cursor.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

struct InsertStmt {
  bool overwrite = false;
  QualifiedName target;
  std::vector<std::string> partitions;
  std::string label;
  std::vector<std::string> columns;
  Properties properties;
  std::string source; // VALUES (...) or the query, verbatim
  bool dynamic_overwrite_hint = false;
};

// The cursor stands at INSERT.
InsertStmt parse_insert(Cursor& cur);

} // namespace srsim::engine
