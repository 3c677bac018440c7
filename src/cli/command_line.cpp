#include "exlschema/cli/command_line.hpp"

#include "cli/argv_normalizer.hpp"
#include "cli/raw_args.hpp"
#include "cli/validate_args.hpp"

namespace exl::cli {

CliArgs parse_command_line(const std::vector<std::string>& args,
                           std::span<const ModeChoice> modes) {
  const NormalizedArgs normalized = normalize_argv(args);
  const RawArgs raw = parse_with_cli11(normalized);
  return validate_args(raw, modes);
}

} // namespace exl::cli
