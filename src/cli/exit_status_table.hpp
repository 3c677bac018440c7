#pragma once

#include <span>
#include <string_view>

// exlSchema's exit codes (PRODUCT.md §2; the values are app/exit_codes.hpp's and
// runner::exit_code_for_signal's). `-h` and the man page's EXIT STATUS are both written from this
// table, so they cannot say different things.
namespace exl::cli {

struct ExitStatusSpec {
  std::string_view code;    // "0", or "130, 143"
  std::string_view brief;   // a few words for `-h`
  std::string_view meaning; // a sentence for the man page
};

// Every exit code, in increasing order.
std::span<const ExitStatusSpec> exit_status_table();

} // namespace exl::cli
