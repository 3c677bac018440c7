#include "config/config_sections.hpp"

namespace exl::config {
namespace {

// A mapping of scalars, in file order, as key/value text pairs.
std::vector<std::pair<std::string, std::string>> scalar_map(const YamlScope& parent,
                                                            std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!parent.has(key)) {
    return out;
  }
  const YamlScope map = parent.child(key);
  for (const auto& entry : map.node()) {
    const std::string name = entry.first.Scalar();
    if (!entry.second.IsScalar()) {
      map.fail(name, "expected a single value");
    }
    out.emplace_back(name, entry.second.Scalar());
  }
  return out;
}

} // namespace

// `scs:` (docs/cli.md). Which sync.properties keys `properties:` may hold is the meta mode's
// knowledge (src/scs/sync_properties.cpp), checked before a meta run connects.
ScsEntry read_scs(const YamlScope& scope) {
  scope.allow_only({"home", "secret_key_env", "source_token_env", "hosts", "properties",
                    "stall_timeout", "stop_timeout"});
  ScsEntry scs;
  scs.where = scope.where();
  scs.home = scope.require_string("home");
  scs.secret_key_env = scope.get_string("secret_key_env").value_or("");
  scs.source_token_env = scope.get_string("source_token_env").value_or("");
  scs.hosts = scalar_map(scope, "hosts");
  for (const auto& [from, to] : scs.hosts) {
    if (!from.starts_with("SOURCE_") && !from.starts_with("TARGET_")) {
      scope.child("hosts").fail(from, "expected SOURCE_<address> or TARGET_<address> (the form "
                                      "of starrocks-cluster-sync's conf/hosts.properties)");
    }
    if (to.empty()) {
      scope.child("hosts").fail(from, "the address it maps to is empty");
    }
  }
  scs.properties = scalar_map(scope, "properties");
  scs.stall_timeout_s = scope.get_int("stall_timeout", 10, 7 * 86400).value_or(scs.stall_timeout_s);
  scs.stop_timeout_s = scope.get_int("stop_timeout", 1, 3600).value_or(scs.stop_timeout_s);
  return scs;
}

} // namespace exl::config
