#include "exlschema/starrocks/object_sql.hpp"

#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string build_create_view(const ViewModel& view, const TableRef& target) {
  return print_create_view(view, PrintOptions{target.database, target.table, false});
}

std::string build_create_materialized_view(const MaterializedViewModel& mv,
                                           const TableRef& target) {
  return print_create_materialized_view(mv, PrintOptions{target.database, target.table, true});
}

std::string build_drop_view(const TableRef& view) {
  return "DROP VIEW IF EXISTS " + view.sql();
}

std::string build_drop_materialized_view(const TableRef& mv) {
  return "DROP MATERIALIZED VIEW IF EXISTS " + mv.sql();
}

std::string build_list_tables_like(std::string_view name_prefix) {
  return "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.tables WHERE "
         "TABLE_NAME LIKE " +
         quote_string(std::string(name_prefix) + "%");
}

} // namespace exl::starrocks
