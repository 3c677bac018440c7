#include "mariadb_env.hpp"

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace exl::test {

std::optional<MariaDbEnv> parse_mariadb_env(const std::string& text) {
  std::map<std::string, std::string> values;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos && !line.empty() && line[0] != '#') {
      values[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  if (!values.contains("MARIADB_PORT") || !values.contains("MARIADB_USER")) {
    return std::nullopt;
  }
  MariaDbEnv env;
  env.host = values.contains("MARIADB_HOST") ? values["MARIADB_HOST"] : "127.0.0.1";
  env.port = std::atoi(values["MARIADB_PORT"].c_str());
  env.socket = values["MARIADB_SOCKET"];
  env.user = values["MARIADB_USER"];
  env.password = values["MARIADB_PASSWORD"];
  return env;
}

std::optional<MariaDbEnv> load_mariadb_env() {
  const char* path = std::getenv("EXL_TEST_MARIADB_ENV");
  if (path == nullptr) {
    return std::nullopt;
  }
  std::ifstream file(path);
  if (!file) {
    return std::nullopt;
  }
  std::stringstream text;
  text << file.rdbuf();
  return parse_mariadb_env(text.str());
}

} // namespace exl::test
