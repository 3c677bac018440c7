#pragma once

#include "exlschema/cli/command_line.hpp"

#include <array>
#include <string>
#include <vector>

// The mode list the CLI tests parse against (the app passes src/modes' registry).
namespace exl::cli::test {

inline constexpr std::array k_modes{ModeChoice{"mysql", "m"}, ModeChoice{"starrocks", "s"},
                                    ModeChoice{"meta", "m"},  ModeChoice{"ghost", "g"},
                                    ModeChoice{"v1", "1"},    ModeChoice{"v2", "2"},
                                    ModeChoice{"v3", "3"},    ModeChoice{"v4", "4"},
                                    ModeChoice{"v5", "5"},    ModeChoice{"pipe", "p"}};

// A valid run's flags; tests append the flag under test.
inline std::vector<std::string> base_args(const std::string& mode = "v1") {
  return {"-source", "a", "-target", "b", "-t", "db.tbl", "-o", mode};
}

inline CliArgs parse(const std::vector<std::string>& args) {
  return parse_command_line(args, k_modes);
}

inline std::vector<std::string> with(std::vector<std::string> args,
                                     const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

} // namespace exl::cli::test
