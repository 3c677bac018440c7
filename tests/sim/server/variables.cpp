#include "server/variables.hpp"

#include <algorithm>

#include "server/sql_text.hpp"

namespace srsim::server {
namespace {

using T = VariableDef::Type;

std::vector<VariableDef> definitions(const Version& v) {
  std::string comment = "StarRocks version " + v.text();
  std::vector<VariableDef> defs = {
      {"query_timeout", "300", T::Int},
      {"insert_timeout", "14400", T::Int, false, 3, 4},
      {"dynamic_overwrite", "false", T::Bool, false, 3, 4},
      {"enable_insert_strict", "true", T::Bool},
      {"insert_max_filter_ratio", "0", T::String, false, 3, 4},
      {"sql_mode", "ONLY_FULL_GROUP_BY", T::String},
      {"autocommit", "true", T::Bool},
      {"character_set_client", "utf8", T::String},
      {"character_set_connection", "utf8", T::String},
      {"character_set_results", "utf8", T::String},
      {"character_set_server", "utf8", T::String},
      {"collation_connection", "utf8_general_ci", T::String},
      {"collation_database", "utf8_general_ci", T::String},
      {"collation_server", "utf8_general_ci", T::String},
      {"time_zone", "Asia/Shanghai", T::String},
      {"system_time_zone", "Asia/Shanghai", T::String, true},
      {"tx_isolation", "REPEATABLE-READ", T::String},
      {"transaction_isolation", "REPEATABLE-READ", T::String},
      {"max_allowed_packet", "33554432", T::Int},
      {"net_write_timeout", "60", T::Int},
      {"net_read_timeout", "60", T::Int},
      {"wait_timeout", "28800", T::Int},
      {"interactive_timeout", "3600", T::Int},
      {"lower_case_table_names", "0", T::Int, true},
      {"auto_increment_increment", "1", T::Int},
      {"sql_select_limit", "9223372036854775807", T::Int},
      {"sql_safe_updates", "0", T::Int},
      {"init_connect", "", T::String},
      {"language", "/starrocks/share/english/", T::String, true},
      {"license", "Apache License 2.0", T::String, true},
      {"exec_mem_limit", "2147483648", T::Int},
      {"load_mem_limit", "0", T::Int},
      {"query_mem_limit", "0", T::Int},
      {"pipeline_dop", "0", T::Int},
      {"parallel_fragment_exec_instance_num", "1", T::Int},
      {"enable_profile", "false", T::Bool},
      {"new_planner_optimize_timeout", "3000", T::Int},
      {"cbo_max_reorder_node_use_dp", "10", T::Int},
      {"enable_spill", "false", T::Bool},
      {"performance_schema", "false", T::Bool, true},
      {"transaction_read_only", "false", T::Bool},
      {"tx_read_only", "false", T::Bool},
      {"character_set_database", "utf8", T::String},
      {"max_execution_time", "3000000", T::Int},
      {"query_cache_size", "1048576", T::Int},
      {"query_cache_type", "0", T::Int},
      {"net_buffer_length", "16384", T::Int},
      {"version", "5.1.0", T::String, true}, // mysql_server_version, see front.hpp
      {"version_comment", comment, T::String, true},
  };
  defs.erase(std::remove_if(
                 defs.begin(), defs.end(),
                 [&](const VariableDef& d) { return !v.at_least(d.since_major, d.since_minor); }),
             defs.end());
  std::sort(defs.begin(), defs.end(),
            [](const VariableDef& a, const VariableDef& b) { return a.name < b.name; });
  return defs;
}

std::optional<std::string> normalize_bool(const std::string& value) {
  std::string v = to_lower(value);
  if (v == "1" || v == "true" || v == "on") {
    return "true";
  }
  if (v == "0" || v == "false" || v == "off") {
    return "false";
  }
  return std::nullopt;
}

} // namespace

ErrorReply unknown_variable(const std::string& name) {
  return ErrorReply{1193, "HY000", "Unknown system variable '" + name + "'"};
}

VariableCatalog::VariableCatalog(const Version& version) : m_defs(definitions(version)) {}

const VariableDef* VariableCatalog::find(const std::string& name) const {
  std::string lower = to_lower(name);
  for (const auto& d : m_defs) {
    if (d.name == lower) {
      return &d;
    }
  }
  return nullptr;
}

std::vector<const VariableDef*> VariableCatalog::all() const {
  std::vector<const VariableDef*> out;
  for (const auto& d : m_defs) {
    out.push_back(&d);
  }
  return out;
}

std::map<std::string, std::string> VariableCatalog::session_defaults() const {
  std::map<std::string, std::string> vars;
  for (const auto& d : m_defs) {
    vars[d.name] = global_value(d);
  }
  return vars;
}

std::variant<std::string, ErrorReply> VariableCatalog::normalize(const VariableDef& def,
                                                                 const std::string& value) const {
  if (def.read_only) {
    return ErrorReply{1238, "HY000", "Variable '" + def.name + "' is a read only variable"};
  }
  if (def.type == T::Bool) {
    if (auto b = normalize_bool(value)) {
      return *b;
    }
    return ErrorReply{1231, "42000",
                      "Variable '" + def.name + "' can't be set to the value of '" + value + "'"};
  }
  if (def.type == T::Int && !parse_integer(value)) {
    return ErrorReply{1232, "42000", "Incorrect argument type to variable '" + def.name + "'"};
  }
  return value;
}

void VariableCatalog::set_global(const std::string& name, const std::string& value) {
  std::lock_guard lock(m_mutex);
  m_globals[to_lower(name)] = value;
}

std::string VariableCatalog::global_value(const VariableDef& def) const {
  std::lock_guard lock(m_mutex);
  auto it = m_globals.find(def.name);
  return it == m_globals.end() ? def.default_value : it->second;
}

} // namespace srsim::server
