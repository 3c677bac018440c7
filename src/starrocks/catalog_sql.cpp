#include "exlschema/starrocks/catalog_sql.hpp"

#include "ddl_parser_common.hpp"
#include "exlschema/starrocks/ddl_printer.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace exl::starrocks {

namespace {

bool plain_word(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
  });
}

} // namespace

std::string jdbc_uri(std::string_view host, int port, const Properties& session_variables) {
  std::string uri = "jdbc:mysql://" + std::string(host) + ":" + std::to_string(port);
  std::string separator = "?sessionVariables=";
  for (const auto& [name, value] : session_variables) {
    if (!plain_word(name) || !plain_word(value)) {
      throw std::invalid_argument("session variable '" + name + "' = '" + value +
                                  "' cannot be written into a jdbc_uri");
    }
    uri += separator + name + "=" + value;
    separator = ",";
  }
  return uri;
}

Result<JdbcEndpoint> parse_jdbc_uri(std::string_view uri) {
  constexpr std::string_view scheme = "jdbc:mysql://";
  if (uri.substr(0, scheme.size()) != scheme) {
    return ParseError{0, "jdbc:mysql://host:port", std::string(uri)};
  }
  std::string_view rest = uri.substr(scheme.size());
  rest = rest.substr(0, rest.find_first_of("/?"));
  JdbcEndpoint endpoint;
  const std::size_t colon = rest.rfind(':');
  endpoint.host = std::string(rest.substr(0, colon));
  if (colon != std::string_view::npos) {
    const std::string port(rest.substr(colon + 1));
    if (port.empty() || !std::all_of(port.begin(), port.end(), ::isdigit) || port.size() > 5) {
      return ParseError{scheme.size() + colon + 1, "a port number", port};
    }
    endpoint.port = std::stoi(port);
  }
  if (endpoint.host.empty()) {
    return ParseError{scheme.size(), "a host", std::string(uri)};
  }
  return endpoint;
}

std::optional<std::string> jdbc_unreadable_column(const TableModel& table) {
  for (const Column& column : table.columns) {
    const std::string& base = column.type.base;
    if (base == "bitmap" || base == "hll" || base == "percentile") {
      return "column `" + column.name + "` is " + base +
             ": an aggregate state no SELECT returns as a value, so a JDBC catalog cannot read it";
    }
    if (base == "varbinary" || base == "binary") {
      // MysqlSchemaResolver.convertColumnType mapped BINARY/VARBINARY to VARCHAR until StarRocks
      // PR #66164 (December 2025), and reading one then fails with "Type mismatches on
      // column[c], JDBC result type is [B, please set the type to varbinary" (issues #30691,
      // #58961): no release exlSchema supports reads them.
      return "column `" + column.name + "` is " + base +
             ": a JDBC catalog takes it for VARCHAR and its read fails with a type mismatch";
    }
    if (base == "json" || base == "largeint" || base == "array" || base == "map" ||
        base == "struct") {
      return "column `" + column.name + "` is " + base +
             ": outside the MySQL type mapping of JDBC catalogs, so reading it through one is "
             "not a documented path";
    }
  }
  return std::nullopt;
}

std::string build_create_jdbc_catalog(const JdbcCatalogSpec& spec) {
  Properties properties = {{"type", "jdbc"},
                           {"user", spec.user},
                           {"password", spec.password},
                           {"jdbc_uri", jdbc_uri(spec.host, spec.port, spec.session_variables)},
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
