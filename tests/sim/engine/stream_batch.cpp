#include "stream_batch.hpp"

#include "backend_errors.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "partitions.hpp"
#include "stream_convert.hpp"
#include "stream_format.hpp"
#include "temp_partitions.hpp"
#include "types.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace srsim::engine {

namespace {

// The statement size LoadJob's stage takes per INSERT (load_stage.cpp k_stage_chunk_bytes).
constexpr std::size_t k_batch_chunk_bytes = 4 << 20;
// Keep the error log of one transaction bounded (StarRocks keeps a file per load on the BE).
constexpr std::size_t k_batch_error_log_bytes = 1 << 20;

std::string batch_trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t\r\n");
  std::size_t e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string batch_header(const LoadRequest& r, const std::string& name, const std::string& dflt) {
  auto it = r.headers.find(name);
  return it == r.headers.end() || it->second.empty() ? dflt : it->second;
}

bool batch_iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// `columns`: source fields in order, each a table column or a name for a skipped field.
// Expressions (`c = f(x)`) are StarRocks features srsim does not imitate.
struct Mapping {
  std::vector<std::string> source;
  std::vector<int> source_of_target; // per table column: source index, or -1 (default / NULL)
};

Mapping column_mapping(const TableModel& m, const LoadRequest& r) {
  Mapping map;
  std::string cols = batch_header(r, "columns", "");
  std::size_t start = 0;
  while (!cols.empty() && start <= cols.size()) {
    std::size_t comma = cols.find(',', start);
    std::string name = batch_trim(cols.substr(start, comma - start));
    name.erase(std::remove(name.begin(), name.end(), '`'), name.end());
    if (name.find('=') != std::string::npos) {
      throw LoadFailure("INTERNAL_ERROR",
                        "srsim does not support: expressions in the columns header (" + name + ")");
    }
    map.source.push_back(name);
    if (comma == std::string::npos) {
      break;
    }
    start = comma + 1;
  }
  if (map.source.empty()) {
    for (const ColumnDef& c : m.columns) {
      map.source.push_back(c.name);
    }
  }
  for (const ColumnDef& c : m.columns) {
    auto it = std::find_if(map.source.begin(), map.source.end(),
                           [&](const std::string& s) { return batch_iequals(s, c.name); });
    int index = it == map.source.end() ? -1 : static_cast<int>(it - map.source.begin());
    if (index < 0 && !c.nullable && !c.has_default && !c.auto_increment) {
      // StreamLoadPlanner: a NOT NULL column the load does not fill needs a default.
      throw LoadFailure("ANALYSIS_ERROR", "Column has no default value. column: " + c.name);
    }
    map.source_of_target.push_back(index);
  }
  return map;
}

struct RowValues {
  std::vector<std::optional<Converted>> values; // table order; nullopt = NULL
  const SourceRow* source = nullptr;
};

// Converts one row; answers the reason when the row is filtered.
std::optional<std::string> convert_row(const TableModel& m, const Mapping& map,
                                       const SourceRow& row, bool strict, bool json,
                                       RowValues& out) {
  if (!row.error.empty()) {
    return row.error;
  }
  if (!json && row.fields.size() != map.source.size()) {
    return "Value count does not match column count. Expect " + std::to_string(map.source.size()) +
           ", but got " + std::to_string(row.fields.size());
  }
  out.values.clear();
  for (std::size_t i = 0; i < m.columns.size(); ++i) {
    const ColumnDef& c = m.columns[i];
    int src = map.source_of_target[i];
    std::optional<Converted> v;
    if (src < 0) {
      if (c.has_default) {
        v = convert_field(c, c.default_value);
      }
    } else if (static_cast<std::size_t>(src) < row.fields.size() && row.fields[src]) {
      Converted conv = convert_field(c, *row.fields[src]);
      if (conv.ok) {
        v = std::move(conv);
      } else if (strict) {
        return "Value '" + *row.fields[src] + "' cannot be converted to " + c.type +
               " of column '" + c.name + "'";
      }
    }
    if (!v && !c.nullable && !c.auto_increment) {
      return "NULL value in non-nullable column '" + c.name + "'";
    }
    out.values.push_back(std::move(v));
  }
  return std::nullopt;
}

std::string batch_literal(const std::optional<Converted>& v) {
  return v ? literal_of(*v) : "NULL";
}

// `where`, evaluated by the storage server on the converted values: rows it does not keep are
// NumberUnselectedRows (starrocks-surface.md §13.19).
std::vector<bool> where_keeps(Ctx& ctx, const TableModel& m, const std::vector<RowValues>& rows,
                              const std::string& where) {
  std::vector<bool> keep(rows.size(), true);
  for (std::size_t base = 0; base < rows.size(); base += 500) {
    std::string u;
    for (std::size_t r = base; r < std::min(rows.size(), base + 500); ++r) {
      u += u.empty() ? "SELECT " : " UNION ALL SELECT ";
      u += std::to_string(r) + " AS __srsim_n";
      for (std::size_t i = 0; i < m.columns.size(); ++i) {
        u += ", " + batch_literal(rows[r].values[i]) + " AS " + quote_ident(m.columns[i].name);
      }
    }
    ResultSet dropped;
    try {
      dropped = ctx.conn.query("SELECT __srsim_n FROM (" + u + ") AS t WHERE NOT COALESCE((" +
                               where + "), FALSE)");
    } catch (const BackendError& e) {
      throw LoadFailure("ANALYSIS_ERROR", std::string("where: ") + e.what());
    }
    for (const auto& row : dropped.rows) {
      keep[std::stoull(*row[0])] = false;
    }
  }
  return keep;
}

// Which rows a partition takes: every partition, the `partitions` named, or the named temporary
// partitions (stream_load.cpp: both headers at once are refused).
class PartitionFilter {
public:
  PartitionFilter(Ctx& ctx, TableModel model, const LoadRequest& r, StagedRows& staged)
      : m_model(std::move(model)) {
    std::string formal = batch_header(r, "partitions", ""),
                temp = batch_header(r, "temporary_partitions", "");
    if (!formal.empty() && !temp.empty()) {
      throw LoadFailure("INVALID_ARGUMENT",
                        "Can not specify both partitions and temporary partitions");
    }
    std::vector<std::string> names = split(formal.empty() ? temp : formal);
    m_route =
        m_model.partition.type == "RANGE" || m_model.partition.type == "LIST" || !names.empty();
    if (!temp.empty()) {
      m_model.partition.partitions = temp_load_targets(ctx.conn, m_model, names);
      staged.temp_parts = names;
    } else if (!names.empty()) {
      keep_named(names);
    }
    for (const std::string& c : m_model.partition.columns) {
      const ColumnDef* def = find_column(m_model, c);
      m_bases.push_back(def->base);
      m_index.push_back(static_cast<int>(def - m_model.columns.data()));
    }
  }

  bool accepts(const RowValues& row) const {
    if (!m_route) {
      return true;
    }
    std::vector<std::string> key;
    for (std::size_t i = 0; i < m_index.size(); ++i) {
      const auto& v = row.values[m_index[i]];
      // NULL routes as the type's minimum, like LoadJob::touched_partitions.
      key.push_back(v ? normalize_key(m_bases[i], v->value) : type_min_value(m_bases[i]));
    }
    return partition_owner(m_model, m_bases, key) != nullptr;
  }

private:
  static std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (!list.empty() && start <= list.size()) {
      std::size_t comma = list.find(',', start);
      out.push_back(batch_trim(list.substr(start, comma - start)));
      if (comma == std::string::npos) {
        break;
      }
      start = comma + 1;
    }
    return out;
  }

  void keep_named(const std::vector<std::string>& names) {
    std::vector<PartitionDef> kept;
    for (const std::string& n : names) {
      PartitionDef* p = find_partition(m_model, n);
      if (!p) {
        throw LoadFailure("ANALYSIS_ERROR",
                          "Unknown partition '" + n + "' in table '" + m_model.name + "'");
      }
      kept.push_back(*p);
    }
    m_model.partition.partitions = kept;
  }

  TableModel m_model;
  bool m_route = false;
  std::vector<std::string> m_bases;
  std::vector<int> m_index;
};

void stage_row(StagedRows& staged, const RowValues& row) {
  std::string tuple = "(";
  for (std::size_t i = 0; i < row.values.size(); ++i) {
    tuple += (i ? ", " : "") + batch_literal(row.values[i]);
  }
  tuple += ")";
  if (staged.chunks.empty() || staged.chunks.back().size() >= k_batch_chunk_bytes) {
    staged.chunks.emplace_back("VALUES " + tuple);
  } else {
    staged.chunks.back() += ", " + tuple;
  }
}

void reject_row(StagedRows& staged, const std::string& why, const std::string& text) {
  ++staged.filtered;
  if (staged.error_log.size() < k_batch_error_log_bytes) {
    staged.error_log += "Error: " + why + ". Row: " + text + "\n";
  }
}

bool batch_strict_mode(const LoadRequest& r) {
  std::string v = batch_header(r, "strict_mode", "false");
  if (!batch_iequals(v, "true") && !batch_iequals(v, "false")) {
    throw LoadFailure("INVALID_ARGUMENT", "Invalid strict mode format. Must be bool type");
  }
  return batch_iequals(v, "true");
}

} // namespace

void load_batch(Ctx& ctx, TableModel model, const LoadRequest& r, StagedRows& staged) {
  LoadFormat format = load_format(r.headers, ctx.version());
  bool strict = batch_strict_mode(r);
  staged.strict = strict;
  staged.max_filter_ratio = std::strtod(batch_header(r, "max_filter_ratio", "0").c_str(), nullptr);
  Mapping map = column_mapping(model, r);
  PartitionFilter partitions(ctx, model, r, staged);
  std::vector<SourceRow> source =
      format.json ? parse_json(format, r.body, map.source) : parse_csv(format, r.body);
  staged.has_data = true;
  staged.bytes += static_cast<std::int64_t>(r.body.size());
  staged.total += static_cast<std::int64_t>(source.size());
  std::vector<RowValues> rows;
  rows.reserve(source.size());
  for (const SourceRow& s : source) {
    RowValues v;
    v.source = &s;
    if (auto why = convert_row(model, map, s, strict, format.json, v)) {
      reject_row(staged, *why, s.text);
    } else {
      rows.push_back(std::move(v));
    }
  }
  std::string where = batch_header(r, "where", "");
  std::vector<bool> keep =
      where.empty() ? std::vector<bool>(rows.size(), true) : where_keeps(ctx, model, rows, where);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!keep[i]) {
      ++staged.unselected;
    } else if (!partitions.accepts(rows[i])) {
      reject_row(staged, "The row is out of partition ranges. Please add a new partition.",
                 rows[i].source->text);
    } else {
      stage_row(staged, rows[i]);
      ++staged.loaded;
    }
  }
}

} // namespace srsim::engine
