#pragma once

#include <span>
#include <string_view>

// The table of exlSchema's sub-commands (check, clean, history, verify). CLI11's sub-commands,
// the usage lines of `-h`, each sub-command's own help (`exlSchema check -h`), the man page and
// the completion scripts are all generated from it, and `history`'s flag check reads its row, so
// a sub-command's flags are written down once.
namespace exl::cli {

struct SubcommandSpec {
  std::string_view name;        // "check"
  std::string_view summary;     // one line: CLI11's description, `-h`, the man page
  std::string_view synopsis;    // what follows the name in a usage line
  std::string_view description; // a paragraph for `check -h` and the man page
  // The flags it takes (names of the flag table, without dashes), in the order its help lists
  // them; `history` refuses any other.
  std::span<const std::string_view> flags;
};

// Every sub-command, in the order `-h` lists them.
std::span<const SubcommandSpec> subcommand_table();

// The sub-command called `name`, or nullptr.
const SubcommandSpec* find_subcommand(std::string_view name);

} // namespace exl::cli
