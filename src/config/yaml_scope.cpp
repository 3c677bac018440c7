#include "config/yaml_scope.hpp"

#include "exlschema/util/errors.hpp"

#include <charconv>
#include <cmath>
#include <map>

namespace exl::config {
namespace {

std::string describe(const YAML::Node& node) {
  if (node.IsMap()) {
    return "a mapping";
  }
  if (node.IsSequence()) {
    return "a list";
  }
  if (node.IsNull()) {
    return "nothing";
  }
  return "'" + node.Scalar() + "'";
}

} // namespace

YamlScope::YamlScope(const YAML::Node& node, std::string path, std::string file, int line)
    : m_node(node), m_path(std::move(path)), m_file(std::move(file)), m_line(line) {
  if (!m_node.IsMap()) {
    line = line > 0 ? line : m_node.Mark().is_null() ? 1 : m_node.Mark().line + 1;
    throw ConfigError("exlSchema: " + m_file + ":" + std::to_string(line) + ": " +
                      (m_path.empty() ? std::string("the file") : m_path) +
                      ": expected a mapping of keys (got " + describe(m_node) + ")");
  }
  refuse_repeated_keys();
}

// yaml-cpp keeps both entries of a key written twice and answers lookups with the first, so
// `src:` written twice would silently take one of two clusters. Refuse it instead.
void YamlScope::refuse_repeated_keys() const {
  std::map<std::string, int> first_line;
  for (const auto& entry : m_node) {
    if (!entry.first.IsScalar()) {
      continue;
    }
    const int line = entry.first.Mark().line + 1;
    auto [it, fresh] = first_line.emplace(entry.first.Scalar(), line);
    if (!fresh) {
      throw ConfigError("exlSchema: " + m_file + ":" + std::to_string(line) + ": " +
                        key_path(entry.first.Scalar()) + ": written twice (first at line " +
                        std::to_string(it->second) + "); keep one");
    }
  }
}

std::string YamlScope::key_path(std::string_view key) const {
  if (key.empty()) {
    return m_path.empty() ? "(top level)" : m_path;
  }
  return m_path.empty() ? std::string(key) : m_path + "." + std::string(key);
}

int YamlScope::line_of(std::string_view key) const {
  for (const auto& entry : m_node) {
    if (!key.empty() && entry.first.IsScalar() && entry.first.Scalar() == key) {
      return entry.first.Mark().line + 1;
    }
  }
  if (m_line > 0) {
    return m_line;
  }
  return m_node.Mark().is_null() ? 1 : m_node.Mark().line + 1;
}

std::string YamlScope::where(std::string_view key) const {
  return m_file + ":" + std::to_string(line_of(key)) + ": " + key_path(key);
}

void YamlScope::fail(std::string_view key, const std::string& problem) const {
  throw ConfigError("exlSchema: " + where(key) + ": " + problem);
}

void YamlScope::allow_only(std::initializer_list<std::string_view> allowed) const {
  for (const auto& entry : m_node) {
    const std::string key = entry.first.Scalar();
    bool known = false;
    std::string list;
    for (const auto candidate : allowed) {
      known = known || candidate == key;
      list += (list.empty() ? "" : ", ") + std::string(candidate);
    }
    if (!known) {
      fail(key, "unknown key (expected one of: " + list + ")");
    }
  }
}

bool YamlScope::has(std::string_view key) const {
  return m_node[std::string(key)].IsDefined();
}

YAML::Node YamlScope::scalar(std::string_view key) const {
  const YAML::Node value = m_node[std::string(key)];
  if (!value.IsScalar()) {
    fail(key, "expected a single value (got " + describe(value) + ")");
  }
  return value;
}

std::optional<std::string> YamlScope::get_string(std::string_view key) const {
  if (!has(key)) {
    return std::nullopt;
  }
  return scalar(key).Scalar();
}

std::string YamlScope::require_string(std::string_view key) const {
  if (!has(key)) {
    fail({}, "missing key '" + std::string(key) + "'");
  }
  std::string value = scalar(key).Scalar();
  if (value.empty()) {
    fail(key, "must not be empty");
  }
  return value;
}

std::optional<int> YamlScope::get_int(std::string_view key, int min, int max) const {
  const auto text = get_string(key);
  if (!text) {
    return std::nullopt;
  }
  int value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    fail(key, "expected a whole number between " + std::to_string(min) + " and " +
                  std::to_string(max) + " (got '" + *text + "')");
  }
  return value;
}

std::optional<double> YamlScope::get_positive_double(std::string_view key) const {
  const auto text = get_string(key);
  if (!text) {
    return std::nullopt;
  }
  double value = 0;
  const auto* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec != std::errc() || ptr != end || !std::isfinite(value) || value <= 0) {
    fail(key, "expected a number > 0 (got '" + *text + "')");
  }
  return value;
}

YamlScope YamlScope::child(std::string_view key) const {
  const YAML::Node value = m_node[std::string(key)];
  if (!value.IsMap()) {
    fail(key, "expected a mapping of keys (got " + describe(value) + ")");
  }
  return {value, key_path(key), m_file, line_of(key)};
}

} // namespace exl::config
