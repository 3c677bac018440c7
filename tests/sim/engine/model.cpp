#include "model.hpp"

#include "sql_lexer.hpp"

#include <nlohmann/json.hpp>

namespace srsim::engine {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ColumnDef, name, type, sql_type, base, nullable,
                                                agg, auto_increment, has_default, default_value,
                                                comment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(IndexDef, name, columns, using_type, comment)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PartitionDef, name, id, lower, upper, values,
                                                version, version_time, replication_num)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PartitionSpec, type, columns, expr_unit, partitions)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(TableModel, db, name, kind, id, columns, indexes,
                                                key_type, key_columns, comment, partition,
                                                dist_type, dist_columns, buckets, order_by,
                                                properties, definition, view_columns, refresh,
                                                create_time, update_time)

std::string to_json(const TableModel& model) {
  return nlohmann::json(model).dump();
}

TableModel table_from_json(const std::string& text) {
  return nlohmann::json::parse(text).get<TableModel>();
}

const std::string* find_property(const Properties& props, const std::string& key) {
  for (const auto& [k, v] : props) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

int replication_num(const TableModel& model) {
  const std::string* v = find_property(model.properties, "replication_num");
  return v ? std::stoi(*v) : 3;
}

const ColumnDef* find_column(const TableModel& model, const std::string& name) {
  for (const ColumnDef& c : model.columns) {
    if (to_lower(c.name) == to_lower(name)) {
      return &c;
    }
  }
  return nullptr;
}

} // namespace srsim::engine
