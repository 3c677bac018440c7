#pragma once

#include "cli/argv_normalizer.hpp"

#include <functional>
#include <map>
#include <set>
#include <string>

// The command line as strings, bound by CLI11 from the normalised argv; validated into CliArgs
// by validate_args.
namespace exl::cli {

struct RawArgs {
  std::string subcommand;
  std::map<std::string, std::string, std::less<>> values; // flags with a value, by name
  std::set<std::string, std::less<>> switches;            // switches that were given

  [[nodiscard]] bool has(std::string_view name) const {
    return values.find(name) != values.end() || switches.find(name) != switches.end();
  }
};

// Binds every flag of the flag table with CLI11 and parses `normalized`. Throws exl::UsageError.
RawArgs parse_with_cli11(const NormalizedArgs& normalized);

} // namespace exl::cli
