#pragma once

#include <optional>
#include <string>

// Where the configuration file is (PRODUCT.md §3): `-config PATH`, `$EXLSCHEMA_CONFIG`,
// `./.exlSchema.yaml`, `~/.exlSchema.yaml`, first match wins.
namespace exl::config {

struct ConfigSearch {
  std::string cli_path;                // `-config`; empty: not given
  std::optional<std::string> env_path; // $EXLSCHEMA_CONFIG; nullopt: unset
  std::string working_dir;             // where ./.exlSchema.yaml is looked for
  std::string home_dir;                // where ~/.exlSchema.yaml is looked for; empty: no HOME

  // The search of this process: `cli_path` plus the environment and the current directory.
  static ConfigSearch from_process(const std::string& cli_path);
};

// The file to read. An explicitly named file (`-config`, $EXLSCHEMA_CONFIG) that does not exist
// is an error (exl::ConfigError); when nothing is found, ConfigError lists the places searched.
std::string find_config_file(const ConfigSearch& search);

// A warning when `path` can be read by group or others (it may hold passwords):
// "... is readable by group/others (mode 0644); run: chmod 600 <path>". nullopt when private.
std::optional<std::string> permission_warning(const std::string& path);

} // namespace exl::config
