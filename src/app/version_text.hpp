#pragma once

#include <string>

namespace exl::app {

// The `--version` text: exlSchema's version and build, then each library with the version it was
// compiled against (and, for the shared C libraries, the version loaded at run time).
std::string version_text();

} // namespace exl::app
