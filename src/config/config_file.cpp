#include "exlschema/config/config_file.hpp"

#include "config/config_sections.hpp"
#include "config/state_key.hpp"
#include "exlschema/util/errors.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace exl::config {
namespace {

YAML::Node parse_yaml(const std::string& text, const std::string& path) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    // yaml-cpp may notice an unclosed bracket only at the end of the input, one line past the
    // last; name the last line instead of a line the file does not have.
    const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) +
                      (text.empty() || text.back() == '\n' ? 0 : 1);
    const int line = std::max(1, std::min(e.mark.line + 1, lines));
    throw ConfigError("exlSchema: " + path + ":" + std::to_string(line) +
                      ": malformed YAML: " + e.msg);
  }
}

void read_clusters(const YamlScope& root, ConfigFile& config) {
  if (!root.has("clusters")) {
    if (!root.has("registry")) {
      root.fail({}, "missing key 'clusters' (and no 'registry'): no cluster is configured");
    }
    return;
  }
  const YamlScope clusters = root.child("clusters");
  for (const auto& entry : clusters.node()) {
    const std::string alias = entry.first.Scalar();
    config.clusters.emplace(alias, read_cluster(clusters.child(alias), alias));
  }
}

ConfigFile read_document(const YAML::Node& document, const std::string& path) {
  const YamlScope root(document, "", path);
  root.allow_only(
      {"clusters", "registry", "feishu", "scs", "storage", "defaults", "jdbc", "state"});
  ConfigFile config;
  config.path = path;
  read_clusters(root, config);
  if (root.has("registry")) {
    config.registry = read_registry(root.child("registry"));
  }
  if (root.has("feishu")) {
    config.feishu = read_feishu(root.child("feishu"));
  }
  if (root.has("scs")) {
    config.scs = read_scs(root.child("scs"));
  }
  if (root.has("storage")) {
    config.storage = read_storage(root.child("storage"));
  }
  if (root.has("defaults")) {
    config.defaults = read_defaults(root.child("defaults"));
  }
  if (root.has("jdbc")) {
    const YamlScope jdbc = root.child("jdbc");
    jdbc.allow_only({"driver_url", "driver_class"});
    config.jdbc.url = jdbc.get_string("driver_url").value_or(config.jdbc.url);
    config.jdbc.class_name = jdbc.get_string("driver_class").value_or(config.jdbc.class_name);
    if (config.jdbc.url.empty() || config.jdbc.class_name.empty()) {
      jdbc.fail({}, "jdbc.driver_url and jdbc.driver_class must not be empty: CREATE EXTERNAL "
                    "CATALOG needs both (leave a key out to use the default)");
    }
  }
  config.state_path = read_state_path(root, std::getenv("HOME")).value_or("");
  return config;
}

} // namespace

ConfigFile parse_config_text(const std::string& text, const std::string& path) {
  const YAML::Node document = parse_yaml(text, path);
  if (document.IsNull()) {
    throw ConfigError("exlSchema: " + path + ":1: the file is empty (expected clusters: ...)");
  }
  return read_document(document, path);
}

ConfigFile load_config_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw ConfigError("exlSchema: cannot read configuration file " + path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config_text(text.str(), path);
}

} // namespace exl::config
