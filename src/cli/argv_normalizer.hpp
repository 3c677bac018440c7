#pragma once

#include <string>
#include <vector>

// CLI11 only knows `--long` and `-s`; the seed's documentation writes every long flag with one
// dash (`-thread 5`). This pass rewrites argv into one canonical spelling that CLI11 parses
// (`--thread=5`, `--r`) and catches, with the user's own spelling in the message, what CLI11
// would report less clearly: unknown flags, missing or empty values, values on switches and
// repeated flags.
namespace exl::cli {

struct NormalizedArgs {
  std::string subcommand;          // "check", "clean" or empty
  std::vector<std::string> tokens; // "--name=value" or "--name", canonical names, argv order
};

// `args` is argv without the program name. Throws exl::UsageError.
NormalizedArgs normalize_argv(const std::vector<std::string>& args);

} // namespace exl::cli
