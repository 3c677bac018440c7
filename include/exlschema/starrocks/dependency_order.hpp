#pragma once

#include "exlschema/starrocks/object_name.hpp"
#include "exlschema/starrocks/result.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

// Which tables a view or materialized view reads, and the order to create a set of tables, views
// and MVs in so that each comes after what it reads (issue #9, structure cloning).
namespace exl::starrocks {

struct ReferencedTables {
  std::vector<ObjectName> tables;    // internal-catalog tables, views and MVs, first mention first
  std::vector<std::string> external; // `catalog.db.tbl` of external catalogs, as written
};

// The objects `query` (a view's or MV's definition as SHOW CREATE prints it: tables as
// `db`.`tbl`, optionally behind `default_catalog` or with the pre-3.0 `default_cluster:db`)
// reads in FROM / JOIN, CTE names excluded, each once. ParseError for text it cannot tokenise and
// for a table without its database (the query would depend on the session's database).
Result<ReferencedTables> referenced_tables(std::string_view query);

enum class ObjectKind { Table, View, MaterializedView };

struct CloneObject {
  ObjectName name; // on the source
  ObjectKind kind = ObjectKind::Table;
  std::string definition; // the view's / MV's query (ViewModel / MaterializedViewModel
                          // definition); empty for a table
};

struct ObjectFailure {
  std::size_t object = 0; // index into the objects
  std::string reason;     // one line, e.g. "dependency cycle: d.v1 -> d.v2 -> d.v1"
};

struct CreationOrder {
  std::vector<std::size_t> order;      // indexes into the objects, in creation order
  std::vector<ObjectFailure> failures; // the objects not in `order`, in input order
};

// Orders `objects` so that each comes after every object of the set it reads: the tables first in
// input order, then views and MVs depth-first in input order (an object right after the last
// thing it reads). Each object is in `order` or in `failures`, never
// both; nothing throws. An object fails when its definition cannot be read (referenced_tables),
// when it reads an object that is neither in the set nor, by `exists_on_target` (called with the
// name as the query writes it, on the source side), already on the target, when it is part of a
// dependency cycle, or when it reads an object that fails.
CreationOrder creation_order(const std::vector<CloneObject>& objects,
                             const std::function<bool(const ObjectName&)>& exists_on_target);

} // namespace exl::starrocks
