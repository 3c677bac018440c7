#pragma once

#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// JDBC external catalogs (reference §6, v3.0+): the target reads the source FE through the MySQL
// driver, `jdbc_uri` = jdbc:mysql://<source fe>:<query port>.
namespace exl::starrocks {

struct JdbcCatalogSpec {
  std::string name;
  std::string host;
  int port = 9030;
  std::string user;
  std::string password;
  std::string driver_url;
  std::string driver_class = "com.mysql.cj.jdbc.Driver";
  std::string comment; // e.g. which source alias it reads, for reuse checks and `clean`
  // Session variables for the source-side connection (Connector/J's `sessionVariables`): the scan
  // of the source runs in a session of its own there, under the source's default query_timeout
  // (300 s) unless the URI sets one.
  Properties session_variables;
};

// jdbc:mysql://host:port[?sessionVariables=k1=v1,k2=v2] (Connector/J: `sessionVariables` is a
// comma-separated list of name=value pairs SET on connect). Names and values must be plain words
// and numbers: anything else would change the URI's meaning and is refused (invalid_argument).
std::string jdbc_uri(std::string_view host, int port, const Properties& session_variables = {});

// Where a MySQL jdbc_uri points: host and port (3306, the driver's default, when none is given).
struct JdbcEndpoint {
  std::string host;
  int port = 3306;
  bool operator==(const JdbcEndpoint&) const = default;
};
Result<JdbcEndpoint> parse_jdbc_uri(std::string_view uri);

// The first column of `table` a JDBC catalog cannot read, with the reason, or nullopt. BITMAP,
// HLL and PERCENTILE hold aggregate states that no SELECT returns as values; JSON, LARGEINT and
// ARRAY/MAP/STRUCT are outside the MySQL type mapping of JDBC catalogs (jdbc_catalog.md lists the
// scalar MySQL types only, reference §6), so reading them through the MySQL driver is not a
// documented path: refused rather than risked. VARBINARY/BINARY map to VARCHAR before StarRocks
// PR #66164 and fail to read.
std::optional<std::string> jdbc_unreadable_column(const TableModel& table);

// CREATE EXTERNAL CATALOG `name` [COMMENT "c"] PROPERTIES ("type" = "jdbc", ...). The statement
// holds the password: callers register it with util::register_secret before logging.
std::string build_create_jdbc_catalog(const JdbcCatalogSpec& spec);

// DROP CATALOG [IF EXISTS] `name`: IF EXISTS parses from v3.3.0 (reference §14); JDBC catalogs
// exist from v3.0, so on v3.0-v3.2 the statement is plain and the caller treats StarRocks's
// "Unknown catalog" error (5078) as done.
std::string build_drop_catalog(std::string_view name, const Version& version);

// SHOW CREATE CATALOG `name`
std::string build_show_create_catalog(std::string_view name);

// SHOW CATALOGS, with LIKE "prefix%" only where it parses (v3.5+, reference §14). Older targets
// list every catalog: the caller keeps the names catalogs_with_prefix selects, on every version.
std::string build_show_catalogs(const Version& version, std::string_view name_prefix = {});

// The `names` (SHOW CATALOGS's first column) that start with `name_prefix`, in their order;
// exact, case-sensitive, `_` and `%` in the prefix match only themselves.
std::vector<std::string> catalogs_with_prefix(const std::vector<std::string>& names,
                                              std::string_view name_prefix);

// The PROPERTIES of a SHOW CREATE CATALOG text, to check whether an existing catalog already
// points at the same source (same jdbc_uri and user).
Result<Properties> parse_catalog_properties(std::string_view show_create_catalog);

} // namespace exl::starrocks
