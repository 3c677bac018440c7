#include "backend_errors.hpp"

#include <regex>

namespace srsim::engine {

bool is_row_quality_error(unsigned code) {
  switch (code) {
  case 1748: // Found a row not matching the given partition set
  case 1526: // Table has no partition for value
  case 1292: // Incorrect datetime value / truncated
  case 1366: // Incorrect integer value
  case 1264: // Out of range value
  case 1406: // Data too long
  case 1048: // Column cannot be null
  case 1364: // Field doesn't have a default value
  case 1265: // Data truncated
  case 1367: // Illegal double value
    return true;
  default:
    return false;
  }
}

bool is_interrupted(unsigned code) {
  return code == 1317 || code == 1927 || code == 2013;
}

ErrorReply filtered_data_error(int http_port, std::int64_t txn_id) {
  // Observed shape (issue #19487, starrocks-surface.md §4).
  return ErrorReply{1064, "HY000",
                    "Insert has filtered data in strict mode, tracking_url=http://127.0.0.1:" +
                        std::to_string(http_port) + "/api/_load_error_log?file=error_log_" +
                        std::to_string(txn_id)};
}

ErrorReply translate_backend_error(const BackendError& e, const Version& version) {
  std::string msg = e.what();
  std::smatch m;
  if (e.code() == 1146 && std::regex_search(msg, m, std::regex("Table '([^']*)' doesn't exist"))) {
    return analyzing_error("Unknown table '" + m[1].str() + "'");
  }
  if (e.code() == 1049) {
    return ErrorReply{1049, "42000", msg};
  }
  if (e.code() == 1054 && std::regex_search(msg, m, std::regex("Unknown column '([^']*)'"))) {
    return analyzing_error("Column '" + m[1].str() + "' cannot be resolved");
  }
  if (e.code() == 1136) {
    if (version.at_least(3, 3)) {
      return ErrorReply{5604, "42601",
                        "Getting analyzing error. Detail message: Inserted target column count "
                        "doesn't match select/value column count."};
    }
    return analyzing_error("Column count doesn't match value count");
  }
  if (e.code() == 1064) {
    return ErrorReply{1064, "HY000", "Getting syntax error. Detail message: " + msg + "."};
  }
  return analyzing_error(msg);
}

} // namespace srsim::engine
