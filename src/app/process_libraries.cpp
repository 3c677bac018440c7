#include "app/process_libraries.hpp"

#include "exlschema/util/errors.hpp"

#include <curl/curl.h>
#include <mysql.h>

namespace exl::app {

ProcessLibraries::ProcessLibraries() {
  if (mysql_library_init(0, nullptr, nullptr) != 0) {
    throw FatalError("exlSchema: cannot initialise the MySQL client library");
  }
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    mysql_library_end();
    throw FatalError("exlSchema: cannot initialise libcurl");
  }
}

ProcessLibraries::~ProcessLibraries() {
  curl_global_cleanup();
  mysql_library_end();
}

} // namespace exl::app
