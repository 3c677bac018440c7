#include "cli/numbers.hpp"

#include "exlschema/util/errors.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

namespace exl::cli {
namespace {

std::string range_text(int min, int max) {
  return max == std::numeric_limits<int>::max()
             ? ">= " + std::to_string(min)
             : "between " + std::to_string(min) + " and " + std::to_string(max);
}

} // namespace

int parse_whole_number(std::string_view flag, std::string_view text, int min, int max) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    throw UsageError("exlSchema: " + std::string(flag) + " must be a whole number " +
                     range_text(min, max) + " (got '" + std::string(text) + "')");
  }
  return value;
}

double parse_positive_number(std::string_view flag, std::string_view text) {
  // from_chars for double accepts neither a leading '+' nor hex without prefix, and never
  // depends on the locale: "1,5" stays an error everywhere.
  double value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value) || value <= 0) {
    throw UsageError("exlSchema: " + std::string(flag) +
                     " must be a number > 0, e.g. 1 or 0.5 (got '" + std::string(text) + "')");
  }
  return value;
}

} // namespace exl::cli
