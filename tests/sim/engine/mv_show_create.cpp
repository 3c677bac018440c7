// SHOW CREATE MATERIALIZED VIEW as MaterializedView.getMaterializedViewDdlStmt(simple = true)
// prints it, per simulated release (StarRocks/starrocks fe-core catalog/MaterializedView.java,
// three stored copies read):
//   2.5  (copy with auto_refresh_partitions_limit .. force_external_table_query_rewrite): no
//        column list; PROPERTIES replication_num, storage_medium, then the known optional keys.
//   3.1  (copy with RefreshMoment and appendUniqueProperties): column list, `REFRESH DEFERRED ..`,
//        PROPERTIES in a fixed order: replication_num, replicated_storage, partition_ttl_number,
//        .., resource_group, storage_medium (appendUniqueProperties), then `session.` keys.
//   3.3+ (copy with getMaterializedViewDdlStmt(simple, isReplay)): the table property map in its
//        java.util.HashMap iteration order, then storage_medium. Checked against the output in
//        StarRocks issue #42621 (keys replicated_storage .. replication_num in that order, then
//        "storage_medium" = "HDD").
// Distribution: HashDistributionInfo.toSql `DISTRIBUTED BY HASH(`k`)` + ` BUCKETS n ` (with the
// trailing space) when n > 0; RandomDistributionInfo `DISTRIBUTED BY RANDOM` [+ ` BUCKETS n`].
// REFRESH: [DEFERRED ]<type>, for ASYNC ` START("yyyy-MM-dd HH:mm:ss")` and
// ` EVERY(INTERVAL n UNIT)`. The query is the stored define SQL (mv_define_sql.hpp).

#include "model.hpp"
#include "show_create.hpp"
#include "sql_lexer.hpp"

#include <algorithm>
#include <cstdint>

namespace srsim::engine {

namespace {

std::string escaped(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '"' || ch == '\\') {
      out += '\\';
    }
    out += ch;
  }
  return out;
}

std::string backquoted(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i ? ", `" : "`") + names[i] + "`";
  }
  return out;
}

// The default when CREATE MATERIALIZED VIEW names none: random bucketing from 3.1
// (feature-support-data-distribution.md), HASH on the first column with automatic buckets before.
std::string distribution(const TableModel& m, const Version& version) {
  std::string type = m.dist_type;
  std::vector<std::string> columns = m.dist_columns;
  if (type.empty()) {
    type = version.at_least(3, 1) ? "RANDOM" : "HASH";
    if (type == "HASH" && !m.view_columns.empty()) {
      columns = {m.view_columns[0]};
    }
  }
  if (type == "RANDOM") {
    return "DISTRIBUTED BY RANDOM" + (m.buckets > 0 ? " BUCKETS " + std::to_string(m.buckets) : "");
  }
  return "DISTRIBUTED BY HASH(" + backquoted(columns) + ")" +
         (m.buckets > 0 ? " BUCKETS " + std::to_string(m.buckets) + " " : "");
}

// The stored REFRESH clause re-rendered: moment, type, START / EVERY.
std::string refresh(const std::string& clause, const Version& version) {
  std::vector<Token> t = tokenize(clause);
  std::string moment, type = "MANUAL", start, every;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const std::string& w = t[i].upper;
    if (w == "DEFERRED" || w == "IMMEDIATE") {
      moment = w;
    } else if (w == "ASYNC" || w == "MANUAL" || w == "INCREMENTAL") {
      type = w;
    } else if (w == "START" && i + 2 < t.size() && t[i + 2].kind == TokenKind::String) {
      start =
          t[i + 2].text.size() == 10 ? t[i + 2].text + " 00:00:00" : t[i + 2].text.substr(0, 19);
    } else if (w == "INTERVAL" && i + 2 < t.size()) {
      every = " EVERY(INTERVAL " + t[i + 1].text + " " + t[i + 2].upper + ")";
    }
  }
  std::string out = "\nREFRESH ";
  if (moment == "DEFERRED" && version.at_least(3, 0)) {
    out += "DEFERRED ";
  }
  out += type;
  if (type == "ASYNC") {
    out += (start.empty() ? "" : " START(\"" + start + "\")") + every;
  }
  return out;
}

std::string property_value(const TableModel& m, const std::string& key, const std::string& def) {
  const std::string* v = find_property(m.properties, key);
  return v ? *v : def;
}

std::int32_t java_string_hash(const std::string& s) {
  std::uint32_t h = 0;
  for (unsigned char c : s) {
    h = 31 * h + c; // ASCII keys: a UTF-16 unit per byte
  }
  return static_cast<std::int32_t>(h);
}

// java.util.HashMap iteration order: by bucket (spread hash & (capacity - 1)), insertion order
// within a bucket; the capacity doubles from 16 while the map holds more than 3/4 of it.
Properties java_hash_map_order(const Properties& inserted) {
  std::size_t capacity = 16;
  while (inserted.size() > capacity * 3 / 4) {
    capacity *= 2;
  }
  std::vector<std::pair<std::size_t, std::size_t>> order; // bucket, insertion index
  for (std::size_t i = 0; i < inserted.size(); ++i) {
    auto h = static_cast<std::uint32_t>(java_string_hash(inserted[i].first));
    order.emplace_back((h ^ (h >> 16)) & (capacity - 1), i);
  }
  std::stable_sort(order.begin(), order.end());
  Properties out;
  for (const auto& [bucket, i] : order) {
    out.push_back(inserted[i]);
  }
  return out;
}

Properties properties_25(const TableModel& m) {
  Properties out = {{"replication_num", property_value(m, "replication_num", "3")},
                    {"storage_medium", property_value(m, "storage_medium", "HDD")}};
  for (const char* key : {"storage_cooldown_time", "partition_ttl_number",
                          "auto_refresh_partitions_limit", "partition_refresh_number",
                          "excluded_trigger_tables", "force_external_table_query_rewrite"}) {
    if (const std::string* v = find_property(m.properties, key)) {
      out.emplace_back(key, *v);
    }
  }
  return out;
}

Properties properties_31(const TableModel& m) {
  Properties out = {{"replication_num", property_value(m, "replication_num", "3")},
                    {"replicated_storage", property_value(m, "replicated_storage", "true")}};
  for (const char* key :
       {"partition_ttl_number", "auto_refresh_partitions_limit", "partition_refresh_number",
        "excluded_trigger_tables", "force_external_table_query_rewrite",
        "mv_rewrite_staleness_second", "unique_constraints", "foreign_key_constraints",
        "colocate_with", "resource_group"}) {
    if (const std::string* v = find_property(m.properties, key)) {
      out.emplace_back(key, *v);
    }
  }
  out.emplace_back("storage_medium", property_value(m, "storage_medium", "HDD"));
  if (const std::string* v = find_property(m.properties, "storage_cooldown_time")) {
    out.emplace_back("storage_cooldown_time", *v);
  }
  Properties session;
  for (const auto& kv : m.properties) {
    if (kv.first.rfind("session.", 0) == 0) {
      session.push_back(kv);
    }
  }
  for (auto& kv : java_hash_map_order(session)) {
    out.push_back(std::move(kv));
  }
  return out;
}

Properties properties_33(const TableModel& m) {
  Properties map;
  for (const auto& kv : m.properties) {
    if (kv.first != "storage_medium") {
      map.push_back(kv);
    }
  }
  if (!find_property(map, "replication_num")) {
    map.emplace_back("replication_num", "3");
  }
  if (!find_property(map, "replicated_storage")) {
    map.emplace_back("replicated_storage", "true");
  }
  Properties out = java_hash_map_order(map);
  out.emplace_back("storage_medium", property_value(m, "storage_medium", "HDD"));
  return out;
}

} // namespace

std::string mv_ddl(const TableModel& m, const Version& version) {
  std::string out = "CREATE MATERIALIZED VIEW `" + m.name + "`";
  if (version.at_least(3, 0)) {
    out += " (" + backquoted(m.view_columns) + ")";
  }
  if (!m.comment.empty()) {
    out += "\nCOMMENT \"" + (version.at_least(3, 0) ? escaped(m.comment) : m.comment) + "\"";
  }
  out += "\n" + distribution(m, version);
  out += refresh(m.refresh, version);
  Properties props = version.at_least(3, 3)   ? properties_33(m)
                     : version.at_least(3, 0) ? properties_31(m)
                                              : properties_25(m);
  out += "\nPROPERTIES (\n";
  for (std::size_t i = 0; i < props.size(); ++i) {
    out += (i ? ",\n\"" : "\"") + props[i].first + "\" = \"" + props[i].second + "\"";
  }
  return out + "\n)\nAS " + m.definition + ";";
}

} // namespace srsim::engine
