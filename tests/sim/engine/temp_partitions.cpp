// Temporary partitions (temp_partitions.hpp). Rules and texts, from StarRocks's docs
// (table_design/data_distribution/Temporary_partition.md) and FE source:
// - names are unique across formal and temporary partitions (OlapTable.checkPartitionNameExist,
//   ERR_SAME_NAME_PARTITION "Duplicate partition name %s");
// - temporary ranges may overlap formal ranges but not each other (RangePartitionInfo
//   .checkAndCreateRange with isTemp: the temporary ranges are the "existing" ones);
// - REPLACE (LocalMetastore.replaceTempPartition, OlapTable.replaceTempPartitions):
//   "Partition[%s] does not exist" / "Temp partition[%s] does not exist"; strict_range (default
//   true) needs the union of the replaced ranges to equal the union of the temporary ranges
//   (RangeUtils.checkRangeListsMatch: "2 range lists are not stricly matched. ..."), otherwise the
//   temporary ranges may only not conflict with the formal partitions that stay
//   (RangeUtils.checkRangeConflict: "Range: %s conflicts with existing range");
//   use_temp_partition_name (default false): with as many temporary as replaced partitions the
//   i-th temporary partition takes the i-th replaced name, else the temporary names stay. The
//   temporary partitions become formal with their ids and versions; the replaced ones are gone.

#include "temp_partitions.hpp"

#include "backend_errors.hpp"
#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "metadata_store.hpp"
#include "partitions.hpp"
#include "types.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace srsim::engine {

namespace {

const char* const k_schema =
    "CREATE TABLE IF NOT EXISTS `__srsim`.temp_partitions (table_id BIGINT NOT NULL, db "
    "VARCHAR(128) NOT NULL, tbl VARCHAR(256) NOT NULL, name VARCHAR(256) NOT NULL, id BIGINT NOT "
    "NULL, version BIGINT NOT NULL, version_time BIGINT NOT NULL, def LONGTEXT NOT NULL, PRIMARY "
    "KEY (table_id, name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

std::string where_table(const TableModel& m) {
  return " WHERE table_id = " + std::to_string(m.id);
}

std::string def_json(const PartitionDef& p) {
  nlohmann::json j;
  j["lower"] = p.lower;
  j["upper"] = p.upper;
  j["values"] = p.values;
  j["replication_num"] = p.replication_num;
  return j.dump();
}

bool is_range(const TableModel& m) {
  return m.partition.type == "RANGE";
}

} // namespace

std::string partition_predicate(const TableModel& m, const PartitionDef& p) {
  auto bases = column_bases(m);
  std::string cols;
  for (std::size_t i = 0; i < bases.size(); ++i) {
    const std::string c = quote_ident(m.partition.columns[i]);
    std::string min = type_min_value(bases[i]);
    cols += (i ? ", " : "(") + (m.partition.type != "LIST" && !min.empty()
                                    ? "COALESCE(" + c + ", " + sql_value(bases[i], min) + ")"
                                    : c);
  }
  cols += ")";
  auto tuple = [&](const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
      out += (i ? ", " : "(") + sql_value(bases[i], v[i]);
    }
    return out + ")";
  };
  if (m.partition.type == "LIST") {
    std::string in;
    for (const auto& v : p.values) {
      in += (in.empty() ? "" : ", ") + tuple(v);
    }
    return cols + " IN (" + in + ")";
  }
  bool unbounded = std::find(p.upper.begin(), p.upper.end(), "MAXVALUE") != p.upper.end();
  return cols + " >= " + tuple(p.lower) +
         (unbounded ? "" : " AND " + cols + " < " + tuple(p.upper));
}

namespace {

void check_supported(const TableModel& m) {
  if (m.partition.type == "NONE") {
    fail_analyzing("Table [" + m.name + "] is not a partitioned table, can not add partition");
  }
  if (m.partition.type != "RANGE" && m.partition.type != "LIST") {
    fail_unsupported("temporary partitions of an automatically partitioned table");
  }
}

const PartitionDef* find_temp(const std::vector<PartitionDef>& temps, const std::string& name) {
  for (const PartitionDef& p : temps) {
    if (to_lower(p.name) == to_lower(name)) {
      return &p;
    }
  }
  return nullptr;
}

void drop_storage(Backend& conn, const std::vector<PartitionDef>& gone) {
  for (const PartitionDef& p : gone) {
    conn.exec("DROP TABLE IF EXISTS " + temp_storage_ref(p));
  }
}

void delete_rows(Backend& conn, const TableModel& m, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    conn.exec("DELETE FROM `__srsim`.temp_partitions" + where_table(m) +
              " AND name = " + quote_literal(n));
  }
}

// Guava Range.toString of a range partition (the same text as SHOW PARTITIONS' Range cell).
std::string range_text(const TableModel& m, const PartitionDef& p) {
  return range_cell(m, p);
}

// The union of `parts`' ranges as maximal [lower, upper) runs.
std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>>
merged_ranges(const TableModel& m, std::vector<PartitionDef> parts) {
  auto bases = column_bases(m);
  std::sort(parts.begin(), parts.end(), [&](const PartitionDef& a, const PartitionDef& b) {
    return compare_tuple(bases, a.lower, b.lower) < 0;
  });
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> out;
  for (const PartitionDef& p : parts) {
    if (!out.empty() && compare_tuple(bases, out.back().second, p.lower) == 0) {
      out.back().second = p.upper;
    } else {
      out.emplace_back(p.lower, p.upper);
    }
  }
  return out;
}

std::vector<std::vector<std::string>> value_set(const std::vector<PartitionDef>& parts) {
  std::vector<std::vector<std::string>> out;
  for (const PartitionDef& p : parts) {
    out.insert(out.end(), p.values.begin(), p.values.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void check_ranges(const TableModel& m, const std::vector<PartitionDef>& old_parts,
                  const std::vector<PartitionDef>& temps, bool strict) {
  auto bases = column_bases(m);
  if (!is_range(m)) {
    // ListPartitionInfo has no range union: srsim asks for the same values unless strict_range
    // is false, and then for no value held by a formal partition that stays.
    if (strict && value_set(old_parts) != value_set(temps)) {
      fail_plain(1064, "srsim: the temporary partitions' values differ from the replaced "
                       "partitions' values (set \"strict_range\" = \"false\")");
    }
    auto mine = value_set(temps);
    for (const PartitionDef& f : m.partition.partitions) {
      bool replaced = std::any_of(old_parts.begin(), old_parts.end(),
                                  [&](const PartitionDef& o) { return o.name == f.name; });
      for (const auto& v : f.values) {
        if (!replaced && std::binary_search(mine.begin(), mine.end(), v)) {
          fail_plain(1064, "Duplicate values " + list_cell(f) + " ");
        }
      }
    }
    return;
  }
  if (strict) {
    if (merged_ranges(m, old_parts) != merged_ranges(m, temps)) {
      std::string a, b;
      for (const PartitionDef& p : old_parts) {
        a += (a.empty() ? "" : ", ") + range_text(m, p);
      }
      for (const PartitionDef& p : temps) {
        b += (b.empty() ? "" : ", ") + range_text(m, p);
      }
      fail_plain(1064, "2 range lists are not stricly matched. [" + a + "] vs. [" + b + "]");
    }
    return;
  }
  for (const PartitionDef& t : temps) {
    for (const PartitionDef& f : m.partition.partitions) {
      bool replaced = std::any_of(old_parts.begin(), old_parts.end(),
                                  [&](const PartitionDef& o) { return o.name == f.name; });
      if (!replaced && compare_tuple(bases, t.lower, f.upper) < 0 &&
          compare_tuple(bases, f.lower, t.upper) < 0) {
        fail_plain(1064, "Range: " + range_text(m, t) + " conflicts with existing range");
      }
    }
  }
}

} // namespace

std::string temp_storage_ref(const PartitionDef& temp) {
  return table_ref(k_meta_db, "tp_" + std::to_string(temp.id));
}

std::vector<PartitionDef> temp_partitions(Backend& conn, const TableModel& m) {
  ResultSet rs;
  try {
    rs = conn.query("SELECT name, id, version, version_time, def FROM `__srsim`.temp_partitions" +
                    where_table(m) + " ORDER BY id");
  } catch (const BackendError& e) {
    if (e.code() == 1146) { // created by the first ADD TEMPORARY PARTITION of the cluster
      return {};
    }
    throw;
  }
  std::vector<PartitionDef> out;
  for (const Row& r : rs.rows) {
    PartitionDef p;
    p.name = *r[0];
    p.id = std::stoll(*r[1]);
    p.version = std::stoll(*r[2]);
    p.version_time = std::stoll(*r[3]);
    nlohmann::json j = nlohmann::json::parse(*r[4]);
    p.lower = j["lower"].get<std::vector<std::string>>();
    p.upper = j["upper"].get<std::vector<std::string>>();
    p.values = j["values"].get<std::vector<std::vector<std::string>>>();
    p.replication_num = j["replication_num"].get<int>();
    out.push_back(std::move(p));
  }
  if (is_range(m)) {
    auto bases = column_bases(m);
    std::sort(out.begin(), out.end(), [&](const PartitionDef& a, const PartitionDef& b) {
      return compare_tuple(bases, a.lower, b.lower) < 0;
    });
  }
  return out;
}

Reply add_temp_partition(Ctx& ctx, Cursor& cur, TableModel& m) {
  bool plural = cur.accept_kw("PARTITIONS");
  if (!plural) {
    cur.expect_kw("PARTITION");
  }
  bool if_not_exists = cur.accept_kws({"IF", "NOT", "EXISTS"});
  if (cur.is_kw("VALUES", 1) && cur.is_kw("IN", 2) && !cur.allows(SyntaxForm::AddListPartition)) {
    cur.syntax_error_at(cur.position() + 2); // as ADD PARTITION: 2.5 adds only ranges
  }
  PartitionDesc desc = parse_partition_desc(cur);
  if (cur.accept_kw("DISTRIBUTED")) { // the temporary partition's own bucketing: no effect here
    cur.expect_kw("BY");
    if (cur.accept_kw("HASH")) {
      cur.skip_group();
    } else {
      cur.expect_kw("RANDOM");
    }
    if (cur.accept_kw("BUCKETS")) {
      cur.literal_text();
    }
  }
  if (cur.accept_kw("PROPERTIES")) {
    parse_properties(cur);
  }
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  check_supported(m);
  ctx.conn.exec(k_schema);
  // The temporary partitions play the formal ones' part in add_partitions' checks: a temporary
  // range is checked against (and a LESS THAN bound follows) the other temporary ranges.
  std::vector<PartitionDef> temps = temp_partitions(ctx.conn, m);
  TableModel scratch = m;
  scratch.partition.partitions = temps;
  for (const PartitionDesc& one : expand_batch(m, desc)) {
    if (find_partition(m, one.name)) {
      if (if_not_exists) {
        continue;
      }
      fail_analyzing("Duplicate partition name " + one.name);
    }
  }
  auto ids = [&] { return ctx.state.store.next_id(); };
  std::vector<std::string> added = add_partitions(scratch, desc, if_not_exists, ids, ctx.now());
  for (const std::string& name : added) {
    const PartitionDef* p = find_partition(scratch, name);
    if (find_partition(m, name)) {
      continue; // IF NOT EXISTS and a formal partition of that name
    }
    ctx.conn.exec("CREATE TABLE " + temp_storage_ref(*p) + " LIKE " + table_ref(m.db, m.name));
    ctx.conn.exec("ALTER TABLE " + temp_storage_ref(*p) + " REMOVE PARTITIONING");
    ctx.conn.exec("INSERT INTO `__srsim`.temp_partitions VALUES (" + std::to_string(m.id) + ", " +
                  quote_literal(m.db) + ", " + quote_literal(m.name) + ", " +
                  quote_literal(p->name) + ", " + std::to_string(p->id) + ", 1, " +
                  std::to_string(ctx.now()) + ", " + quote_literal(def_json(*p)) + ")");
  }
  return OkReply{};
}

Reply drop_temp_partition(Ctx& ctx, Cursor& cur, TableModel& m) {
  cur.expect_kw("PARTITION");
  bool if_exists = cur.accept_kws({"IF", "EXISTS"});
  std::string name = cur.identifier();
  cur.accept_kw("FORCE");
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  std::vector<PartitionDef> temps = temp_partitions(ctx.conn, m);
  const PartitionDef* p = find_temp(temps, name);
  if (!p) {
    if (if_exists) {
      return OkReply{};
    }
    // LocalMetastore.dropPartition: ERR_DROP_PARTITION_NON_EXISTENT for temporary ones too.
    fail_plain(1507, "Error in list of partitions to " +
                         (ctx.version().at_least(3, 4) ? "[" + name + "]" : name));
  }
  delete_rows(ctx.conn, m, {p->name});
  drop_storage(ctx.conn, {*p});
  return OkReply{};
}

Reply replace_partitions(Ctx& ctx, Cursor& cur, TableModel& m) {
  if (!cur.accept_kw("PARTITIONS")) {
    cur.expect_kw("PARTITION");
  }
  std::vector<std::string> old_names = cur.ident_list();
  cur.expect_kw("WITH");
  cur.expect_kw("TEMPORARY");
  if (!cur.accept_kw("PARTITIONS")) {
    cur.expect_kw("PARTITION");
  }
  std::vector<std::string> temp_names = cur.ident_list();
  Properties props;
  if (cur.accept_kw("PROPERTIES")) {
    props = parse_properties(cur);
  }
  if (!cur.at_end()) {
    cur.syntax_error();
  }
  auto flag = [&](const std::string& key, bool dflt) {
    const std::string* v = find_property(props, key);
    return v ? to_lower(*v) == "true" : dflt;
  };
  bool strict = flag("strict_range", true);
  bool use_temp_names = flag("use_temp_partition_name", false);
  check_supported(m);
  std::vector<PartitionDef> old_parts, temps;
  for (const std::string& n : old_names) {
    const PartitionDef* p = find_partition(m, n);
    if (!p) {
      fail_plain(1064, "Partition[" + n + "] does not exist");
    }
    old_parts.push_back(*p);
  }
  std::vector<PartitionDef> all_temps = temp_partitions(ctx.conn, m);
  for (const std::string& n : temp_names) {
    const PartitionDef* p = find_temp(all_temps, n);
    if (!p) {
      fail_plain(1064, "Temp partition[" + n + "] does not exist");
    }
    temps.push_back(*p);
  }
  check_ranges(m, old_parts, temps, strict);
  if (!use_temp_names && old_parts.size() == temps.size()) {
    for (std::size_t i = 0; i < temps.size(); ++i) {
      temps[i].name = old_parts[i].name;
    }
  }
  TableModel next = m;
  auto& parts = next.partition.partitions;
  // In catalog order the new partitions take the place of the first replaced one.
  std::size_t at = parts.size();
  for (std::size_t i = 0; i < parts.size() && at == parts.size(); ++i) {
    if (parts[i].name == old_parts[0].name) {
      at = i;
    }
  }
  for (std::size_t i = 0; i < at; ++i) {
    if (std::any_of(old_parts.begin(), old_parts.end(),
                    [&](const PartitionDef& o) { return o.name == parts[i].name; })) {
      --at;
    }
  }
  parts.erase(std::remove_if(parts.begin(), parts.end(),
                             [&](const PartitionDef& p) {
                               return std::any_of(
                                   old_parts.begin(), old_parts.end(),
                                   [&](const PartitionDef& o) { return o.name == p.name; });
                             }),
              parts.end());
  parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(std::min(at, parts.size())),
               temps.begin(), temps.end());
  sort_partitions(next);
  bool same_layout = m.partition.partitions.size() == next.partition.partitions.size();
  for (std::size_t i = 0; same_layout && i < parts.size(); ++i) {
    const PartitionDef& a = m.partition.partitions[i];
    const PartitionDef& b = parts[i];
    same_layout = a.name == b.name && a.lower == b.lower && a.upper == b.upper &&
                  value_set({a}) == value_set({b});
  }
  if (!same_layout && !is_range(m)) {
    fail_unsupported("REPLACE PARTITION that changes a LIST table's partition names or values");
  }
  std::string tref = table_ref(m.db, m.name);
  // A different layout is set up first: REORGANIZE keeps every row, so readers still see the old
  // rows, now in the new partitions; the swap of rows below is the one atomic step.
  if (!same_layout) {
    sync_layout(ctx.conn, next);
  }
  try {
    ctx.conn.exec("START TRANSACTION");
    for (const PartitionDef& o : old_parts) {
      ctx.conn.exec("DELETE FROM " + tref + " WHERE " + partition_predicate(m, o));
    }
    for (const PartitionDef& t : temps) {
      ctx.conn.exec("INSERT INTO " + tref + " SELECT * FROM " + temp_storage_ref(t));
    }
    ctx.state.store.save(ctx.conn, next);
    for (const PartitionDef& t : temps) {
      // The temporary partition becomes formal with its id and visible version.
      ctx.conn.exec("UPDATE `__srsim`.partition_state SET id = " + std::to_string(t.id) +
                    ", version = " + std::to_string(t.version) + ", version_time = " +
                    std::to_string(t.version_time) + " WHERE db = " + quote_literal(m.db) +
                    " AND tbl = " + quote_literal(m.name) + " AND name = " + quote_literal(t.name));
    }
    delete_rows(ctx.conn, m, temp_names);
    ctx.conn.exec("COMMIT");
  } catch (...) {
    ctx.conn.exec("ROLLBACK");
    if (!same_layout) {
      sync_layout(ctx.conn, m);
    }
    throw;
  }
  drop_storage(ctx.conn, temps);
  return OkReply{};
}

void check_not_temp_names(Backend& conn, const TableModel& m,
                          const std::vector<std::string>& names) {
  if (m.partition.type != "RANGE" && m.partition.type != "LIST") {
    return;
  }
  std::vector<PartitionDef> temps = temp_partitions(conn, m);
  for (const std::string& n : names) {
    if (find_temp(temps, n)) {
      fail_analyzing("Duplicate partition name " + n);
    }
  }
}

void drop_all_temp_partitions(Backend& conn, const TableModel& m) {
  if (m.kind != "OLAP") {
    return;
  }
  std::vector<PartitionDef> temps = temp_partitions(conn, m);
  if (temps.empty()) {
    return;
  }
  conn.exec("DELETE FROM `__srsim`.temp_partitions" + where_table(m));
  drop_storage(conn, temps);
}

std::vector<PartitionDef> temp_load_targets(Backend& conn, const TableModel& m,
                                            std::vector<std::string>& names) {
  if (m.partition.type == "NONE") {
    fail_analyzing("PARTITION clause is not valid for INSERT into unpartitioned table");
  }
  std::vector<PartitionDef> temps = temp_partitions(conn, m), out;
  for (std::string& n : names) {
    const PartitionDef* p = find_temp(temps, n);
    if (!p) {
      fail_analyzing("Unknown partition '" + n + "' in table '" + m.name + "'");
    }
    n = p->name;
    out.push_back(*p);
  }
  return out;
}

std::uint64_t write_temp_rows(Ctx& ctx, const TableModel& m,
                              const std::vector<PartitionDef>& targets, const std::string& stage,
                              const std::string& verb, const std::string& columns,
                              const std::function<std::string(const std::string&)>& tail) {
  std::string any;
  for (const PartitionDef& p : targets) {
    any += (any.empty() ? "(" : " OR (") + partition_predicate(m, p) + ")";
    ctx.conn.exec(verb + " INTO " + temp_storage_ref(p) + columns + " SELECT * FROM " + stage +
                  " WHERE " + partition_predicate(m, p) + tail(temp_storage_ref(p)));
  }
  return std::stoull(ctx.conn
                         .scalar("SELECT COUNT(*) FROM " + stage + " WHERE NOT COALESCE(" +
                                 (any.empty() ? std::string("FALSE") : any) + ", FALSE)")
                         .value_or("0"));
}

void bump_temp_versions(Backend& conn, const TableModel& m, const std::vector<std::string>& names) {
  for (const std::string& n : names) {
    conn.exec("UPDATE `__srsim`.temp_partitions SET version = version + 1, version_time = "
              "UNIX_TIMESTAMP()" +
              where_table(m) + " AND name = " + quote_literal(n));
  }
}

std::map<std::string, PartitionStats> temp_partition_stats(Backend& conn, const TableModel& m) {
  std::map<std::string, PartitionStats> out;
  for (const PartitionDef& p : temp_partitions(conn, m)) {
    std::int64_t rows =
        std::stoll(conn.scalar("SELECT COUNT(*) FROM " + temp_storage_ref(p)).value_or("0"));
    std::int64_t bytes = std::stoll(
        conn.scalar("SELECT DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                    "'__srsim' AND TABLE_NAME = " +
                    quote_literal("tp_" + std::to_string(p.id)))
            .value_or("0"));
    out[p.name] = {rows, rows ? bytes : 0};
  }
  return out;
}

std::string rewrite_temp_partition_refs(Ctx& ctx, const std::string& sql) {
  std::vector<Token> t = tokenize(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 1; i + 3 < t.size(); ++i) {
    if (t[i].upper != "TEMPORARY" || t[i].kind != TokenKind::Word ||
        (t[i + 1].upper != "PARTITION" && t[i + 1].upper != "PARTITIONS") || t[i + 2].text != "(") {
      continue;
    }
    // The table name before: `t`, `db.t` or `catalog.db.t`.
    std::size_t first = i - 1;
    std::vector<std::string> parts{t[first].text};
    while (first >= 2 && t[first - 1].text == ".") {
      first -= 2;
      parts.insert(parts.begin(), t[first].text);
    }
    std::string db = parts.size() >= 2 ? parts[parts.size() - 2] : ctx.session.current_db;
    TableModel m = load_table(ctx, db, parts.back());
    std::vector<std::string> names;
    std::size_t j = i + 3;
    for (; j < t.size() && t[j].text != ")"; ++j) {
      if (t[j].text != ",") {
        names.push_back(t[j].text);
      }
    }
    if (names.empty() || j >= t.size()) {
      continue;
    }
    std::vector<PartitionDef> temps = temp_partitions(ctx.conn, m);
    std::string derived;
    for (const std::string& n : names) {
      const PartitionDef* p = find_temp(temps, n);
      if (!p) { // SelectAnalyzer / RelationTransformer: the partition must exist
        fail_analyzing("Unknown partition '" + n + "' in table '" + m.name + "'");
      }
      derived += (derived.empty() ? "" : " UNION ALL ") + std::string("SELECT * FROM ") +
                 temp_storage_ref(*p);
    }
    // An alias after the clause names the derived table; otherwise it keeps the table's name.
    const Token& next = j + 1 < t.size() ? t[j + 1] : t[j];
    static const char* const k_clause_words[] = {"WHERE",  "GROUP",     "ORDER",  "LIMIT", "JOIN",
                                                 "LEFT",   "RIGHT",     "INNER",  "CROSS", "FULL",
                                                 "ON",     "UNION",     "HAVING", "OUTER", "USING",
                                                 "EXCEPT", "INTERSECT", "WINDOW", "FOR"};
    bool has_alias = j + 1 < t.size() && next.kind != TokenKind::End &&
                     (next.upper == "AS" ||
                      ((next.kind == TokenKind::Word || next.kind == TokenKind::QuotedIdent) &&
                       std::none_of(std::begin(k_clause_words), std::end(k_clause_words),
                                    [&](const char* w) { return next.upper == w; })));
    out += sql.substr(copied, t[first].begin - copied) + "(" + derived + ")" +
           (has_alias ? "" : " AS " + quote_ident(m.name));
    copied = t[j].end;
    i = j;
  }
  return out + sql.substr(copied);
}

} // namespace srsim::engine
