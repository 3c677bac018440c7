#include "partitions.hpp"

#include "errors.hpp"
#include "name_rules.hpp"
#include "types.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace srsim::engine {

namespace {

std::vector<std::string> value_tuple(Cursor& cur) {
  std::vector<std::string> out;
  if (cur.accept_kw("MAXVALUE")) {
    out.push_back("MAXVALUE");
    return out;
  }
  cur.expect_sym("(");
  do {
    out.push_back(cur.literal_text());
  } while (cur.accept_sym(","));
  cur.expect_sym(")");
  return out;
}

std::vector<std::vector<std::string>> in_values(Cursor& cur) {
  std::vector<std::vector<std::string>> out;
  cur.expect_sym("(");
  do {
    if (cur.is_sym("(")) {
      out.push_back(value_tuple(cur));
    } else {
      out.push_back({cur.literal_text()});
    }
  } while (cur.accept_sym(","));
  cur.expect_sym(")");
  return out;
}

void parse_every(Cursor& cur, PartitionDesc& d) {
  cur.expect_kw("EVERY");
  cur.expect_sym("(");
  if (cur.accept_kw("INTERVAL")) {
    d.every = std::stoll(cur.literal_text());
    d.every_unit = cur.next().upper;
  } else {
    d.every = std::stoll(cur.literal_text());
  }
  cur.expect_sym(")");
}

std::tm parse_tm(const std::string& v) {
  std::tm tm{};
  int y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  std::sscanf(v.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s);
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return tm;
}

std::string format_tm(std::tm tm, const std::string& base) {
  timegm(&tm); // normalises overflowing fields
  char buf[32];
  if (base == "date") {
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  } else {
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  }
  return buf;
}

std::string step_value(const std::string& base, const std::string& v, const std::string& unit,
                       long long n) {
  if (unit.empty()) {
    return std::to_string(std::stoll(v) + n);
  }
  std::tm tm = parse_tm(v);
  if (unit == "DAY") {
    tm.tm_mday += static_cast<int>(n);
  } else if (unit == "WEEK") {
    tm.tm_mday += static_cast<int>(7 * n);
  } else if (unit == "MONTH") {
    tm.tm_mon += static_cast<int>(n);
  } else if (unit == "YEAR") {
    tm.tm_year += static_cast<int>(n);
  } else if (unit == "HOUR") {
    tm.tm_hour += static_cast<int>(n);
  } else {
    fail_unsupported("EVERY unit " + unit);
  }
  return format_tm(tm, base);
}

std::string batch_name(const std::string& unit, const std::string& v) {
  std::string digits;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-') {
      digits += c;
    }
  }
  if (unit.empty()) {
    return "p" + v;
  }
  std::string d;
  for (char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      d += c;
    }
  }
  std::size_t len = unit == "YEAR" ? 4 : unit == "MONTH" ? 6 : unit == "HOUR" ? 10 : 8;
  return "p" + d.substr(0, len);
}

std::string range_text(const TableModel& model, const std::vector<std::string>& lo,
                       const std::vector<std::string>& hi);

void check_range(TableModel& model, const PartitionDef& p) {
  auto bases = column_bases(model);
  if (compare_tuple(bases, p.lower, p.upper) >= 0) {
    fail_analyzing("Invalid range value format: The lower values must smaller than upper values");
  }
  for (const PartitionDef& other : model.partition.partitions) {
    if (compare_tuple(bases, p.lower, other.upper) < 0 &&
        compare_tuple(bases, other.lower, p.upper) < 0) {
      fail_analyzing("Range " + range_text(model, p.lower, p.upper) +
                     " is intersected with range: " + range_text(model, other.lower, other.upper));
    }
  }
}

std::vector<std::string> normalized(const std::vector<std::string>& bases,
                                    std::vector<std::string> values) {
  for (std::size_t i = 0; i < values.size() && i < bases.size(); ++i) {
    values[i] = normalize_key(bases[i], values[i]);
  }
  // A shorter tuple is padded the way StarRocks does for LESS THAN: missing columns MAXVALUE
  // when the first is MAXVALUE, else the type minimum.
  for (std::size_t i = values.size(); i < bases.size(); ++i) {
    values.push_back(values[0] == "MAXVALUE" ? "MAXVALUE" : type_min_value(bases[i]));
  }
  return values;
}

} // namespace

std::vector<std::string> column_bases(const TableModel& model) {
  std::vector<std::string> out;
  for (const std::string& c : model.partition.columns) {
    const ColumnDef* col = find_column(model, c);
    out.push_back(col ? col->base : "varchar");
  }
  return out;
}

PartitionDesc parse_partition_desc(Cursor& cur) {
  PartitionDesc d;
  if (cur.accept_kw("START")) {
    d.batch = true;
    d.lower = value_tuple(cur);
    cur.expect_kw("END");
    d.upper = value_tuple(cur);
    parse_every(cur, d);
    return d;
  }
  d.name = cur.identifier();
  check_partition_name(d.name); // PartitionDesc analysis: FeNameFormat.checkPartitionName
  cur.expect_kw("VALUES");
  if (cur.accept_kw("LESS")) {
    cur.expect_kw("THAN");
    d.less_than = true;
    d.upper = value_tuple(cur);
  } else if (cur.accept_kw("IN")) {
    d.values = in_values(cur);
  } else {
    cur.expect_sym("[");
    d.lower = value_tuple(cur);
    cur.expect_sym(",");
    d.upper = value_tuple(cur);
    cur.expect_sym(")");
  }
  if (cur.is_sym("(")) { // per-partition properties
    cur.expect_sym("(");
    while (!cur.accept_sym(")")) {
      std::string k = cur.string_literal();
      cur.expect_sym("=");
      std::string v = cur.string_literal();
      if (k == "replication_num") {
        d.replication_num = std::stoi(v);
      }
      cur.accept_sym(",");
    }
  }
  return d;
}

std::vector<PartitionDesc> expand_batch(const TableModel& model, const PartitionDesc& desc) {
  if (!desc.batch) {
    return {desc};
  }
  auto bases = column_bases(model);
  std::vector<PartitionDesc> items;
  std::string lo = normalize_key(bases[0], desc.lower[0]);
  std::string end = normalize_key(bases[0], desc.upper[0]);
  if (compare_value(bases[0], lo, end) >= 0) {
    fail_analyzing("Invalid range value format: The lower values must smaller than upper values");
  }
  while (compare_value(bases[0], lo, end) < 0) {
    PartitionDesc one;
    one.name = batch_name(desc.every_unit, lo);
    one.lower = {lo};
    std::string hi = step_value(bases[0], lo, desc.every_unit, desc.every);
    one.upper = {compare_value(bases[0], hi, end) > 0 ? end : hi};
    items.push_back(one);
    lo = hi;
  }
  return items;
}

void check_manual_partition_on_automatic(const TableModel& model, const PartitionDesc& desc) {
  // PartitionDescAnalyzer.analyzePartitionDescWithExistsTable and
  // checkManualAddPartitionDateAligned (fe/fe-core/.../sql/analyzer/PartitionDescAnalyzer.java),
  // run for ADD PARTITION(S) and for DROP PARTITIONS START..END..EVERY alike.
  if (model.partition.type != "EXPR") {
    return;
  }
  if (!desc.batch) {
    fail_analyzing("Currently, you cannot manually add a single range partition to a table that "
                   "is automatically partition");
  }
  if (desc.every > 1) {
    fail_analyzing("The step of the auto-partitioned table should be 1");
  }
  const std::string& granularity = model.partition.expr_unit;
  if (to_lower(desc.every_unit) != to_lower(granularity)) {
    fail_analyzing("The granularity of the auto-partitioned table granularity(" + granularity +
                   ") should be consistent with the increased partition granularity(" +
                   desc.every_unit + ").");
  }
  // The begin and end snapped to the table's unit (days of week from Monday, months from the
  // 1st; only the fields the unit names are reset, as the Java code does).
  std::string unit = to_upper(granularity);
  auto snap = [&](const std::string& v) {
    std::tm tm = parse_tm(v);
    if (unit == "HOUR") {
      tm.tm_min = tm.tm_sec = 0;
    } else if (unit == "DAY") {
      tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    } else if (unit == "WEEK") {
      std::tm norm = tm;
      timegm(&norm);
      tm.tm_mday -= (norm.tm_wday + 6) % 7;
    } else if (unit == "MONTH") {
      tm.tm_mday = 1;
    } else if (unit == "YEAR") {
      tm.tm_mon = 0;
      tm.tm_mday = 1;
    }
    return format_tm(tm, "datetime");
  };
  std::string begin = format_tm(parse_tm(desc.lower[0]), "datetime");
  std::string end = format_tm(parse_tm(desc.upper[0]), "datetime");
  std::string std_begin = snap(begin), std_end = snap(end);
  if (std_begin == std_end) {
    std_end = step_value("datetime", std_end, unit, 1);
  }
  if (std_begin == begin && std_end == end) {
    return;
  }
  const ColumnDef* col = find_column(model, model.partition.columns[0]);
  bool date = col && col->base == "date";
  auto shown = [&](const std::string& v) { return date ? v.substr(0, 10) : v; };
  std::string extra = unit == "WEEK"    ? "with start day of week 1"
                      : unit == "MONTH" ? "with start day of month 1"
                                        : "";
  fail_analyzing("Batch build partition range [" + shown(begin) + "," + shown(end) +
                 ") should be a standard unit of time (" + unit + ") " + extra +
                 ". suggest range [" + shown(std_begin) + "," + shown(std_end) +
                 ")If you want to create partial partitions in batch, you can turn off this "
                 "check by setting the FE config enable_create_partial_partition_in_batch=true");
}

std::vector<std::string> add_partitions(TableModel& model, const PartitionDesc& desc,
                                        bool if_not_exists,
                                        const std::function<std::int64_t()>& ids,
                                        std::int64_t now) {
  auto bases = column_bases(model);
  std::vector<PartitionDesc> items = expand_batch(model, desc);
  std::vector<std::string> added;
  for (const PartitionDesc& d : items) {
    if (find_partition(model, d.name)) {
      // A batch makes each of its partitions IF NOT EXISTS (MultiRangePartitionDesc converts
      // START..END..EVERY into SingleRangePartitionDescs created with ifNotExists = true), so
      // partitions of the range that exist are skipped rather than refused.
      if (if_not_exists || desc.batch) {
        continue;
      }
      fail_analyzing("Duplicate partition name " + d.name);
    }
    PartitionDef p;
    p.name = d.name;
    p.id = ids();
    p.version_time = now;
    p.replication_num = d.replication_num;
    if (model.partition.type == "LIST") {
      p.values = d.values;
    } else {
      if (!d.values.empty()) {
        fail_analyzing("Invalid partition value: VALUES IN is only for LIST partitioned tables");
      }
      p.upper = normalized(bases, d.upper);
      if (d.less_than) {
        p.lower = normalized(bases, {type_min_value(bases[0])});
        for (const PartitionDef& o : model.partition.partitions) {
          if (compare_tuple(bases, o.upper, p.upper) <= 0 &&
              compare_tuple(bases, o.upper, p.lower) > 0) {
            p.lower = o.upper;
          }
        }
      } else {
        p.lower = normalized(bases, d.lower);
      }
      check_range(model, p);
    }
    model.partition.partitions.push_back(p);
    added.push_back(p.name);
  }
  sort_partitions(model);
  return added;
}

namespace {
std::string range_text(const TableModel& model, const std::vector<std::string>& lo,
                       const std::vector<std::string>& hi) {
  auto bases = column_bases(model);
  auto key = [&](const std::vector<std::string>& v) {
    std::string types, keys;
    for (std::size_t i = 0; i < bases.size(); ++i) {
      types += (i ? ", " : "") + key_type_name(bases[i]);
      keys += (i ? ", " : "") + (i < v.size() ? v[i] : std::string());
    }
    return "types: [" + types + "]; keys: [" + keys + "]; ";
  };
  return "[" + key(lo) + ".." + key(hi) + ")";
}
} // namespace

std::string range_cell(const TableModel& model, const PartitionDef& p) {
  return range_text(model, p.lower, p.upper);
}

std::string list_cell(const PartitionDef& p) {
  std::string out = "(";
  for (std::size_t i = 0; i < p.values.size(); ++i) {
    out += i ? ", " : "";
    if (p.values[i].size() == 1) {
      out += "'" + p.values[i][0] + "'";
    } else {
      out += "(";
      for (std::size_t j = 0; j < p.values[i].size(); ++j) {
        out += (j ? ", " : "") + std::string("'") + p.values[i][j] + "'";
      }
      out += ")";
    }
  }
  return out + ")";
}

PartitionDef* find_partition(TableModel& model, const std::string& name) {
  for (PartitionDef& p : model.partition.partitions) {
    if (to_lower(p.name) == to_lower(name)) {
      return &p;
    }
  }
  return nullptr;
}

void sort_partitions(TableModel& model) {
  if (model.partition.type != "RANGE" && model.partition.type != "EXPR") {
    return;
  }
  auto bases = column_bases(model);
  std::stable_sort(model.partition.partitions.begin(), model.partition.partitions.end(),
                   [&](const PartitionDef& a, const PartitionDef& b) {
                     return compare_tuple(bases, a.lower, b.lower) < 0;
                   });
}

std::string expr_partition_name(const std::string& unit, const std::string& value) {
  return batch_name(to_upper(unit), value);
}

std::pair<std::string, std::string> expr_partition_bounds(const std::string& unit,
                                                          const std::string& base,
                                                          const std::string& truncated) {
  std::string lo = normalize_key(base, truncated);
  return {lo, step_value(base, lo, to_upper(unit), 1)};
}

} // namespace srsim::engine
