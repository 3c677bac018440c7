#pragma once

#include "cli/bound_args.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

// The one table of exlSchema's flags (PRODUCT.md §1). The single-dash pre-pass, the CLI11
// binding (names, bound field, validators, default, exclusions, repeated-flag policy) and the
// `-h` text are all driven by it, so a flag cannot be accepted without being documented and
// checked the same way everywhere.
namespace exl::cli {

// The field of BoundArgs CLI11 stores the flag's value in (a switch: a bool).
using FlagSlot = std::variant<bool BoundArgs::*, std::string BoundArgs::*, int BoundArgs::*,
                              std::optional<int> BoundArgs::*, std::optional<double> BoundArgs::*>;

// The CLI11 validators a value goes through (cli11_parser.cpp turns each into CLI11 checks).
enum class ValueCheck {
  None,            // nothing beyond CLI11 itself (a switch, a text, a list parsed later)
  Threads,         // a decimal whole number 1..256
  AtLeastOne,      // a decimal whole number >= 1
  Replication,     // -1 or a decimal whole number >= 1
  PositiveNumber,  // a finite decimal number > 0
  Level,           // table or db
  Mode,            // a mode of the registry
  WhereExpression, // one SQL expression (exl::starrocks::check_where_expression)
  Shell,           // a shell `--completion` writes a script for: bash or zsh
};

struct FlagSpec {
  std::string_view name;         // canonical name without dashes: "thread", "t", "add"
  std::string_view alias;        // another accepted name ("help" for "h"); empty: none
  std::string_view value_name;   // "N", "LIST", ...; empty: a switch that takes no value
  std::string_view default_text; // for `-h`; empty on a number: CLI11 shows the field's default
  std::string_view meaning;
  FlagSlot slot;
  ValueCheck check = ValueCheck::None;
  std::string_view excludes = {}; // a flag that may not be given together with this one
  bool mode_specific = false;     // accepted only by the modes whose registry row lists it;
                                  // `-h` and the man page name those modes after the meaning
  bool hidden = false;            // left out of `-h` and the completion (a tool's helper); the
                                  // man page still documents it

  [[nodiscard]] bool takes_value() const { return !value_name.empty(); }
  [[nodiscard]] bool is_short() const { return name.size() == 1; }
};

// Every flag, in the order `-h` lists them.
std::span<const FlagSpec> flag_table();

// The flag called `name` (canonical or alias, without dashes), or nullptr.
const FlagSpec* find_flag(std::string_view name);

// How messages and `-h` name the flag: `-thread`, `-t` (the seed's single-dash style).
std::string display_name(const FlagSpec& spec);

} // namespace exl::cli
