#pragma once

#include <optional>
#include <string>

// The MariaDB server the ctest fixture `mariadb` started (tests/support/mariadb.sh): read from
// the env file named by $EXL_TEST_MARIADB_ENV (lines KEY=VALUE).
namespace exl::test {

struct MariaDbEnv {
  std::string host;
  int port = 0;
  std::string socket;
  std::string user;
  std::string password;
};

// nullopt when $EXL_TEST_MARIADB_ENV is unset or the file is unreadable or incomplete.
std::optional<MariaDbEnv> load_mariadb_env();

// Parses the text of an env file (exposed for its own test).
std::optional<MariaDbEnv> parse_mariadb_env(const std::string& text);

} // namespace exl::test
