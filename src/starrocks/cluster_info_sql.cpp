#include "exlschema/starrocks/cluster_info_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

namespace exl::starrocks {

std::string build_current_user() {
  return "SELECT current_user()";
}

std::string build_show_grants() {
  return "SHOW GRANTS";
}

std::string build_show_backends() {
  return "SHOW BACKENDS";
}

std::string build_show_compute_nodes() {
  return "SHOW COMPUTE NODES";
}

std::string build_show_frontends() {
  return "SHOW FRONTENDS";
}

std::string build_show_frontend_config(std::string_view key) {
  return "ADMIN SHOW FRONTEND CONFIG LIKE " + quote_string(key);
}

std::string build_set_frontend_config(std::string_view key, std::string_view value) {
  return "ADMIN SET FRONTEND CONFIG (" + quote_string(key) + " = " + quote_string(value) + ")";
}

} // namespace exl::starrocks
