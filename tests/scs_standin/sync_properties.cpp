#include "sync_properties.hpp"

#include <fstream>
#include <functional>
#include <stdexcept>

namespace scs_standin {
namespace {

std::string trim(const std::string& s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string::npos) {
    return "";
  }
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    std::string item =
        trim(value.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (!item.empty()) {
      out.push_back(item);
    }
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  return out;
}

// key, value pairs of a java.util.Properties file (no line continuations: the documented files
// have none).
std::vector<std::pair<std::string, std::string>> read_pairs(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#' || line[0] == '!') {
      continue;
    }
    std::size_t sep = line.find_first_of("=:");
    if (sep == std::string::npos) {
      out.emplace_back(line, "");
    } else {
      out.emplace_back(trim(line.substr(0, sep)), trim(line.substr(sep + 1)));
    }
  }
  return out;
}

long long to_integer(const std::string& key, const std::string& value) {
  try {
    std::size_t used = 0;
    long long v = std::stoll(value, &used);
    if (used == value.size()) {
      return v;
    }
  } catch (const std::exception&) {
  }
  throw std::runtime_error("invalid value for " + key + ": not an integer");
}

bool to_bool(const std::string& key, const std::string& value) {
  if (value == "true" || value == "false") {
    return value == "true";
  }
  throw std::runtime_error("invalid value for " + key + ": not true/false");
}

using Setter = std::function<void(SyncProperties&, const std::string& key, const std::string&)>;

Setter text(std::string SyncProperties::*field) {
  return [field](SyncProperties& p, const std::string&, const std::string& v) { p.*field = v; };
}
Setter text(std::string ClusterProperties::*field, ClusterProperties SyncProperties::*side) {
  return [field, side](SyncProperties& p, const std::string&, const std::string& v) {
    (p.*side).*field = v;
  };
}
template <class T> Setter number(T SyncProperties::*field) {
  return [field](SyncProperties& p, const std::string& k, const std::string& v) {
    p.*field = static_cast<T>(to_integer(k, v));
  };
}
Setter flag(bool SyncProperties::*field) {
  return [field](SyncProperties& p, const std::string& k, const std::string& v) {
    p.*field = to_bool(k, v);
  };
}
Setter port(ClusterProperties SyncProperties::*side) {
  return [side](SyncProperties& p, const std::string& k, const std::string& v) {
    (p.*side).fe_query_port = static_cast<int>(to_integer(k, v));
  };
}
Setter list(std::vector<std::string> SyncProperties::*field) {
  return [field](SyncProperties& p, const std::string&, const std::string& v) {
    p.*field = split_list(v);
  };
}

const std::map<std::string, Setter>& setters() {
  using S = SyncProperties;
  using C = ClusterProperties;
  static const std::map<std::string, Setter> table = {
      {"one_time_run_mode", flag(&S::one_time_run_mode)},
      {"source_fe_host", text(&C::fe_host, &S::source)},
      {"source_fe_query_port", port(&S::source)},
      {"source_cluster_user", text(&C::user, &S::source)},
      {"source_cluster_password", text(&C::password, &S::source)},
      {"source_cluster_password_secret_key", text(&C::password_secret_key, &S::source)},
      {"source_cluster_token", text(&S::source_cluster_token)},
      {"target_fe_host", text(&C::fe_host, &S::target)},
      {"target_fe_query_port", port(&S::target)},
      {"target_cluster_user", text(&C::user, &S::target)},
      {"target_cluster_password", text(&C::password, &S::target)},
      {"target_cluster_password_secret_key", text(&C::password_secret_key, &S::target)},
      {"include_data_list", list(&S::include_data_list)},
      {"exclude_data_list", list(&S::exclude_data_list)},
      {"target_cluster_storage_volume", text(&S::target_cluster_storage_volume)},
      {"target_cluster_replication_num", number(&S::target_cluster_replication_num)},
      {"target_cluster_max_disk_used_percent",
       [](S& p, const std::string& k, const std::string& v) {
         try {
           p.target_cluster_max_disk_used_percent = std::stod(v);
         } catch (const std::exception&) {
           throw std::runtime_error("invalid value for " + k + ": not a number");
         }
       }},
      {"max_replication_data_size_per_job_in_gb",
       number(&S::max_replication_data_size_per_job_in_gb)},
      {"meta_job_interval_seconds", number(&S::meta_job_interval_seconds)},
      {"meta_job_threads", number(&S::meta_job_threads)},
      {"ddl_job_interval_seconds", number(&S::ddl_job_interval_seconds)},
      {"ddl_job_batch_size", number(&S::ddl_job_batch_size)},
      {"ddl_job_allow_drop_target_only", flag(&S::ddl_job_allow_drop_target_only)},
      {"ddl_job_allow_drop_schema_change_table", flag(&S::ddl_job_allow_drop_schema_change_table)},
      {"ddl_job_allow_drop_inconsistent_partition",
       flag(&S::ddl_job_allow_drop_inconsistent_partition)},
      {"ddl_job_allow_drop_partition_target_only",
       flag(&S::ddl_job_allow_drop_partition_target_only)},
      {"replication_job_interval_seconds", number(&S::replication_job_interval_seconds)},
      {"replication_job_batch_size", number(&S::replication_job_batch_size)},
      {"report_interval_seconds", number(&S::report_interval_seconds)},
  };
  return table;
}

} // namespace

LoadedProperties load_sync_properties(const std::string& path) {
  LoadedProperties out;
  for (const auto& [key, value] : read_pairs(path)) {
    auto it = setters().find(key);
    if (it == setters().end()) {
      out.warnings.push_back("unknown key '" + key + "' in " + path + " ignored");
      continue;
    }
    it->second(out.properties, key, value);
  }
  SyncProperties& p = out.properties;
  for (int* interval : {&p.meta_job_interval_seconds, &p.ddl_job_interval_seconds,
                        &p.replication_job_interval_seconds, &p.report_interval_seconds,
                        &p.ddl_job_batch_size, &p.replication_job_batch_size}) {
    if (*interval < 1) {
      throw std::runtime_error("intervals and batch sizes in " + path + " must be at least 1");
    }
  }
  return out;
}

std::map<std::string, std::string> load_hosts_properties(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream probe(path);
  if (!probe) {
    return out;
  }
  for (const auto& [key, value] : read_pairs(path)) {
    if (!value.empty()) {
      out[key] = value;
    }
  }
  return out;
}

bool is_system_database(const std::string& db) {
  return db == "information_schema" || db == "_statistics_" || db == "sys" ||
         db == "starrocks_audit_db__";
}

bool may_select_database(const SyncProperties& p, const std::string& db) {
  if (is_system_database(db)) {
    return false;
  }
  for (const std::string& e : p.exclude_data_list) {
    if (e == db) {
      return false;
    }
  }
  if (p.include_data_list.empty()) {
    return true;
  }
  for (const std::string& e : p.include_data_list) {
    if (e == db || e.rfind(db + ".", 0) == 0) {
      return true;
    }
  }
  return false;
}

bool is_selected(const SyncProperties& p, const std::string& db, const std::string& table) {
  auto matches = [&](const std::vector<std::string>& entries) {
    for (const std::string& e : entries) {
      if (e == db || e == db + "." + table) {
        return true;
      }
    }
    return false;
  };
  if (is_system_database(db)) {
    return false;
  }
  if (!p.include_data_list.empty() && !matches(p.include_data_list)) {
    return false;
  }
  return !matches(p.exclude_data_list);
}

} // namespace scs_standin
