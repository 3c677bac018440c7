#include "exlschema/starrocks/partition_sql.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
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

std::string build_add_partition(const TableRef& table, std::string_view partition,
                                const PartitionBounds& bounds) {
  return "ALTER TABLE " + table.sql() + " ADD PARTITION IF NOT EXISTS " +
         quote_identifier(partition) + " " + print_partition_values(bounds);
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
