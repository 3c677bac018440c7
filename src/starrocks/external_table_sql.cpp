#include "exlschema/starrocks/external_table_sql.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <array>

namespace exl::starrocks {
namespace {

Properties connection_properties(const ExternalConnection& connection) {
  return {{"host", connection.host},         {"port", std::to_string(connection.port)},
          {"user", connection.user},         {"password", connection.password},
          {"database", connection.database}, {"table", connection.table}};
}

std::string key_and_distribution(const TableModel& table) {
  std::string out;
  if (table.key_type != KeyType::None) {
    out += "\n" + std::string(key_type_keyword(table.key_type)) + "(";
    for (std::size_t i = 0; i < table.key_columns.size(); ++i) {
      out += (i > 0 ? ", " : "") + quote_identifier(table.key_columns[i]);
    }
    out += ")";
  }
  if (table.distribution.kind != Distribution::Kind::None) {
    out += "\n" + print_distribution(table.distribution);
  }
  return out;
}

} // namespace

std::optional<std::string> mysql_external_unsupported(const TableModel& table) {
  static constexpr std::array<std::string_view, 10> k_unsupported = {
      "bitmap", "hll",      "json",       "array",     "map",
      "struct", "largeint", "percentile", "varbinary", "binary"};
  for (const Column& column : table.columns) {
    for (std::string_view base : k_unsupported) {
      if (column.type.base == base) {
        // StarRocks refuses ARRAY/MAP/STRUCT in a MYSQL table ("mysql external table don't
        // support complex type", TableFactoryProvider); aggregate states, JSON, LARGEINT and
        // binary values have no documented mapping through one, so they are not risked.
        return "column `" + column.name + "` has type " + print_column_type(column.type) +
               ", which exlSchema does not copy through a MYSQL external table";
      }
    }
  }
  return std::nullopt;
}

std::string build_create_mysql_external_table(const TableRef& external, const TableModel& table,
                                              const ExternalConnection& connection) {
  std::string out = "CREATE EXTERNAL TABLE " + external.sql() + " (\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    const Column& column = table.columns[i];
    out += (i > 0 ? ",\n  " : "  ") + quote_identifier(column.name) + " " +
           print_column_type(column.type) + (column.nullable ? " NULL" : " NOT NULL");
  }
  return out + "\n) ENGINE=MYSQL\n" + print_properties(connection_properties(connection));
}

std::string build_create_olap_external_table(const TableRef& external, const TableModel& table,
                                             const ExternalConnection& connection) {
  std::string out = "CREATE EXTERNAL TABLE " + external.sql() + " (\n";
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    out += (i > 0 ? ",\n  " : "  ") + print_column(table.columns[i]);
  }
  return out + "\n) ENGINE=OLAP" + key_and_distribution(table) + "\n" +
         print_properties(connection_properties(connection));
}

} // namespace exl::starrocks
