// Step (1) of a load (insert.cpp): the statement's rows are computed into a session-private,
// unpartitioned Aria table (`__srsim`.stage_<txn>): cheap to create, fast for bulk rows, and
// gone with the connection. Which partitions the rows touch is derived from the distinct
// partition-key values, mapped onto the model's ranges / lists.

#include "backend_errors.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "load_job.hpp"
#include "partitions.hpp"
#include "sql_lexer.hpp"
#include "temp_partitions.hpp"
#include "types.hpp"

#include <algorithm>

namespace srsim::engine {

namespace {

bool same_value(const std::string& base, const std::string& a, const std::string& b) {
  if (is_integer_base(base) || base == "date" || base == "datetime") {
    return compare_value(base, a, b) == 0;
  }
  return a == b; // byte for byte, as StarRocks and srsim's storage collation (k_collation)
}

} // namespace

const PartitionDef* partition_owner(const TableModel& m, const std::vector<std::string>& bases,
                                    const std::vector<std::string>& key) {
  for (const PartitionDef& p : m.partition.partitions) {
    if (m.partition.type == "LIST") {
      for (const auto& tuple : p.values) {
        bool eq = tuple.size() == key.size();
        for (std::size_t i = 0; eq && i < key.size(); ++i) {
          eq = same_value(bases[i], tuple[i], key[i]);
        }
        if (eq) {
          return &p;
        }
      }
    } else if (compare_tuple(bases, p.lower, key) <= 0 && compare_tuple(bases, key, p.upper) < 0) {
      return &p;
    }
  }
  return nullptr;
}

namespace {

// The storage server refuses statements over its max_allowed_packet (MariaDB's default 16 MiB);
// StarRocks has no such bound on an INSERT's rows (an OLAP external table streams them).
constexpr std::size_t k_stage_chunk_bytes = 4 << 20;

// `source` as one or more `VALUES (..), (..)` texts of at most about k_stage_chunk_bytes each;
// a query, or a short VALUES list, comes back whole.
std::vector<std::string> staging_chunks(const std::string& source) {
  if (source.size() <= k_stage_chunk_bytes) {
    return {source};
  }
  std::vector<Token> t = tokenize(source);
  if (t.empty() || t[0].kind != TokenKind::Word || t[0].upper != "VALUES") {
    return {source};
  }
  std::vector<std::string> chunks;
  std::string chunk;
  int depth = 0;
  std::size_t row_begin = t.size() > 1 ? t[1].begin : 0;
  for (std::size_t i = 1; i < t.size() && t[i].kind != TokenKind::End; ++i) {
    if (t[i].kind != TokenKind::Symbol) {
      continue;
    }
    depth += t[i].text == "(" ? 1 : t[i].text == ")" ? -1 : 0;
    bool last = i + 1 == t.size() || t[i + 1].kind == TokenKind::End;
    if (depth == 0 && t[i].text == ")" && (last || t[i + 1].text == ",")) {
      std::string row = source.substr(row_begin, t[i].end - row_begin);
      chunk += (chunk.empty() ? "VALUES " : ", ") + row;
      if (chunk.size() >= k_stage_chunk_bytes) {
        chunks.push_back(std::move(chunk));
        chunk.clear();
      }
      if (!last) {
        row_begin = t[i + 2].begin;
        ++i;
      }
    }
  }
  if (!chunk.empty()) {
    chunks.push_back(std::move(chunk));
  }
  return chunks;
}

} // namespace

void LoadJob::stage_rows(const std::string& verb) {
  for (const std::string& part : staging_chunks(m_stmt.source)) {
    std::string sql = verb + m_stage + " " + rewrite_query(m_ctx, part);
    run_watched(m_ctx, m_deadline, true, [&] { m_ctx.conn.exec(sql); });
  }
}

void LoadJob::fill_stage() {
  m_stage = table_ref(k_meta_db, "stage_" + std::to_string(m_txn_id));
  std::string cols = column_list();
  std::string select_cols = cols.empty() ? "*" : cols.substr(2, cols.size() - 3);
  m_ctx.conn.exec("CREATE TEMPORARY TABLE " + m_stage + " ENGINE=Aria TRANSACTIONAL=0 AS SELECT " +
                  select_cols + " FROM " + table_ref(m_model.db, m_model.name) + " LIMIT 0");
  if (m_stmt.stage_rows) { // Stream Load: rows converted and checked already
    run_watched(m_ctx, m_deadline, true, [&] { m_stmt.stage_rows(m_ctx.conn, m_stage); });
  } else {
    // Non-strict mode turns unconvertible values into NULL instead of failing, as StarRocks does.
    stage_rows(strict() ? "INSERT INTO " : "INSERT IGNORE INTO ");
  }
  m_rows = std::stoull(m_ctx.conn.scalar("SELECT COUNT(*) FROM " + m_stage).value_or("0"));
}

std::set<std::string> LoadJob::touched_partitions() {
  std::set<std::string> out;
  if (m_rows == 0) {
    return out;
  }
  if (m_model.partition.type == "NONE") {
    out.insert(m_model.name);
    return out;
  }
  for (const std::string& c : m_model.partition.columns) {
    if (!m_stmt.columns.empty() &&
        std::none_of(m_stmt.columns.begin(), m_stmt.columns.end(),
                     [&](const std::string& x) { return to_lower(x) == to_lower(c); })) {
      fail_analyzing("Partition column '" + c + "' must be given a value");
    }
  }
  auto bases = column_bases(m_model);
  ResultSet keys = m_ctx.conn.query("SELECT DISTINCT " + join_idents(m_model.partition.columns) +
                                    " FROM " + m_stage);
  for (const auto& row : keys.rows) {
    std::vector<std::string> key;
    for (std::size_t i = 0; i < row.size(); ++i) {
      // NULL sorts below every value: it lands in the first range partition like StarRocks.
      key.push_back(row[i] ? normalize_key(bases[i], *row[i]) : type_min_value(bases[i]));
    }
    if (const PartitionDef* p = partition_owner(m_model, bases, key)) {
      out.insert(p->name);
    }
  }
  return out;
}

void LoadJob::drop_unqualified_rows() {
  if (m_model.partition.type == "NONE") {
    return;
  }
  std::string pred;
  for (const PartitionDef& p : m_model.partition.partitions) {
    if (!m_stmt.partitions.empty() && std::find(m_stmt.partitions.begin(), m_stmt.partitions.end(),
                                                p.name) == m_stmt.partitions.end()) {
      continue;
    }
    pred += (pred.empty() ? "(" : " OR (") + partition_predicate(m_model, p) + ")";
  }
  m_ctx.conn.exec("DELETE FROM " + m_stage + " WHERE NOT COALESCE(" +
                  (pred.empty() ? std::string("FALSE") : pred) + ", FALSE)");
  std::uint64_t before = m_rows;
  m_rows = std::stoull(m_ctx.conn.scalar("SELECT COUNT(*) FROM " + m_stage).value_or("0"));
  m_filtered = before - m_rows;
}

std::string LoadJob::partition_clause() const {
  if (m_model.partition.type == "NONE") {
    return "";
  }
  std::vector<std::string> allowed = m_stmt.partitions;
  if (allowed.empty()) {
    for (const PartitionDef& p : m_model.partition.partitions) {
      allowed.push_back(p.name);
    }
  }
  if (allowed.empty()) { // a table without partitions accepts no row
    allowed.push_back(m_model.partition.type == "LIST" ? "" : "gap__max");
  }
  return " PARTITION (" + join_idents(allowed) + ")";
}

} // namespace srsim::engine
