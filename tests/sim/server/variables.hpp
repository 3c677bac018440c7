#pragma once

// The session variables a simulated cluster knows, per StarRocks version, with their defaults
// (docs: reference/System_variable.md; starrocks-surface.md §4 and §13.17): query_timeout 300,
// insert_timeout 14400 and dynamic_overwrite false only from v3.4, enable_insert_strict true.
// SET GLOBAL changes the defaults of later sessions (not the current one), as in StarRocks.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim_api.hpp"

namespace srsim::server {

struct VariableDef {
  enum class Type { Bool, Int, String };
  std::string name; // lower case
  std::string default_value;
  Type type = Type::String;
  bool read_only = false;
  int since_major = 0; // first version that knows it
  int since_minor = 0;
};

class VariableCatalog {
public:
  explicit VariableCatalog(const Version& version);

  // nullptr when this version does not know `name` (any case).
  const VariableDef* find(const std::string& name) const;
  // Every variable of this version, sorted by name.
  std::vector<const VariableDef*> all() const;
  std::map<std::string, std::string> session_defaults() const;
  // The value as stored (booleans as true/false); an ErrorReply when `value` does not fit.
  std::variant<std::string, ErrorReply> normalize(const VariableDef& def,
                                                  const std::string& value) const;
  void set_global(const std::string& name, const std::string& value);
  std::string global_value(const VariableDef& def) const;

private:
  std::vector<VariableDef> m_defs;
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_globals;
};

ErrorReply unknown_variable(const std::string& name);

} // namespace srsim::server
