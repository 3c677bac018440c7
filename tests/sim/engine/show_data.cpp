// SHOW DATA and SHOW PROC '/transactions/<db>/running' and '/finished' (starrocks-surface.md §8).

#include "errors.hpp"
#include "handlers.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace srsim::engine {

namespace {

// DebugUtil.getByteUint: three decimals, a space, the unit.
std::string size_text(double bytes) {
  static const char* const k_units[] = {"B", "KB", "MB", "GB", "TB"};
  int u = 0;
  while (bytes >= 1024.0 && u < 4) {
    bytes /= 1024.0;
    ++u;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f %s", bytes, k_units[u]);
  return buf;
}

PartitionStats total(Ctx& ctx, const TableModel& m) {
  PartitionStats t;
  for (const auto& [name, s] : table_stats(ctx, m)) {
    t.rows += s.rows;
    t.bytes += s.bytes;
  }
  return t;
}

int replica_count(const TableModel& m) {
  int buckets = m.buckets > 0 ? m.buckets : 1;
  return buckets * static_cast<int>(m.partition.partitions.size()) * replication_num(m);
}

} // namespace

Reply show_data(Ctx& ctx, Cursor& cur) {
  if (cur.accept_kw("FROM")) {
    QualifiedName q = cur.qualified_name();
    std::string db = ctx.db_or_current(q.db);
    ctx.require("SELECT", db);
    TableModel m = load_table(ctx, db, q.name);
    PartitionStats t = total(ctx, m);
    // Size counts all replicas; RowCount is one replica's (SHOW_DATA.md).
    std::string size = size_text(static_cast<double>(t.bytes) * replication_num(m));
    std::string replicas = std::to_string(replica_count(m));
    return ResultSet{{"TableName", "IndexName", "Size", "ReplicaCount", "RowCount"},
                     {{m.name, m.name, size, replicas, std::to_string(t.rows)},
                      {std::string(""), std::string("Total"), size, replicas, std::string("")}}};
  }
  std::string db = ctx.db_or_current("");
  ctx.require("SELECT", db);
  require_db(ctx, db);
  ResultSet rs{{"TableName", "Size", "ReplicaCount"}, {}};
  double sum = 0;
  int replicas = 0;
  for (const TableModel& m : ctx.state.store.load_db(ctx.conn, db)) {
    if (m.kind != "OLAP") {
      continue;
    }
    double bytes = static_cast<double>(total(ctx, m).bytes) * replication_num(m);
    sum += bytes;
    replicas += replica_count(m);
    rs.rows.push_back({m.name, size_text(bytes), std::to_string(replica_count(m))});
  }
  rs.rows.push_back({std::string("Total"), size_text(sum), std::to_string(replicas)});
  rs.rows.push_back({std::string("Quota"), std::string("1024.000 TB"), std::string("1073741824")});
  rs.rows.push_back({std::string("Left"), size_text(1024.0 * 1024 * 1024 * 1024 * 1024 - sum),
                     std::string("1073741824")});
  return rs;
}

namespace {

// TransProcDir "finished": the database's transactions in a final state. srsim keeps the
// committed ones (every label row is a VISIBLE transaction: loads on this cluster and the remote
// transactions of other clusters' OLAP external tables) and the aborted Stream Load transactions
// (ABORTED, with the reason; the aborted SQL loads are CANCELLED jobs of SHOW LOAD instead).
// StarRocks lists at most max_show_proc_transactions_entry (2000) rows.
Reply finished_transactions(Ctx& ctx, const std::string& db, ResultSet rs) {
  {
    std::lock_guard lock(ctx.state.txn_mutex);
    for (auto it = ctx.state.aborted.rbegin(); it != ctx.state.aborted.rend(); ++it) {
      const RunningTxn& t = it->second;
      if (t.db == db) {
        rs.rows.push_back({std::to_string(t.txn_id), t.label, t.coordinator, std::string("ABORTED"),
                           t.source_type, std::string("NULL"), std::string("NULL"),
                           std::string("NULL"), std::string("NULL"), t.status, std::string("0"),
                           std::string("-1"), std::to_string(t.timeout_ms), t.status});
      }
    }
  }
  ResultSet labels = ctx.conn.query(
      "SELECT txn_id, label, DATE_FORMAT(created, '%Y-%m-%d %H:%i:%s') FROM `__srsim`.labels "
      "WHERE db = " +
      quote_literal(db) + " ORDER BY txn_id DESC LIMIT 2000");
  for (auto& row : labels.rows) {
    std::string at = row[2].value_or("NULL");
    rs.rows.push_back({row[0], row[1], std::string("FE: 127.0.0.1"), std::string("VISIBLE"),
                       std::string("INSERT_STREAMING"), at, at, at, at, std::string(""),
                       std::string("0"), std::string("-1"), std::string("0"), std::string("")});
  }
  return rs;
}

// srsim keeps no database ids: a stable number per name stands in for TransDbProcDir's DbId.
std::string database_id(const std::string& db) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : db) {
    h = (h ^ c) * 1099511628211ULL;
  }
  return std::to_string(10000 + h % 900000000ULL);
}

std::vector<std::string> user_databases(Ctx& ctx) {
  std::vector<std::string> out;
  for (const auto& row : ctx.conn
                             .query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                                    "ORDER BY SCHEMA_NAME")
                             .rows) {
    const std::string db = row[0].value_or("");
    if (!is_system_db(db)) {
      out.push_back(db);
    }
  }
  return out;
}

// TransDbProcDir (common/proc/TransDbProcDir.java): `SHOW PROC '/transactions'` lists DbId and
// DbName; its lookup takes a database id (every release) or, in newer ones, a name.
Reply transaction_databases(Ctx& ctx) {
  ResultSet rs{{"DbId", "DbName"}, {}};
  for (const std::string& db : user_databases(ctx)) {
    rs.rows.push_back({database_id(db), db});
  }
  return rs;
}

std::string database_of(Ctx& ctx, const std::string& id_or_name) {
  if (!id_or_name.empty() && std::all_of(id_or_name.begin(), id_or_name.end(),
                                         [](char c) { return c >= '0' && c <= '9'; })) {
    for (const std::string& db : user_databases(ctx)) {
      if (database_id(db) == id_or_name) {
        return db;
      }
    }
  }
  return id_or_name;
}

} // namespace

Reply show_proc(Ctx& ctx, Cursor& cur) {
  std::string path = cur.string_literal();
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    parts.push_back(
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) {
      break;
    }
    start = slash + 1;
  }
  if (parts.size() == 1 && parts[0] == "transactions") {
    ctx.require("ADMIN", "");
    return transaction_databases(ctx);
  }
  if (parts.size() != 3 || parts[0] != "transactions" ||
      (parts[2] != "running" && parts[2] != "finished")) {
    fail_unsupported("SHOW PROC '" + path + "'");
  }
  ctx.require("ADMIN", "");
  std::string db = database_of(ctx, parts[1]);
  require_db(ctx, db);
  ResultSet rs{{"TransactionId", "Label", "Coordinator", "TransactionStatus", "LoadJobSourceType",
                "PrepareTime", "CommitTime", "PublishTime", "FinishTime", "Reason",
                "ErrorReplicasCount", "ListenerId", "TimeoutMs", "ErrMsg"},
               {}};
  if (parts[2] == "finished") {
    return finished_transactions(ctx, db, std::move(rs));
  }
  std::lock_guard<std::mutex> lock(ctx.state.txn_mutex);
  for (const auto& [id, t] : ctx.state.running) {
    if (t.db != db) {
      continue;
    }
    rs.rows.push_back({std::to_string(id), t.label, t.coordinator, t.status, t.source_type,
                       format_time(t.prepare_time_ms / 1000), std::string("NULL"),
                       std::string("NULL"), std::string("NULL"), std::string(""), std::string("0"),
                       std::string("-1"), std::to_string(t.timeout_ms), std::string("")});
  }
  return rs;
}

} // namespace srsim::engine
