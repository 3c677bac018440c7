// Sources: fe/fe-core/.../sql/analyzer/InsertAnalyzer.java analyzeProperties() (the keys go
// through LoadStmt.checkProperties; a DdlException there becomes ERR_COMMON_ERROR, i.e. the
// analyzer's "Getting analyzing error. Detail message: <text>") and
// fe/fe-core/.../sql/ast/LoadStmt.java (PROPERTIES_SET and the per-key checks). The
// `match_column_by` property of PR #51181 was removed before 3.4.0 by PR #54120 (BY NAME
// syntax instead), so a 3.4 cluster answers it like any other unknown key.

#include "insert_properties.hpp"

#include "errors.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <string_view>

namespace srsim::engine {

namespace {

// LoadStmt.PROPERTIES_SET: keys a LOAD (and so an INSERT) accepts.
constexpr std::array<std::string_view, 14> k_load_keys = {"timeout",
                                                          "max_filter_ratio",
                                                          "load_delete_flag",
                                                          "load_mem_limit",
                                                          "cluster",
                                                          "strict_mode",
                                                          "version",
                                                          "timezone",
                                                          "partial_update",
                                                          "priority",
                                                          "case_sensitive",
                                                          "log_rejected_record_num",
                                                          "partial_update_mode",
                                                          "spark_load_submit_timeout"};

// Keys whose effect srsim does not imitate: refused, never silently ignored. max_filter_ratio
// only bounds INSERT from FILES() (InsertInto.md), which srsim does not run, and
// load_mem_limit only caps BE memory, so both are checked and then have nothing to change.
constexpr std::array<std::string_view, 10> k_unimitated = {"load_delete_flag",
                                                           "cluster",
                                                           "version",
                                                           "timezone",
                                                           "partial_update",
                                                           "priority",
                                                           "case_sensitive",
                                                           "log_rejected_record_num",
                                                           "partial_update_mode",
                                                           "spark_load_submit_timeout"};

bool parse_long(const std::string& s, long long& out) {
  if (s.empty()) {
    return false;
  }
  char* end = nullptr;
  out = std::strtoll(s.c_str(), &end, 10);
  return end && *end == '\0';
}

bool iequals(const std::string& a, const char* b) {
  std::string_view v(b);
  return a.size() == v.size() && std::equal(a.begin(), a.end(), v.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == y;
         });
}

} // namespace

InsertOptions analyze_insert_properties(const Properties& props) {
  InsertOptions out;
  for (const auto& [key, value] : props) {
    if (std::find(k_load_keys.begin(), k_load_keys.end(), key) == k_load_keys.end()) {
      fail_analyzing(key + " is invalid property");
    }
  }
  for (const auto& [key, value] : props) {
    if (key == "load_mem_limit") {
      long long n = 0;
      if (!parse_long(value, n)) {
        fail_analyzing("load_mem_limit is not a number.");
      }
      if (n < 0) {
        fail_analyzing("load_mem_limit must be equal or greater than 0");
      }
    } else if (key == "timeout") {
      long long n = 0;
      if (!parse_long(value, n)) {
        fail_analyzing("timeout is not a number.");
      }
      if (n < 0) {
        fail_analyzing("timeout must be greater than 0");
      }
      out.timeout_s = n;
    } else if (key == "max_filter_ratio") {
      char* end = nullptr;
      double r = std::strtod(value.c_str(), &end);
      if (value.empty() || !end || *end != '\0') {
        fail_analyzing("max_filter_ratio is not a number.");
      }
      if (r < 0.0 || r > 1.0) {
        fail_analyzing("max_filter_ratio must between 0.0 and 1.0.");
      }
    } else if (key == "strict_mode") {
      if (!iequals(value, "true") && !iequals(value, "false")) {
        fail_analyzing("strict_mode is not a boolean");
      }
      out.strict = iequals(value, "true");
    } else if (std::find(k_unimitated.begin(), k_unimitated.end(), key) != k_unimitated.end()) {
      fail_unsupported("INSERT ... PROPERTIES (\"" + key + "\")");
    }
  }
  return out;
}

} // namespace srsim::engine
