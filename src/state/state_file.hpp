#pragma once

#include <string>

// The file system side of opening a state store, before SQLite sees the path.
namespace exl::state {

// Creates the missing parent directories of `path` (mode 0700) and `path` itself (mode 0600)
// when absent. Throws exl::ConfigError naming `path` when a parent is not a directory or cannot
// be created, when `path` is a directory, or when the file cannot be created.
void prepare_state_file(const std::string& path);

// The one-line message for a state store that cannot be used: "exlSchema: state store PATH:
// REASON". `hint` adds what to do.
std::string state_error(const std::string& path, const std::string& reason, bool hint = true);

} // namespace exl::state
