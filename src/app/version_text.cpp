#include "app/version_text.hpp"

#include "exlschema/build_info.hpp"
#include "exlschema/cli/command_line.hpp"

#include <curl/curl.h>
#include <mysql.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <spdlog/version.h>

#include <sstream>

namespace exl::app {

std::string version_text() {
  std::ostringstream out;
  out << "exlSchema " << build::k_version << " (" << build::k_build_type << ", "
      << build::k_compiler << ")\n"
      << "  CLI11 " << cli::cli11_version() << "\n"
      << "  yaml-cpp " << build::k_yaml_cpp_version << "\n"
      << "  spdlog " << SPDLOG_VER_MAJOR << "." << SPDLOG_VER_MINOR << "." << SPDLOG_VER_PATCH
      << "\n"
      << "  nlohmann_json " << NLOHMANN_JSON_VERSION_MAJOR << "." << NLOHMANN_JSON_VERSION_MINOR
      << "." << NLOHMANN_JSON_VERSION_PATCH << "\n"
      << "  libcurl " << LIBCURL_VERSION << " (runtime "
      << curl_version_info(CURLVERSION_NOW)->version << ")\n"
      << "  libmariadb " << mysql_get_client_info() << "\n"
      << "  " << OPENSSL_VERSION_TEXT << " (runtime " << OpenSSL_version(OPENSSL_VERSION) << ")\n";
  return out.str();
}

} // namespace exl::app
