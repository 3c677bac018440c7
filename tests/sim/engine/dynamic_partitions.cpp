#include "dynamic_partitions.hpp"

#include "ddl_translate.hpp"
#include "sql_lexer.hpp"
#include "types.hpp"

#include <cstdio>
#include <optional>

namespace srsim::engine {

namespace {

std::string property(const TableModel& m, const std::string& key, const std::string& fallback) {
  const std::string* v = find_property(m.properties, "dynamic_partition." + key);
  return v ? *v : fallback;
}

// The first day of the unit containing `day`, moved by `offset` units.
std::tm unit_start(std::tm day, const std::string& unit, int offset) {
  day.tm_hour = day.tm_min = day.tm_sec = 0;
  if (unit == "WEEK") {
    int monday_offset = (day.tm_wday + 6) % 7; // start_day_of_week 1 = Monday
    day.tm_mday -= monday_offset;
    day.tm_mday += 7 * offset;
  } else if (unit == "MONTH") {
    day.tm_mday = 1;
    day.tm_mon += offset;
  } else if (unit == "YEAR") {
    day.tm_mday = 1;
    day.tm_mon = 0;
    day.tm_year += offset;
  } else {
    day.tm_mday += offset;
  }
  timegm(&day);
  return day;
}

std::string date_text(const std::tm& t, bool datetime) {
  char buf[32];
  std::strftime(buf, sizeof buf, datetime ? "%Y-%m-%d %H:%M:%S" : "%Y-%m-%d", &t);
  return buf;
}

// Partition name suffixes: DAY yyyyMMdd, WEEK yyyy_ww, MONTH yyyyMM, YEAR yyyy.
std::string suffix(const std::tm& t, const std::string& unit) {
  char buf[32];
  if (unit == "WEEK") {
    std::strftime(buf, sizeof buf, "%Y_%V", &t);
  } else {
    std::strftime(buf, sizeof buf, unit == "MONTH" ? "%Y%m" : unit == "YEAR" ? "%Y" : "%Y%m%d", &t);
  }
  return buf;
}

} // namespace

std::vector<std::string> dynamic_partition_statements(const TableModel& m, std::time_t now) {
  std::vector<std::string> out;
  std::string unit = to_upper(property(m, "time_unit", ""));
  if (m.kind != "OLAP" || m.partition.type != "RANGE" || m.partition.columns.size() != 1 ||
      to_lower(property(m, "enable", "true")) != "true" ||
      (unit != "DAY" && unit != "WEEK" && unit != "MONTH" && unit != "YEAR")) {
    return out;
  }
  const ColumnDef* col = find_column(m, m.partition.columns[0]);
  if (!col || (col->base != "date" && col->base != "datetime")) {
    return out;
  }
  bool datetime = col->base == "datetime";
  std::tm today{};
  localtime_r(&now, &today);
  std::string table = table_ref(m.db, m.name);
  std::string prefix = property(m, "prefix", "p");
  int end = std::stoi(property(m, "end", "0"));
  for (int i = 0; i <= end; ++i) {
    std::tm lo = unit_start(today, unit, i), hi = unit_start(today, unit, i + 1);
    out.push_back("ALTER TABLE " + table + " ADD PARTITION IF NOT EXISTS " +
                  quote_ident(prefix + suffix(lo, unit)) + " VALUES [('" + date_text(lo, datetime) +
                  "'), ('" + date_text(hi, datetime) + "'))");
  }
  std::string start = property(m, "start", "");
  if (!start.empty() && std::stoll(start) > -2147483648LL) {
    std::string limit = date_text(unit_start(today, unit, std::stoi(start)), datetime);
    for (const PartitionDef& p : m.partition.partitions) {
      if (compare_value(col->base, p.upper[0], normalize_key(col->base, limit)) <= 0) {
        out.push_back("ALTER TABLE " + table + " DROP PARTITION " + quote_ident(p.name) + " FORCE");
      }
    }
  }
  return out;
}

} // namespace srsim::engine
