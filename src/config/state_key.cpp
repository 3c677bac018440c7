#include "config/state_key.hpp"

#include <filesystem>

namespace exl::config {

std::optional<std::string> read_state_path(const YamlScope& root, const char* home) {
  if (!root.has("state")) {
    return std::nullopt;
  }
  std::string path = root.require_string("state"); // refuses an empty value
  if (path == "~" || path.starts_with("~/")) {
    if (home == nullptr || home[0] == '\0') {
      root.fail("state", "starts with ~ but HOME is not set");
    }
    path = std::string(home) + path.substr(1);
  } else if (path.starts_with("~")) {
    root.fail("state", "~user is not supported; write the full path (got '" + path + "')");
  }
  const std::filesystem::path as_path(path);
  if (as_path.is_relative()) {
    const std::filesystem::path dir = std::filesystem::absolute(root.file()).parent_path();
    return (dir / as_path).lexically_normal().string();
  }
  return path;
}

} // namespace exl::config
