// The meta and DDL jobs of SyncJobManager: which selected tables exist where, and the DDL that
// makes the target's databases, tables and partitions match the source's, under the
// ddl_job_allow_drop_* switches of the docs' parameter table.

#include "sync_job_manager.hpp"

#include <regex>
#include <set>

namespace scs_standin {
namespace {

const char* const k_where = "(meta|1) [MetaJob.run():88]";
const char* const k_where_ddl = "(ddl|1) [DdlJob.run():64]";

// `PARTITION p VALUES [...)` / `PARTITION p VALUES IN (...)` of `name` in a SHOW CREATE TABLE
// text, brackets balanced and quoted strings skipped; empty when absent.
std::string partition_clause(const std::string& create_sql, const std::string& name) {
  std::regex head("PARTITION\\s+`?" +
                  std::regex_replace(name, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                  "`?\\s+VALUES\\s+(IN\\s*)?");
  std::smatch m;
  if (!std::regex_search(create_sql, m, head)) {
    return "";
  }
  std::size_t i = static_cast<std::size_t>(m.position(0) + m.length(0));
  int depth = 0;
  char quote = 0;
  for (; i < create_sql.size(); ++i) {
    char c = create_sql[i];
    if (quote) {
      quote = c == quote ? 0 : quote;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && --depth == 0) {
      return create_sql.substr(static_cast<std::size_t>(m.position(0)),
                               i + 1 - static_cast<std::size_t>(m.position(0)));
    }
  }
  return "";
}

} // namespace

void SyncJobManager::meta_pass() {
  try {
    std::set<std::string> target_dbs;
    for (const std::string& db : m_target.databases()) {
      target_dbs.insert(db);
    }
    std::map<std::string, TableState> next;
    std::vector<DdlJob> ddl;
    for (const std::string& db : m_source.databases()) {
      if (may_select_database(m_props, db)) {
        plan_database(db, target_dbs.count(db) > 0, next, ddl);
      }
    }
    for (auto& [key, t] : next) { // what earlier passes learned survives
      auto old = m_tables.find(key);
      if (old != m_tables.end()) {
        t.synced_once = old->second.synced_once;
        t.expired = old->second.expired;
      }
    }
    m_tables = std::move(next);
    m_ddl_queue.assign(ddl.begin(), ddl.end());
    m_meta_done = true;
  } catch (const std::exception& e) {
    // A broken connection is replaced on next use (ClusterLink::conn).
    m_log.warn(k_where, std::string("meta job failed, retried next interval: ") + e.what());
  }
}

void SyncJobManager::plan_database(const std::string& db, bool on_target,
                                   std::map<std::string, TableState>& next,
                                   std::vector<DdlJob>& ddl) {
  std::set<std::string> target_tables;
  if (on_target) {
    for (const std::string& t : m_target.base_tables(db)) {
      target_tables.insert(t);
    }
  } else {
    ddl.push_back(DdlJob{db,
                         "",
                         "create database " + db,
                         {"CREATE DATABASE IF NOT EXISTS " + quote_ident(db)},
                         false});
  }
  for (const std::string& name : m_source.base_tables(db)) {
    if (!is_selected(m_props, db, name)) {
      continue;
    }
    TableState t;
    t.db = db;
    t.name = name;
    t.create_sql = m_source.show_create_table(db, name);
    t.unpartitioned = t.create_sql.find("PARTITION BY") == std::string::npos;
    t.auto_partition = std::regex_search(
        t.create_sql, std::regex(R"(PARTITION BY (RANGE\s*\()?\s*(date_trunc|time_slice|\())"));
    plan_table(t, target_tables.count(name) > 0, ddl);
    next[db + "." + name] = std::move(t);
  }
  if (on_target) {
    plan_target_only(db, next, ddl);
  }
}

void SyncJobManager::plan_table(TableState& t, bool on_target, std::vector<DdlJob>& ddl) {
  const std::string ref = table_ref(t.db, t.name);
  t.on_target = on_target;
  if (!on_target) {
    ddl.push_back(DdlJob{t.db,
                         t.name,
                         "create table " + t.db + "." + t.name,
                         {"USE " + quote_ident(t.db), create_table_sql(t)},
                         true});
    return;
  }
  if (m_source.schema_of(t.db, t.name) == m_target.schema_of(t.db, t.name)) {
    m_warned.erase(t.db + "." + t.name);
    plan_partitions(t, ddl);
    return;
  }
  if (m_props.ddl_job_allow_drop_schema_change_table) {
    t.on_target = false;
    ddl.push_back(
        DdlJob{t.db,
               t.name,
               "recreate table " + t.db + "." + t.name + " (schema differs)",
               {"DROP TABLE " + ref + " FORCE", "USE " + quote_ident(t.db), create_table_sql(t)},
               true});
    return;
  }
  t.skipped = true;
  if (!m_warned[t.db + "." + t.name]) {
    m_warned[t.db + "." + t.name] = true;
    m_log.warn(k_where, "table " + t.db + "." + t.name +
                            " has a different schema on the target and "
                            "ddl_job_allow_drop_schema_change_table=false: skipped");
  }
}

void SyncJobManager::plan_partitions(TableState& t, std::vector<DdlJob>& ddl) {
  if (t.unpartitioned) {
    return;
  }
  const std::string ref = table_ref(t.db, t.name);
  std::map<std::string, PartitionInfo> target;
  for (PartitionInfo& p : m_target.partitions(t.db, t.name)) {
    target[p.name] = p;
  }
  auto drop = [&](const std::string& p, const std::string& why) {
    ddl.push_back(DdlJob{t.db,
                         t.name,
                         "drop partition " + p + " of " + t.db + "." + t.name + why,
                         {"ALTER TABLE " + ref + " DROP PARTITION " + quote_ident(p) + " FORCE"},
                         false});
  };
  for (const PartitionInfo& p : m_source.partitions(t.db, t.name)) {
    auto it = target.find(p.name);
    if (it == target.end()) {
      std::string clause = partition_clause(t.create_sql, p.name);
      if (!clause.empty()) {
        ddl.push_back(DdlJob{t.db,
                             t.name,
                             "add partition " + p.name + " to " + t.db + "." + t.name,
                             {"ALTER TABLE " + ref + " ADD " + clause},
                             false});
      }
      continue; // an automatic partition is created by the data job's INSERT
    }
    if (it->second.layout != p.layout && m_props.ddl_job_allow_drop_inconsistent_partition) {
      drop(p.name, " (inconsistent with the source)");
    }
    target.erase(it);
  }
  if (m_props.ddl_job_allow_drop_partition_target_only) {
    for (const auto& [name, p] : target) {
      drop(name, " (not on the source)");
    }
  }
}

void SyncJobManager::plan_target_only(const std::string& db,
                                      const std::map<std::string, TableState>& next,
                                      std::vector<DdlJob>& ddl) {
  if (!m_props.ddl_job_allow_drop_target_only) {
    return;
  }
  for (const std::string& name : m_target.base_tables(db)) {
    if (is_selected(m_props, db, name) && next.count(db + "." + name) == 0) {
      ddl.push_back(DdlJob{db,
                           name,
                           "drop target-only table " + db + "." + name,
                           {"DROP TABLE " + table_ref(db, name) + " FORCE"},
                           false});
    }
  }
}

std::string SyncJobManager::create_table_sql(const TableState& t) const {
  std::string sql = t.create_sql;
  const int n = m_props.target_cluster_replication_num;
  if (n != -1) {
    std::regex prop(R"re("replication_num"\s*=\s*"[0-9]+")re");
    std::string value = "\"replication_num\" = \"" + std::to_string(n) + "\"";
    if (std::regex_search(sql, prop)) {
      sql = std::regex_replace(sql, prop, value);
    } else if (std::size_t at = sql.find("PROPERTIES ("); at != std::string::npos) {
      sql.insert(at + 12, value + ", ");
    } else {
      sql += " PROPERTIES (" + value + ")";
    }
  }
  if (!m_props.target_cluster_storage_volume.empty()) {
    std::string value =
        "\"storage_volume\" = " + quote_string(m_props.target_cluster_storage_volume);
    std::size_t at = sql.find("PROPERTIES (");
    sql = at == std::string::npos ? sql + " PROPERTIES (" + value + ")"
                                  : sql.insert(at + 12, value + ", ");
  }
  return sql;
}

void SyncJobManager::ddl_pass() {
  for (int n = 0; n < m_props.ddl_job_batch_size && !m_ddl_queue.empty() && !m_stop.load(); ++n) {
    DdlJob job = std::move(m_ddl_queue.front());
    m_ddl_queue.pop_front();
    try {
      for (const std::string& sql : job.statements) {
        m_target.conn().execute(sql);
      }
      m_log.info(k_where_ddl, "ddl job finished: " + job.what);
      auto t = m_tables.find(job.db + "." + job.table);
      if (job.creates_table && t != m_tables.end()) {
        t->second.on_target = true;
      }
    } catch (const std::exception& e) {
      // Not retried as such: the next meta job plans again from what the target now has.
      m_log.warn(k_where_ddl, "ddl job failed: " + job.what + ": " + e.what());
    }
  }
}

} // namespace scs_standin
