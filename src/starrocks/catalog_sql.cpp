#include "exlschema/starrocks/catalog_sql.hpp"

#include "ddl_parser_common.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string jdbc_uri(std::string_view host, int port) {
  return "jdbc:mysql://" + std::string(host) + ":" + std::to_string(port);
}

std::string build_create_jdbc_catalog(const JdbcCatalogSpec& spec) {
  Properties properties = {{"type", "jdbc"},
                           {"user", spec.user},
                           {"password", spec.password},
                           {"jdbc_uri", jdbc_uri(spec.host, spec.port)},
                           {"driver_url", spec.driver_url},
                           {"driver_class", spec.driver_class}};
  std::string out = "CREATE EXTERNAL CATALOG " + quote_identifier(spec.name);
  if (!spec.comment.empty()) {
    out += " COMMENT " + quote_string(spec.comment);
  }
  return out + "\n" + print_properties(properties);
}

std::string build_drop_catalog(std::string_view name) {
  return "DROP CATALOG IF EXISTS " + quote_identifier(name);
}

std::string build_show_create_catalog(std::string_view name) {
  return "SHOW CREATE CATALOG " + quote_identifier(name);
}

std::string build_show_catalogs(std::string_view name_prefix) {
  if (name_prefix.empty()) {
    return "SHOW CATALOGS";
  }
  return "SHOW CATALOGS LIKE " + like_prefix_literal(name_prefix);
}

Result<Properties> parse_catalog_properties(std::string_view show_create_catalog) {
  return detail::run_parser<Properties>(show_create_catalog, [](detail::Cursor& cursor) {
    while (!cursor.at_end() && !cursor.at_keyword("PROPERTIES")) {
      cursor.next();
    }
    cursor.expect_keyword("PROPERTIES");
    return detail::parse_properties_body(cursor);
  });
}

} // namespace exl::starrocks
