#include "show_create.hpp"

#include "partitions.hpp"
#include "sql_lexer.hpp"
#include "types.hpp"

#include <algorithm>

namespace srsim::engine {

namespace {

const char* const k_property_order[] = {"replication_num",
                                        "bloom_filter_columns",
                                        "colocate_with",
                                        "dynamic_partition.enable",
                                        "dynamic_partition.time_unit",
                                        "dynamic_partition.time_zone",
                                        "dynamic_partition.start",
                                        "dynamic_partition.end",
                                        "dynamic_partition.prefix",
                                        "dynamic_partition.buckets",
                                        "dynamic_partition.history_partition_num",
                                        "dynamic_partition.start_day_of_week",
                                        "dynamic_partition.start_day_of_month",
                                        "dynamic_partition.replication_num",
                                        "datacache.partition_duration",
                                        "bucket_size",
                                        "datacache.enable",
                                        "storage_volume",
                                        "enable_async_write_back",
                                        "in_memory",
                                        "enable_persistent_index",
                                        "persistent_index_type",
                                        "replicated_storage",
                                        "binlog_version",
                                        "binlog_enable",
                                        "binlog_ttl_second",
                                        "binlog_max_size",
                                        "write_quorum",
                                        "fast_schema_evolution",
                                        "storage_medium",
                                        "storage_cooldown_ttl",
                                        "partition_live_number",
                                        "unique_constraints",
                                        "foreign_key_constraints",
                                        "storage_type",
                                        "primary_index_cache_expire_sec",
                                        "compression"};

std::string idents(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", " : "") + std::string("`") + names[i] + "`";
  }
  return out;
}

// CatalogUtils.addEscapeCharacter: StarRocks prints comments with `"` and `\` escaped.
std::string comment_escaped(const std::string& text, char quote = '"') {
  std::string out;
  for (char ch : text) {
    if (ch == quote || ch == '\\') {
      out += '\\';
    }
    out += ch;
  }
  return out;
}

std::string index_line(const IndexDef& idx) {
  std::string out = "  INDEX " + idx.name + " (" + idents(idx.columns) + ")";
  if (!idx.using_type.empty()) {
    out += " USING " + idx.using_type;
  }
  if (!idx.comment.empty()) {
    out += " COMMENT '" + comment_escaped(idx.comment, '\'') + "'";
  }
  return out;
}

std::string column_line(const TableModel& m, const ColumnDef& c) {
  std::string out = "  `" + c.name + "` " + c.type;
  if (!c.agg.empty() && m.key_type == "AGGREGATE") {
    out += " " + c.agg;
  }
  out += c.nullable ? " NULL" : " NOT NULL";
  if (c.auto_increment) {
    out += " AUTO_INCREMENT";
  }
  if (c.has_default) {
    out += c.default_value == "CURRENT_TIMESTAMP" ? " DEFAULT CURRENT_TIMESTAMP"
                                                  : " DEFAULT \"" + c.default_value + "\"";
  }
  return out + " COMMENT \"" + comment_escaped(c.comment) + "\"";
}

std::string bound(const std::vector<std::string>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    out += i ? ", " : "";
    out += v[i] == "MAXVALUE" ? "MAXVALUE" : "\"" + v[i] + "\"";
  }
  return "(" + out + ")";
}

std::string partition_text(const TableModel& m, const Version& version) {
  const PartitionSpec& p = m.partition;
  if (p.type == "EXPR") {
    std::string expr = "date_trunc('" + p.expr_unit + "', " + p.columns[0] + ")";
    return version.at_least(3, 2) ? "\nPARTITION BY " + expr
                                  : "\nPARTITION BY RANGE(" + expr + ")\n()";
  }
  if (p.type == "RANGE") {
    std::string out = "\nPARTITION BY RANGE(" + idents(p.columns) + ")\n(";
    int table_rep = replication_num(m);
    for (std::size_t i = 0; i < p.partitions.size(); ++i) {
      const PartitionDef& d = p.partitions[i];
      out += (i ? ",\n" : "") + std::string("PARTITION ") + d.name + " VALUES [" + bound(d.lower) +
             ", " + bound(d.upper) + ")";
      if (d.replication_num && d.replication_num != table_rep) {
        out += "(\"replication_num\" = \"" + std::to_string(d.replication_num) + "\")";
      }
    }
    return out + ")";
  }
  if (p.type == "LIST") {
    std::string out = "\nPARTITION BY LIST(" + idents(p.columns) + ")(\n";
    for (std::size_t i = 0; i < p.partitions.size(); ++i) {
      out += (i ? ",\n" : "") + std::string("  PARTITION ") + p.partitions[i].name + " VALUES IN " +
             list_cell(p.partitions[i]);
    }
    return out + "\n)";
  }
  return "";
}

std::string distribution_text(const TableModel& m) {
  if (m.dist_type.empty()) {
    return "";
  }
  std::string out = m.dist_type == "HASH" ? "\nDISTRIBUTED BY HASH(" + idents(m.dist_columns) + ")"
                                          : "\nDISTRIBUTED BY RANDOM";
  if (m.buckets > 0) {
    out += " BUCKETS " + std::to_string(m.buckets);
  }
  return out + " ";
}

std::string properties_text(const Properties& props) {
  std::string out = "\nPROPERTIES (\n";
  for (std::size_t i = 0; i < props.size(); ++i) {
    out +=
        (i ? ",\n" : "") + std::string("\"") + props[i].first + "\" = \"" + props[i].second + "\"";
  }
  return out + "\n)";
}

} // namespace

Properties printed_properties(const TableModel& m, bool shared_data) {
  Properties all = m.properties;
  auto add_default = [&](const char* k, const char* v) {
    if (!find_property(all, k)) {
      all.emplace_back(k, v);
    }
  };
  if (shared_data) {
    add_default("datacache.enable", "true");
    add_default("storage_volume", "builtin_storage_volume");
    add_default("enable_async_write_back", "false");
    add_default("enable_persistent_index", "false");
  } else {
    add_default("replication_num", "3");
    add_default("in_memory", "false");
    add_default("enable_persistent_index", m.key_type == "PRIMARY" ? "true" : "false");
    add_default("replicated_storage", "true");
  }
  add_default("compression", "LZ4");
  Properties out;
  for (const char* k : k_property_order) {
    if (const std::string* v = find_property(all, k)) {
      out.emplace_back(k, *v);
    }
  }
  for (const auto& kv : all) {
    if (!find_property(out, kv.first)) {
      out.push_back(kv);
    }
  }
  return out;
}

namespace {

// SHOW CREATE TABLE hides passwords (ShowExecutor: getDdlStmt(.., hidePassword = true)). Up to
// 3.2 the OLAP external branch of GlobalStateMgr.getDdlStmt appends host, port, user, password
// (blank), database, table after the OLAP properties (which srsim does not print for it). From
// 3.3 (PR #42626, merged to main before branch-3.3) AstToStringBuilder prints
// OlapTable.getProperties(), a TreeMap of the common properties (replication_num) and
// ExternalOlapTable.getUniqueProperties(), through PrintableMap, which masks `password` as ***.
Properties external_olap_properties(const TableModel& m, const Version& version) {
  if (!version.at_least(3, 3)) {
    return m.properties;
  }
  Properties out = m.properties;
  out.emplace_back("replication_num", std::to_string(replication_num(m)));
  for (auto& kv : out) {
    if (kv.first == "password") {
      kv.second = "***";
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

std::string table_ddl(const TableModel& m, const Version& version, bool shared_data) {
  bool external = m.kind == "MYSQL" || m.kind == "OLAP_EXTERNAL";
  std::string out =
      std::string(external ? "CREATE EXTERNAL TABLE `" : "CREATE TABLE `") + m.name + "` (\n";
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    out += (i ? ",\n" : "") + column_line(m, m.columns[i]);
  }
  for (const IndexDef& idx : m.indexes) {
    out += ",\n" + index_line(idx);
  }
  out += "\n) ENGINE=" + m.kind + " ";
  if (m.kind == "MYSQL") {
    if (!m.comment.empty()) {
      out += "\nCOMMENT \"" + comment_escaped(m.comment) + "\"";
    }
    return out + properties_text(m.properties) + ";";
  }
  out += "\n" + m.key_type + " KEY(" + idents(m.key_columns) + ")";
  if (!m.comment.empty()) {
    out += "\nCOMMENT \"" + comment_escaped(m.comment) + "\"";
  }
  out += partition_text(m, version);
  out += distribution_text(m);
  if (!m.order_by.empty()) {
    out += "\nORDER BY(" + idents(m.order_by) + ")";
  }
  Properties props =
      m.kind == "OLAP" ? printed_properties(m, shared_data) : external_olap_properties(m, version);
  return out + properties_text(props) + ";";
}

// AstToStringBuilder.getDdlStmt (view branch): column list, `\nCOMMENT "..."` when set, then
// from 3.4.1 (secure views, docs View/CREATE_VIEW.md) always ` SECURITY INVOKER` or
// ` SECURITY NONE` (`if (view.isSecurity()) ... else sb.append(" SECURITY NONE")`), then ` AS `.
std::string view_ddl(const TableModel& m, const Version& version) {
  std::string out = "CREATE VIEW `" + m.name + "` (";
  for (std::size_t i = 0; i < m.view_columns.size(); ++i) {
    out += (i ? ", " : "") + std::string("`") + m.view_columns[i] + "`";
  }
  out += ")";
  if (!m.comment.empty()) {
    out += "\nCOMMENT \"" + comment_escaped(m.comment) + "\"";
  }
  if (version.at_least(3, 4, 1)) {
    const std::string* security = find_property(m.properties, k_view_security);
    out += security ? " SECURITY " + *security : std::string(" SECURITY NONE");
  }
  return out + " AS " + m.definition + ";";
}

} // namespace srsim::engine
