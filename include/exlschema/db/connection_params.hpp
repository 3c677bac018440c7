#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

// How to reach one MySQL-protocol server (a StarRocks FE, or MariaDB in tests). Plain data; the
// password is never printed (see exl::util::redact).
namespace exl::db {

struct ConnectionParams {
  std::string host = "127.0.0.1";
  int port = 9030;
  std::string socket; // unix socket instead of host/port when set
  std::string user;
  std::string password;
  std::string database; // optional default database
  int connect_timeout_s = 10;
  int read_timeout_s = 3600;
  int write_timeout_s = 3600;
  int query_timeout_s = 3600; // session query_timeout (and insert_timeout where it exists)
  std::string program_name = "exlSchema";
  // Session time_zone set on every new connection (e.g. `Asia/Shanghai`, `+08:00`); empty: the
  // server's. Only letters, digits and `/_+-:` are accepted (anything else is refused on connect).
  std::string time_zone;
};

using Row = std::map<std::string, std::optional<std::string>>;

// Opens a connection with `params`, runs one read-only `sql` and returns every row as a map from
// column name to value (nullopt for NULL). Throws db::SqlError. Used for one-off reads at start-up
// (e.g. the cluster registry table); modes use the pool instead.
std::vector<Row> fetch_all(const ConnectionParams& params, const std::string& sql);

} // namespace exl::db
