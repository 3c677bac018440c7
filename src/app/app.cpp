#include "app/app.hpp"

#include "exlschema/build_info.hpp"

#include <cstdio>
#include <string_view>

namespace exl::app {

// Placeholder until the CLI lands: only --version answers.
int run(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "--version") {
    std::printf("exlSchema %s\n", build::k_version);
    return 0;
  }
  std::fprintf(stderr, "exlSchema: not implemented yet\n");
  return 2;
}

} // namespace exl::app
