#include "exlschema/starrocks/model_compare.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"

#include <array>

namespace exl::starrocks {
namespace {

// partition_live_number and the other settings that drop history are not compared: the target
// holds them only after the copied data is in (rewrite_for_target defers them).
constexpr std::array<std::string_view, 5> k_compared_properties = {
    "dynamic_partition.enable", "dynamic_partition.time_unit", "dynamic_partition.prefix",
    "bloom_filter_columns", "unique_constraints"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
  }
  return out;
}

std::string name_list_text(const std::vector<std::string>& list) {
  std::string out;
  for (const std::string& name : list) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return "(" + out + ")";
}

bool same_names(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

std::string differ(std::string_view what, const std::string& source, const std::string& target) {
  return std::string(what) + ": " + source + " on the source, " + target + " on the target";
}

std::optional<std::string> compare_column(const Column& s, const Column& t) {
  std::string what = "column `" + s.name + "`";
  if (lower(s.name) != lower(t.name)) {
    return differ("column name", s.name, t.name);
  }
  if (!(s.type == t.type)) {
    return differ(what + " type", print_column_type(s.type), print_column_type(t.type));
  }
  if (s.nullable != t.nullable) {
    return differ(what, s.nullable ? "NULL" : "NOT NULL", t.nullable ? "NULL" : "NOT NULL");
  }
  if (s.aggregate != t.aggregate) {
    return differ(what + " aggregate", s.aggregate.empty() ? "none" : s.aggregate,
                  t.aggregate.empty() ? "none" : t.aggregate);
  }
  if (s.auto_increment != t.auto_increment) {
    return differ(what + " AUTO_INCREMENT", s.auto_increment ? "yes" : "no",
                  t.auto_increment ? "yes" : "no");
  }
  return std::nullopt;
}

std::optional<std::string> compare_columns(const TableModel& s, const TableModel& t) {
  for (std::size_t i = 0; i < s.columns.size() && i < t.columns.size(); ++i) {
    if (auto diff = compare_column(s.columns[i], t.columns[i])) {
      return diff;
    }
  }
  if (s.columns.size() != t.columns.size()) {
    return differ("column count", std::to_string(s.columns.size()),
                  std::to_string(t.columns.size()));
  }
  return std::nullopt;
}

std::optional<std::string> compare_layout(const TableModel& s, const TableModel& t) {
  if (s.key_type != t.key_type || !same_names(s.key_columns, t.key_columns)) {
    return differ("key", std::string(key_type_keyword(s.key_type)) + name_list_text(s.key_columns),
                  std::string(key_type_keyword(t.key_type)) + name_list_text(t.key_columns));
  }
  const Partitioning& sp = s.partitioning;
  const Partitioning& tp = t.partitioning;
  if (sp.kind != tp.kind || !same_names(sp.columns, tp.columns) || sp.expression != tp.expression) {
    auto describe = [](const Partitioning& p) {
      // The clause without its partition list, so the message stays on one line.
      std::string text = print_partitioning(Partitioning{p.kind, p.columns, p.expression, {}});
      std::size_t list = text.find('\n');
      text = text.substr(0, list);
      return text.empty() ? std::string("no partitioning") : text;
    };
    return differ("partitioning", describe(sp), describe(tp));
  }
  const Distribution& sd = s.distribution;
  const Distribution& td = t.distribution;
  if (sd.kind != td.kind || !same_names(sd.columns, td.columns)) {
    auto describe = [](Distribution d) {
      d.buckets.reset();
      return print_distribution(d);
    };
    return differ("distribution", describe(sd), describe(td));
  }
  if (!same_names(s.order_by, t.order_by)) {
    return differ("ORDER BY", name_list_text(s.order_by), name_list_text(t.order_by));
  }
  return std::nullopt;
}

std::optional<std::string> compare_properties(const TableModel& s, const TableModel& t) {
  for (std::string_view key : k_compared_properties) {
    const std::string* sv = find_property(s.properties, key);
    const std::string* tv = find_property(t.properties, key);
    std::string a = sv != nullptr ? "\"" + *sv + "\"" : "unset";
    std::string b = tv != nullptr ? "\"" + *tv + "\"" : "unset";
    if (a != b) {
      return differ("property \"" + std::string(key) + "\"", a, b);
    }
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> compare_tables(const TableModel& source, const TableModel& target) {
  if (auto diff = compare_columns(source, target)) {
    return diff;
  }
  if (auto diff = compare_layout(source, target)) {
    return diff;
  }
  return compare_properties(source, target);
}

} // namespace exl::starrocks
