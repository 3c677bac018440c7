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

std::string build_drop_catalog(std::string_view name, const Version& version) {
  return std::string("DROP CATALOG ") +
         (supports(version, Feature::DropCatalogIfExists) ? "IF EXISTS " : "") +
         quote_identifier(name);
}

std::string build_show_create_catalog(std::string_view name) {
  return "SHOW CREATE CATALOG " + quote_identifier(name);
}

std::string build_show_catalogs(const Version& version, std::string_view name_prefix) {
  if (name_prefix.empty() || !supports(version, Feature::ShowCatalogsLike)) {
    return "SHOW CATALOGS";
  }
  return "SHOW CATALOGS LIKE " + like_prefix_literal(name_prefix);
}

std::vector<std::string> catalogs_with_prefix(const std::vector<std::string>& names,
                                              std::string_view name_prefix) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    if (std::string_view(name).substr(0, name_prefix.size()) == name_prefix) {
      out.push_back(name);
    }
  }
  return out;
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
