#pragma once

#include "exlschema/cli/cli_args.hpp"

#include <set>
#include <string>

// What CLI11 binds the flags to (flag_table.cpp names a field of it per flag). Most fields are
// CliArgs' own, typed and converted by CLI11; the lists and `-level` stay text until
// validate_args parses them, because the shape of a `-t` entry depends on `-level`.
namespace exl::cli {

struct BoundArgs : CliArgs {
  std::string tables_text;     // `-t`
  std::string excludes_text;   // `-x`
  std::string partitions_text; // `-p`
  std::string level_text;      // `-level`
  bool quiet = false;          // `-q`
  bool verbose = false;        // `-v`
  bool help = false;           // `-h`
  bool version = false;        // `-version`
  bool man = false;            // `--man`
  bool list_aliases = false;   // `--list-aliases`
};

// The result of CLI11's parse: the bound values, the flags that were given (canonical names)
// and the sub-command ("check", "clean", "history" or empty).
struct ParsedArgs {
  BoundArgs args;
  std::set<std::string, std::less<>> given;
  std::string subcommand;

  [[nodiscard]] bool has(std::string_view name) const { return given.contains(name); }
};

} // namespace exl::cli
