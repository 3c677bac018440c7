#pragma once

#include "config/yaml_scope.hpp"

#include <optional>
#include <string>

namespace exl::config {

// `state: PATH` of the document `root`: where the run history is kept. `~` and `~/...` stand for
// $HOME; a relative path is relative to the configuration file's directory (a cron job's working
// directory is rarely the user's). nullopt when the key is absent. Throws ConfigError naming the
// line for an empty value (or YAML's null `~`), `~user`, or `~` without HOME.
std::optional<std::string> read_state_path(const YamlScope& root, const char* home);

} // namespace exl::config
