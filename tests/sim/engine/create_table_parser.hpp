#pragma once

// Parses StarRocks CREATE TABLE statements into a TableModel (keys, partitioning, distribution,
// properties), as written by users and by SHOW CREATE TABLE.

#include "model.hpp"
#include "partitions.hpp"
#include "sql_cursor.hpp"

#include <string>
#include <vector>

namespace srsim::engine {

struct CreateTableStmt {
  TableModel model;
  bool if_not_exists = false;
  bool external = false;
  std::string engine = "OLAP";
  bool keys_given = false;               // an explicit DUPLICATE/AGGREGATE/UNIQUE/PRIMARY KEY
  std::vector<PartitionDesc> partitions; // to add after the spec is known
  QualifiedName like;                    // CREATE TABLE t LIKE src
  std::string as_select;                 // CTAS body
};

// The cursor stands after CREATE [EXTERNAL] TABLE.
CreateTableStmt parse_create_table(Cursor& cur, bool external);
Properties parse_properties(Cursor& cur); // ( "k" = "v", ... )
// HASH(cols) | RANDOM [BUCKETS n] into `m`; the cursor stands after DISTRIBUTED.
void parse_distribution(Cursor& cur, TableModel& m);

} // namespace srsim::engine
