#pragma once

#include <span>
#include <string>
#include <string_view>

// The one table of exlSchema's flags (PRODUCT.md §1): the argv normaliser, the CLI11 binding
// and the `-h` text are all driven by it, so a flag cannot be accepted without being documented.
namespace exl::cli {

struct FlagSpec {
  std::string_view name;       // canonical name without dashes: "thread", "t", "add"
  std::string_view alias;      // another accepted name ("help" for "h"); empty: none
  std::string_view value_name; // "N", "LIST", ...; empty: a switch that takes no value
  std::string_view default_text;
  std::string_view meaning;

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
