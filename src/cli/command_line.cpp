#include "exlschema/cli/command_line.hpp"

#include "cli/argv_normalizer.hpp"
#include "cli/cli11_app.hpp"
#include "cli/validate_args.hpp"

namespace exl::cli {

CliArgs parse_command_line(const std::vector<std::string>& args,
                           std::span<const modes::ModeInfo> modes) {
  return validate_args(parse_with_cli11(normalize_argv(args), modes), modes);
}

} // namespace exl::cli
