#include "exlschema/config/config_locator.hpp"

#include "exlschema/util/errors.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace exl::config {
namespace {

constexpr const char* k_file_name = ".exlSchema.yaml";

bool is_regular_file(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec);
}

std::string require_file(const std::string& path, const std::string& named_by) {
  if (!is_regular_file(path)) {
    throw ConfigError("exlSchema: configuration file " + path + " (from " + named_by +
                      ") does not exist or is not a regular file");
  }
  return path;
}

} // namespace

ConfigSearch ConfigSearch::from_process(const std::string& cli_path) {
  ConfigSearch search;
  search.cli_path = cli_path;
  if (const char* env = std::getenv("EXLSCHEMA_CONFIG"); env != nullptr && *env != '\0') {
    search.env_path = env;
  }
  std::error_code ec;
  search.working_dir = std::filesystem::current_path(ec).string();
  if (const char* home = std::getenv("HOME"); home != nullptr) {
    search.home_dir = home;
  }
  return search;
}

std::string find_config_file(const ConfigSearch& search) {
  if (!search.cli_path.empty()) {
    return require_file(search.cli_path, "-config");
  }
  if (search.env_path) {
    return require_file(*search.env_path, "$EXLSCHEMA_CONFIG");
  }
  std::string local = search.working_dir + "/" + k_file_name;
  if (!search.working_dir.empty() && is_regular_file(local)) {
    return local;
  }
  std::string home = search.home_dir + "/" + k_file_name;
  if (!search.home_dir.empty() && is_regular_file(home)) {
    return home;
  }
  throw ConfigError(std::string("exlSchema: no configuration file: give -config PATH, set "
                                "$EXLSCHEMA_CONFIG, or create ./") +
                    k_file_name + " or ~/" + k_file_name + " (see .exlSchema.yaml.example)");
}

std::optional<std::string> permission_warning(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || (info.st_mode & (S_IRGRP | S_IROTH)) == 0) {
    return std::nullopt;
  }
  std::array<char, 8> mode{};
  std::snprintf(mode.data(), mode.size(), "%04o", static_cast<unsigned>(info.st_mode & 07777));
  return "configuration file " + path + " is readable by group/others (mode " + mode.data() +
         ") and may hold passwords; run: chmod 600 " + path;
}

} // namespace exl::config
