// SHOW PARTITIONS (starrocks-surface.md §2, PartitionsProcDir) and the row data of
// information_schema.partitions_meta. RowCount/DataSize come from a per-table statistics cache
// refreshed at most every ClusterConfig::stats_interval_s seconds, like StarRocks's tablet
// statistics, so they lag loads.

#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "partitions.hpp"
#include "show_partitions_filter.hpp"
#include "temp_partitions.hpp"

#include <cstdio>

namespace srsim::engine {

namespace {

std::map<std::string, PartitionStats> compute_stats(Ctx& ctx, const TableModel& m) {
  std::map<std::string, PartitionStats> out;
  std::string tref = table_ref(m.db, m.name);
  // InnoDB refreshes DATA_LENGTH lazily; a refresh of srsim's statistics is the moment to ask.
  ctx.conn.query("ANALYZE LOCAL TABLE " + tref);
  if (m.partition.type == "NONE") {
    auto rows = ctx.conn.scalar("SELECT COUNT(*) FROM " + tref);
    auto bytes =
        ctx.conn.scalar("SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = " +
                        quote_literal(m.db) + " AND TABLE_NAME = " + quote_literal(m.name));
    std::int64_t r = std::stoll(rows.value_or("0"));
    out[m.name] = {r, r ? std::stoll(bytes.value_or("0")) : 0};
    return out;
  }
  if (m.partition.partitions.empty()) {
    return out;
  }
  std::string sql;
  for (const PartitionDef& p : m.partition.partitions) {
    sql += (sql.empty() ? "" : " UNION ALL ") + std::string("SELECT ") + quote_literal(p.name) +
           ", COUNT(*) FROM " + tref + " PARTITION (" + quote_ident(p.name) + ")";
  }
  for (const auto& row : ctx.conn.query(sql).rows) {
    out[*row[0]].rows = std::stoll(*row[1]);
  }
  ResultSet sizes =
      ctx.conn.query("SELECT PARTITION_NAME, DATA_LENGTH FROM information_schema.PARTITIONS WHERE "
                     "TABLE_SCHEMA = " +
                     quote_literal(m.db) + " AND TABLE_NAME = " + quote_literal(m.name));
  for (const auto& row : sizes.rows) {
    auto it = out.find(row[0].value_or(""));
    if (it != out.end() && it->second.rows > 0) {
      it->second.bytes = std::stoll(row[1].value_or("0"));
    }
  }
  return out;
}

std::string partition_key_text(const TableModel& m) {
  std::string out;
  for (std::size_t i = 0; i < m.partition.columns.size(); ++i) {
    out += (i ? ", " : "") + m.partition.columns[i];
  }
  return out;
}

std::string value_cell(const TableModel& m, const PartitionDef& p) {
  if (m.partition.type == "LIST") {
    return list_cell(p);
  }
  if (m.partition.type == "NONE") {
    return "";
  }
  return range_cell(m, p);
}

std::string dist_key_text(const TableModel& m) {
  if (m.dist_type != "HASH") {
    return "ALL KEY";
  }
  std::string out;
  for (std::size_t i = 0; i < m.dist_columns.size(); ++i) {
    out += (i ? ", " : "") + m.dist_columns[i];
  }
  return out;
}

std::string buckets_text(const TableModel& m) {
  return std::to_string(m.buckets > 0 ? m.buckets : 1);
}

} // namespace

std::string byte_size_text(std::int64_t bytes) {
  // ByteSizeValue.toString: the largest unit with a value >= 1, one decimal, ".0" dropped.
  static const char* const k_units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 5) {
    v /= 1024.0;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
    s.resize(s.size() - 2);
  }
  return s + k_units[u];
}

std::map<std::string, PartitionStats> table_stats(Ctx& ctx, const TableModel& m) {
  std::string key = m.db + "." + m.name + "#" + std::to_string(m.id);
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(ctx.state.stats_mutex);
    auto it = ctx.state.stats.find(key);
    const int interval_s = ctx.state.config.live->stats_interval_s.load();
    if (it != ctx.state.stats.end() && interval_s > 0 &&
        now - it->second.refreshed < std::chrono::seconds(interval_s)) {
      return it->second.partitions;
    }
  }
  auto fresh = compute_stats(ctx, m);
  std::lock_guard<std::mutex> lock(ctx.state.stats_mutex);
  ctx.state.stats[key] = TableStats{now, fresh};
  return fresh;
}

Reply show_partitions(Ctx& ctx, Cursor& cur) {
  bool temporary = cur.accept_kw("TEMPORARY");
  cur.expect_kw("PARTITIONS");
  cur.expect_kw("FROM");
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("SELECT", db);
  TableModel m = load_table(ctx, db, q.name);
  if (m.kind != "OLAP" && m.kind != "MV") {
    fail_analyzing("Table[" + m.name + "] is not a OLAP table");
  }
  bool shared = ctx.state.config.shared_data;
  ResultSet out;
  std::string value_col = m.partition.type == "LIST" ? "List" : "Range";
  if (shared) {
    out.columns = {
        "PartitionId", "PartitionName", "CompactVersion",  "VisibleVersion",  "NextVersion",
        "State",       "PartitionKey",  value_col,         "DistributionKey", "Buckets",
        "DataSize",    "RowCount",      "EnableDataCache", "AsyncWrite",      "AvgCS",
        "P50CS",       "MaxCS"};
  } else {
    out.columns = {"PartitionId",
                   "PartitionName",
                   "VisibleVersion",
                   "VisibleVersionTime",
                   "VisibleVersionHash",
                   "State",
                   "PartitionKey",
                   value_col,
                   "DistributionKey",
                   "Buckets",
                   "ReplicationNum",
                   "StorageMedium",
                   "CooldownTime",
                   "LastConsistencyCheckTime",
                   "DataSize",
                   "IsInMemory",
                   "RowCount"};
  }
  if (temporary) { // same columns, over the temporary partitions (PartitionsProcDir,
                   // isTempPartition)
    m.partition.partitions =
        m.kind == "OLAP" ? temp_partitions(ctx.conn, m) : std::vector<PartitionDef>{};
  }
  auto stats = temporary ? temp_partition_stats(ctx.conn, m) : table_stats(ctx, m);
  for (const PartitionDef& p : m.partition.partitions) {
    PartitionStats s = stats.count(p.name) ? stats[p.name] : PartitionStats{};
    std::string rep = std::to_string(p.replication_num ? p.replication_num : replication_num(m));
    if (shared) {
      out.rows.push_back({std::to_string(p.id), p.name, std::string("0"), std::to_string(p.version),
                          std::to_string(p.version + 1), std::string("NORMAL"),
                          partition_key_text(m), value_cell(m, p), dist_key_text(m),
                          buckets_text(m), byte_size_text(s.bytes), std::to_string(s.rows),
                          std::string("true"), std::string("false"), std::string("0.00"),
                          std::string("0.00"), std::string("0.00")});
    } else {
      out.rows.push_back({std::to_string(p.id), p.name, std::to_string(p.version),
                          format_time(p.version_time), std::string("0"), std::string("NORMAL"),
                          partition_key_text(m), value_cell(m, p), dist_key_text(m),
                          buckets_text(m), rep, std::string("HDD"),
                          std::string("9999-12-31 23:59:59"), std::string("NULL"),
                          byte_size_text(s.bytes), std::string("false"), std::to_string(s.rows)});
    }
  }
  return apply_show_filter(out, cur);
}

ResultSet partitions_meta_rows(Ctx& ctx, const std::string& only_db,
                               const std::string& only_table) {
  ResultSet out;
  out.columns = {"DB_NAME",
                 "TABLE_NAME",
                 "PARTITION_NAME",
                 "PARTITION_ID",
                 "COMPACT_VERSION",
                 "VISIBLE_VERSION",
                 "VISIBLE_VERSION_TIME",
                 "NEXT_VERSION",
                 "DATA_VERSION",
                 "VERSION_EPOCH",
                 "VERSION_TXN_TYPE",
                 "PARTITION_KEY",
                 "PARTITION_VALUE",
                 "DISTRIBUTION_KEY",
                 "BUCKETS",
                 "REPLICATION_NUM",
                 "STORAGE_MEDIUM",
                 "COOLDOWN_TIME",
                 "LAST_CONSISTENCY_CHECK_TIME",
                 "IS_IN_MEMORY",
                 "IS_TEMP",
                 "DATA_SIZE",
                 "ROW_COUNT",
                 "ENABLE_DATACACHE",
                 "AVG_CS",
                 "P50_CS",
                 "MAX_CS",
                 "STORAGE_PATH",
                 "STORAGE_SIZE",
                 "METADATA_SWITCH_VERSION"};
  ResultSet dbs = ctx.conn.query("SELECT DISTINCT db FROM `__srsim`.objects");
  for (const auto& dbrow : dbs.rows) {
    std::string db = *dbrow[0];
    if ((!only_db.empty() && db != only_db) ||
        (ctx.session.allowed && !ctx.session.allowed("SELECT", db))) {
      continue;
    }
    for (const TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
      if (m.kind != "OLAP" || (!only_table.empty() && m.name != only_table)) {
        continue;
      }
      auto stats = table_stats(ctx, m);
      auto temp_stats = temp_partition_stats(ctx.conn, m);
      // Temporary partitions are listed too, with IS_TEMP = 1: what the column exists for
      // (partitions_meta.md); which rows the FE fills was not verified in its source.
      std::vector<std::pair<PartitionDef, bool>> all;
      for (const PartitionDef& p : m.partition.partitions) {
        all.emplace_back(p, false);
      }
      for (const PartitionDef& p : temp_partitions(ctx.conn, m)) {
        all.emplace_back(p, true);
      }
      for (const auto& [p, is_temp] : all) {
        auto& from = is_temp ? temp_stats : stats;
        PartitionStats s = from.count(p.name) ? from[p.name] : PartitionStats{};
        std::string rep =
            std::to_string(p.replication_num ? p.replication_num : replication_num(m));
        out.rows.push_back({db,
                            m.name,
                            p.name,
                            std::to_string(p.id),
                            std::string("0"),
                            std::to_string(p.version),
                            format_time(p.version_time),
                            std::to_string(p.version + 1),
                            std::to_string(p.version),
                            std::string("0"),
                            std::string("TXN_NORMAL"),
                            partition_key_text(m),
                            value_cell(m, p),
                            dist_key_text(m),
                            buckets_text(m),
                            rep,
                            std::string("HDD"),
                            std::string("9999-12-31 23:59:59"),
                            std::nullopt,
                            std::string("0"),
                            std::string(is_temp ? "1" : "0"),
                            std::to_string(s.bytes),
                            std::to_string(s.rows),
                            std::string("0"),
                            std::string("0"),
                            std::string("0"),
                            std::string("0"),
                            std::string(""),
                            std::string("0"),
                            std::string("0")});
      }
    }
  }
  return out;
}

} // namespace srsim::engine
