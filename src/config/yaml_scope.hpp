#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

// Typed access to one YAML mapping with error messages that name the file, the line and the
// dotted key (`/etc/x.yaml:7: clusters.a.port: expected ...`). Values are read strictly: `9030x`
// is not a port and a mapping is not a string.
namespace exl::config {

class YamlScope {
public:
  // `node` must be a mapping (else ConfigError at `path`); `path` is the dotted key of `node`
  // ("" for the document root).
  // `line` (1-based) is where the mapping's key is written; 0: where the mapping starts.
  YamlScope(const YAML::Node& node, std::string path, std::string file, int line = 0);

  // Throws ConfigError for the first key not in `allowed`.
  void allow_only(std::initializer_list<std::string_view> allowed) const;
  bool has(std::string_view key) const;

  std::optional<std::string> get_string(std::string_view key) const;
  std::string require_string(std::string_view key) const;
  std::optional<int> get_int(std::string_view key, int min, int max) const;
  std::optional<double> get_positive_double(std::string_view key) const;
  YamlScope child(std::string_view key) const; // the key must exist and be a mapping

  // "file:line: path.key" for `key` (the line of the key when present, else of this mapping).
  std::string where(std::string_view key = {}) const;
  [[noreturn]] void fail(std::string_view key, const std::string& problem) const;

  const YAML::Node& node() const { return m_node; }
  const std::string& file() const { return m_file; }
  std::string key_path(std::string_view key) const;

private:
  void refuse_repeated_keys() const;             // ConfigError naming the second occurrence
  YAML::Node scalar(std::string_view key) const; // present and a scalar, else ConfigError
  int line_of(std::string_view key) const;       // 1-based

  YAML::Node m_node;
  std::string m_path;
  std::string m_file;
  int m_line = 0;
};

} // namespace exl::config
