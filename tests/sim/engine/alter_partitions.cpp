// ALTER TABLE ... ADD/DROP PARTITION(S) (starrocks-surface.md §3) and a few property changes.
// The model changes first (with StarRocks's checks), then the MariaDB layout follows it.

#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "partitions.hpp"
#include "temp_partitions.hpp"

#include <algorithm>

namespace srsim::engine {

namespace {

void skip_partition_options(Cursor& cur) {
  if (cur.accept_kw("DISTRIBUTED")) {
    cur.expect_kw("BY");
    if (cur.accept_kw("HASH")) {
      cur.skip_group();
    } else {
      if (cur.is_kw("RANDOM")) {
        cur.require(SyntaxForm::RandomDistribution);
      }
      cur.expect_kw("RANDOM");
    }
    if (cur.accept_kw("BUCKETS")) {
      cur.literal_text();
    }
  }
  if (cur.accept_kw("PROPERTIES")) {
    parse_properties(cur);
  }
}

Reply add_partition(Ctx& ctx, Cursor& cur, TableModel& m) {
  bool plural = cur.accept_kw("PARTITIONS");
  if (!plural) {
    cur.expect_kw("PARTITION");
  }
  // StarRocks.g4: `PARTITION (IF NOT EXISTS)? name VALUES ..` but `PARTITIONS START ..` without
  // IF NOT EXISTS (a batch skips existing partitions by itself).
  bool if_not_exists = !plural && cur.accept_kws({"IF", "NOT", "EXISTS"});
  if (cur.is_kw("VALUES", 1) && cur.is_kw("IN", 2) && !cur.allows(SyntaxForm::AddListPartition)) {
    cur.syntax_error_at(cur.position() + 2); // 2.5 adds only ranges (starrocks-surface.md §14)
  }
  PartitionDesc desc = parse_partition_desc(cur);
  skip_partition_options(cur);
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  if (m.partition.type == "NONE") {
    fail_analyzing("Table [" + m.name + "] is not a partitioned table, can not add partition");
  }
  check_manual_partition_on_automatic(m, desc);
  auto ids = [&] { return ctx.state.store.next_id(); };
  check_not_temp_names(ctx.conn, m, add_partitions(m, desc, if_not_exists, ids, ctx.now()));
  sync_layout(ctx.conn, m);
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

struct DropRequest {
  bool if_exists = false;
  std::vector<std::string> names;
};

// DROP PARTITION [IF EXISTS] p | DROP PARTITIONS [IF EXISTS] (p1, ..) |
// DROP PARTITIONS [IF EXISTS] START (..) END (..) EVERY (..) (v3.4; the range stands for the
// partitions ADD PARTITIONS would name: AlterTableClauseAnalyzer.visitDropPartitionClause).
DropRequest parse_drop(Cursor& cur, const TableModel& m) {
  DropRequest req;
  if (cur.accept_kw("PARTITIONS")) {
    req.if_exists = cur.accept_kws({"IF", "EXISTS"});
    if (cur.is_kw("START")) {
      cur.require(SyntaxForm::DropPartitionsRange);
      PartitionDesc desc = parse_partition_desc(cur);
      if (m.partition.type != "RANGE" && m.partition.type != "EXPR") {
        fail_analyzing("Only support adding partition to range/list partitioned table");
      }
      check_manual_partition_on_automatic(m, desc);
      for (const PartitionDesc& one : expand_batch(m, desc)) {
        req.names.push_back(one.name);
      }
    } else {
      req.names = cur.ident_list();
    }
  } else {
    cur.expect_kw("PARTITION");
    req.if_exists = cur.accept_kws({"IF", "EXISTS"});
    req.names.push_back(cur.identifier());
  }
  cur.accept_kw("FORCE");
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  return req;
}

// ErrorCode.ERR_DROP_PARTITION_NON_EXISTENT (1507, "Error in list of partitions to %s"),
// reported by LocalMetastore.dropPartition. From 3.4 every form resolves to a list of names
// first and the whole missing list fills %s ("[p1, p2]"); before, the one name does.
[[noreturn]] void fail_missing_partitions(Ctx& ctx, const std::vector<std::string>& missing) {
  std::string list;
  for (const std::string& n : missing) {
    list += (list.empty() ? "" : ", ") + n;
  }
  fail_plain(1507, "Error in list of partitions to " +
                       (ctx.version().at_least(3, 4) ? "[" + list + "]" : list));
}

Reply drop_partition(Ctx& ctx, Cursor& cur, TableModel& m) {
  DropRequest req = parse_drop(cur, m);
  std::vector<std::string> victims, missing;
  for (const std::string& n : req.names) {
    if (m.partition.type == "NONE" || !find_partition(m, n)) {
      missing.push_back(n);
    } else {
      victims.push_back(find_partition(m, n)->name);
    }
  }
  if (!missing.empty() && !req.if_exists) {
    fail_missing_partitions(ctx, missing);
  }
  if (victims.empty()) {
    return OkReply{};
  }
  if (victims.size() >= m.partition.partitions.size()) {
    fail_plain(1508, "Cannot remove all partitions, use DROP TABLE instead");
  }
  if (m.partition.type != "LIST") {
    // The dropped range becomes an empty gap partition in MariaDB, so the rows go first.
    ctx.conn.exec("ALTER TABLE " + table_ref(m.db, m.name) + " TRUNCATE PARTITION " +
                  join_idents(victims));
  }
  auto& parts = m.partition.partitions;
  parts.erase(std::remove_if(parts.begin(), parts.end(),
                             [&](const PartitionDef& p) {
                               return std::find(victims.begin(), victims.end(), p.name) !=
                                      victims.end();
                             }),
              parts.end());
  sync_layout(ctx.conn, m);
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

Reply set_properties(Ctx& ctx, Cursor& cur, TableModel& m) {
  Properties props = parse_properties(cur);
  for (const auto& [k, v] : props) {
    bool found = false;
    for (auto& kv : m.properties) {
      if (kv.first == k) {
        kv.second = v;
        found = true;
      }
    }
    if (!found) {
      m.properties.emplace_back(k, v);
    }
  }
  ctx.state.store.save(ctx.conn, m);
  return OkReply{};
}

} // namespace

Reply alter_table(Ctx& ctx, Cursor& cur) {
  QualifiedName q = cur.qualified_name();
  std::string db = ctx.db_or_current(q.db);
  ctx.require("ALTER", db);
  std::lock_guard<std::mutex> lock(ctx.state.store.mutex());
  TableModel m = load_table(ctx, db, q.name);
  if (m.kind != "OLAP") {
    fail_analyzing("Do not support alter non-OLAP table[" + m.name + "]");
  }
  std::size_t after_name = cur.position();
  if (cur.is_kw("DROP") && cur.is_kw("ALL", 1) && cur.is_kw("TEMPORARY", 2)) {
    // `DROP ALL TEMPORARY PARTITIONS [FORCE]`: a syntax error at ALL before 3.5 (syntax_gate).
    cur.next();
    cur.require(SyntaxForm::DropAllTempPartitions);
    cur.next();
    cur.next();
    cur.expect_kw("PARTITIONS");
    cur.accept_kw("FORCE");
    if (!cur.at_end()) {
      cur.syntax_error();
    }
    drop_all_temp_partitions(ctx.conn, m);
    return OkReply{};
  }
  if (cur.accept_kws({"ADD", "TEMPORARY"})) {
    return add_temp_partition(ctx, cur, m);
  }
  if (cur.accept_kws({"DROP", "TEMPORARY"})) {
    return drop_temp_partition(ctx, cur, m);
  }
  if (cur.accept_kw("REPLACE") && (cur.is_kw("PARTITION") || cur.is_kw("PARTITIONS"))) {
    return replace_partitions(ctx, cur, m);
  }
  cur.seek(after_name);
  if (cur.accept_kw("ADD") && (cur.is_kw("PARTITION") || cur.is_kw("PARTITIONS"))) {
    return add_partition(ctx, cur, m);
  }
  cur.seek(after_name);
  if (cur.accept_kw("DROP") && (cur.is_kw("PARTITION") || cur.is_kw("PARTITIONS"))) {
    return drop_partition(ctx, cur, m);
  }
  if (cur.accept_kw("SET")) {
    return set_properties(ctx, cur, m);
  }
  fail_unsupported("ALTER TABLE " + cur.rest_from(cur.position()));
}

} // namespace srsim::engine
