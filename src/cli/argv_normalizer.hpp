#pragma once

#include <string>
#include <vector>

// CLI11 only knows `--long` and `-s`; the seed's documentation writes every long flag with one
// dash (`-thread 5`). This pass rewrites each flag of the flag table into the one spelling CLI11
// is given (`--thread=5`, `--r`) and nothing else: unknown flags, stray arguments, repeated
// flags, values on switches and bad values are all CLI11's to refuse.
//
// What it must do because CLI11 would get it wrong: a value is joined to its flag
// (`--where=-x > 0`), since CLI11 would read a value that starts with '-' as a flag; and a flag
// without its value (`-t -o v1`, `-t` last) or with an empty one (`-source ""`, `--json=`) is
// refused here, since CLI11 takes the next argument, even `-o`, as the value of `-t` (or of an
// empty `--json=`). Unknown flag-shaped words stay as typed, so CLI11's message names them as the
// user wrote them, and are never split into short flags (`-password` is not `-p assword`):
// CLI11 is given no short names.
namespace exl::cli {

// `args` is argv without the program name; the result is what CLI11 parses, in argv order.
// Throws exl::UsageError ("exlSchema: -t needs a value (LIST)", "-json is empty (PATH)").
std::vector<std::string> normalize_argv(const std::vector<std::string>& args);

} // namespace exl::cli
