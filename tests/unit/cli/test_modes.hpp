#pragma once

#include "exlschema/cli/command_line.hpp"
#include "exlschema/util/errors.hpp"

#include <array>
#include <string>
#include <string_view>
#include <vector>

// The mode table the CLI tests parse against. The app passes src/modes' registry, which unit_cli
// does not link; these rows carry the same flag rules (tests/unit/modes checks the real rows, and
// tests/cli/bad_input.sh the real binary).
namespace exl::cli::test {

inline constexpr std::array<std::string_view, 5> k_v1_flags{"a", "batch", "batchcheck",
                                                            "complement", "truncate"};
inline constexpr std::array<std::string_view, 2> k_a_truncate{"a", "truncate"};
inline constexpr std::array<std::string_view, 1> k_a{"a"};

using modes::ModeInfo;
inline constexpr std::array k_modes{ModeInfo{"mysql", "m", true, false, {}, true, false},
                                    ModeInfo{"starrocks", "s", true, false, {}, true, false},
                                    ModeInfo{"meta", "m", true, false, {}, false, false},
                                    ModeInfo{"ghost", "g", true, false, {}, false, false},
                                    ModeInfo{"v1", "1", true, false, k_v1_flags, true, false},
                                    ModeInfo{"v2", "2", true, false, k_a_truncate, false, true},
                                    ModeInfo{"v3", "3", true, false, k_a, false, true},
                                    ModeInfo{"v4", "4", true, false, k_a_truncate, false, true},
                                    ModeInfo{"v5", "5", true, false, k_a, false, true},
                                    ModeInfo{"pipe", "p", true, false, {}, true, false}};

// A valid run's flags; tests append the flag under test.
inline std::vector<std::string> base_args(const std::string& mode = "v1") {
  return {"-source", "a", "-target", "b", "-t", "db.tbl", "-o", mode};
}

inline CliArgs parse(const std::vector<std::string>& args) {
  return parse_command_line(args, k_modes);
}

// The one-line message of the UsageError `args` raise ("" when they parse).
inline std::string error_of(const std::vector<std::string>& args) {
  try {
    parse(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

inline std::vector<std::string> with(std::vector<std::string> args,
                                     const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

} // namespace exl::cli::test
