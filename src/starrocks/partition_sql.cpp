#include "exlschema/starrocks/partition_sql.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {
namespace {

std::string name_list(const std::vector<std::string>& names) {
  std::string out = "(";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += (i > 0 ? ", " : "") + quote_identifier(names[i]);
  }
  return out + ")";
}

} // namespace

std::string build_create_database(std::string_view database) {
  return "CREATE DATABASE IF NOT EXISTS " + quote_identifier(database);
}

std::string build_create_table(const TableModel& table, std::string_view database,
                               bool if_not_exists) {
  PrintOptions options;
  options.database = std::string(database);
  options.if_not_exists = if_not_exists;
  return print_create_table(table, options);
}

std::string build_drop_table(const TableRef& table, bool if_exists, bool force) {
  return std::string("DROP TABLE ") + (if_exists ? "IF EXISTS " : "") + table.sql() +
         (force ? " FORCE" : "");
}

std::string build_set_table_property(const TableRef& table, std::string_view key,
                                     std::string_view value) {
  return "ALTER TABLE " + table.sql() + " SET (" + quote_string(key) + " = " + quote_string(value) +
         ")";
}

std::string build_add_partition(const TableRef& table, std::string_view partition,
                                const PartitionBounds& bounds) {
  return "ALTER TABLE " + table.sql() + " ADD PARTITION IF NOT EXISTS " +
         quote_identifier(partition) + " " + print_partition_values(bounds);
}

std::string build_add_temporary_partition(const TableRef& table, std::string_view partition,
                                          const PartitionBounds& bounds) {
  return "ALTER TABLE " + table.sql() + " ADD TEMPORARY PARTITION " + quote_identifier(partition) +
         " " + print_partition_values(bounds);
}

std::string build_replace_partition(const TableRef& table, std::string_view partition,
                                    std::string_view temporary) {
  return "ALTER TABLE " + table.sql() + " REPLACE PARTITION (" + quote_identifier(partition) +
         ") WITH TEMPORARY PARTITION (" + quote_identifier(temporary) + ")";
}

std::string build_drop_temporary_partition(const TableRef& table, std::string_view temporary) {
  return "ALTER TABLE " + table.sql() + " DROP TEMPORARY PARTITION IF EXISTS " +
         quote_identifier(temporary);
}

namespace {

ParseError add_refused(std::string_view partition, std::string found) {
  return ParseError{0,
                    "a partition exlSchema can create exactly as `" + std::string(partition) + "`",
                    std::move(found)};
}

// The digits of a date or datetime bound that name an automatic partition of `unit`
// ("2024-02-03 00:00:00", day -> "20240203"), or "" for a unit without a known format.
std::string partition_name_digits(std::string_view bound, std::string_view unit) {
  std::string digits;
  for (char c : bound) {
    if (c >= '0' && c <= '9') {
      digits += c;
    }
  }
  const std::size_t width = unit == "year"    ? 4
                            : unit == "month" ? 6
                            : unit == "day"   ? 8
                            : unit == "hour"  ? 10
                                              : 0;
  return width > 0 && digits.size() >= width ? digits.substr(0, width) : "";
}

} // namespace

Result<std::string> build_add_source_partition(const TableRef& table, std::string_view partition,
                                               const PartitionBounds& bounds,
                                               const Partitioning& by) {
  if (by.kind != Partitioning::Kind::Expression) {
    return build_add_partition(table, partition, bounds);
  }
  const std::optional<TimeStep> step = expression_time_step(by.expression);
  if (!step || step->count != 1) {
    return add_refused(partition, "automatic partitioning " + by.expression +
                                      " (only date_trunc or a one-unit time_slice)");
  }
  if (bounds.kind != PartitionBounds::Kind::Range || bounds.lower.size() != 1 ||
      bounds.upper.size() != 1 || bounds.lower[0].kind != Literal::Kind::Value ||
      bounds.upper[0].kind != Literal::Kind::Value) {
    return add_refused(partition, "bounds that are not one [lower, upper) range of one value");
  }
  const std::string digits = partition_name_digits(bounds.lower[0].text, step->unit);
  if (digits.empty() || !is_one_step(by.expression, bounds.lower[0].text, bounds.upper[0].text)) {
    return add_refused(partition, "bounds that are not one aligned " + step->unit);
  }
  if (partition != "p" + digits) {
    return add_refused(partition, "a " + step->unit + " partition StarRocks would name p" +
                                      (digits.empty() ? "<unknown>" : digits));
  }
  return "ALTER TABLE " + table.sql() + " ADD PARTITIONS START (" +
         quote_string(bounds.lower[0].text) + ") END (" + quote_string(bounds.upper[0].text) +
         ") EVERY (INTERVAL 1 " + step->unit + ")";
}

std::string build_truncate(const TableRef& table, const std::vector<std::string>& partitions) {
  std::string out = "TRUNCATE TABLE " + table.sql();
  if (!partitions.empty()) {
    out += " PARTITION " + name_list(partitions);
  }
  return out;
}

std::string build_current_version() {
  return "SELECT current_version()";
}

std::string build_show_create_table(const TableRef& table) {
  return "SHOW CREATE TABLE " + table.sql();
}

std::string build_show_create_view(const TableRef& view) {
  return "SHOW CREATE VIEW " + view.sql();
}

std::string build_show_create_materialized_view(const TableRef& mv) {
  return "SHOW CREATE MATERIALIZED VIEW " + mv.sql();
}

std::string build_show_partitions(const TableRef& table) {
  return "SHOW PARTITIONS FROM " + table.sql();
}

std::string build_partitions_meta_query(std::string_view database, std::string_view table) {
  return "SELECT PARTITION_NAME, PARTITION_ID, VISIBLE_VERSION, PARTITION_KEY, PARTITION_VALUE, "
         "BUCKETS, REPLICATION_NUM, DATA_SIZE, ROW_COUNT FROM information_schema.partitions_meta "
         "WHERE DB_NAME = " +
         quote_string(database) + " AND TABLE_NAME = " + quote_string(table) + " AND IS_TEMP = 0";
}

std::string build_show_full_tables(std::string_view database) {
  return "SHOW FULL TABLES FROM " + quote_identifier(database);
}

std::string build_show_databases() {
  return "SHOW DATABASES";
}

std::string like_prefix_literal(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '_' || c == '%' || c == '\\') {
      pattern += '\\';
    }
    pattern += c;
  }
  return quote_string(pattern + "%");
}

} // namespace exl::starrocks
