#pragma once

#include <string_view>

// Strict number parsing for flag values: the whole text must be the number, so `-thread 3x`,
// `-speed 1,5` and `-speed nan` are refused with a message naming the flag.
namespace exl::cli {

// A whole number in [`min`, `max`]. Throws exl::UsageError such as
// "exlSchema: -thread must be a whole number >= 1 (got '0')".
int parse_whole_number(std::string_view flag, std::string_view text, int min, int max);

// A finite number > 0 (`1`, `0.5`, `2.25`). Throws exl::UsageError.
double parse_positive_number(std::string_view flag, std::string_view text);

} // namespace exl::cli
