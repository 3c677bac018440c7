#include "name_rules.hpp"

#include "errors.hpp"

#include <algorithm>

namespace srsim::engine {
namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// `^[a-zA-Z]\w{0,max-1}$|^_[a-zA-Z0-9]\w{0,max-2}$`: the shape of DB_NAME_REGEX (max 256) and
// COMMON_NAME_REGEX (max 64).
bool matches_word_rule(const std::string& name, std::size_t max) {
  if (name.empty() || name.size() > max ||
      !std::all_of(name.begin(), name.end(), [](char c) { return is_word(c); })) {
    return false;
  }
  if (is_letter(name[0])) {
    return true;
  }
  return name[0] == '_' && name.size() >= 2 && name[1] != '_';
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

void check_db_name(const std::string& name) {
  if (!matches_word_rule(name, 256)) {
    throw EngineError(ErrorReply{1102, "42000", "Incorrect database name '" + name + "'"});
  }
}

void check_table_name(const std::string& name, const Version& version) {
  const bool ok = version.at_least(3, 3)
                      ? !name.empty() && name.size() <= 1024 && name.find('\0') == std::string::npos
                      : matches_word_rule(name, 64);
  if (!ok) {
    throw EngineError(ErrorReply{1103, "42000", "Incorrect table name '" + name + "'"});
  }
}

void check_column_name(const std::string& name, const Version& version) {
  const std::size_t max = version.at_least(3, 3) ? 1024 : 1023;
  const bool ok = !name.empty() && name.size() <= max &&
                  name.find_first_of(std::string("\0=<>!*", 6)) == std::string::npos &&
                  !starts_with(name, "__starrocks_shadow_") &&
                  !starts_with(name, "__doris_shadow_");
  if (!ok) {
    throw EngineError(ErrorReply{1166, "42000", "Incorrect column name '" + name + "'"});
  }
}

void check_partition_name(const std::string& name) {
  if (!matches_word_rule(name, 64) || starts_with(name, "placeholder_")) {
    throw EngineError(ErrorReply{1567, "HY000", "Incorrect partition name '" + name + "'"});
  }
}

void check_label(const std::string& label) {
  const bool ok =
      !label.empty() && label.size() <= 128 &&
      std::all_of(label.begin(), label.end(), [](char c) { return is_word(c) || c == '-'; });
  if (!ok) {
    fail_plain(1064, "Label format error. regex: ^[-\\w]{1,128}$, label: " + label);
  }
}

} // namespace srsim::engine
