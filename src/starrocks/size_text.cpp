#include "exlschema/starrocks/partition_info.hpp"

#include <array>
#include <cmath>
#include <limits>

// DataSize in SHOW PARTITIONS (ByteSizeValue: `0B`, `2.5KB`) and Size in SHOW DATA
// (`1.400 KB`, `900.000 B`, `10.000MB`), reference §2 and §8. Units are binary (1 KB = 1024 B).
namespace exl::starrocks {
namespace {

std::optional<int> unit_power(std::string_view unit) {
  static constexpr std::array<std::string_view, 7> k_units = {"B",  "KB", "MB", "GB",
                                                              "TB", "PB", "EB"};
  std::string upper;
  for (char c : unit) {
    upper += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
  }
  if (upper.empty() || upper == "BYTES") {
    return 0;
  }
  for (std::size_t i = 0; i < k_units.size(); ++i) {
    // `K`, `M`, `G` and `KiB`-style spellings are accepted as the same powers.
    if (upper == k_units[i] || (i > 0 && (upper == k_units[i].substr(0, 1) ||
                                          upper == std::string(k_units[i].substr(0, 1)) + "IB"))) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

} // namespace

Result<std::uint64_t> parse_data_size(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') {
    ++i;
  }
  std::size_t number_start = i;
  long double integer_part = 0;
  long double fraction = 0;
  long double scale = 1;
  bool seen_dot = false;
  for (; i < text.size() && ((text[i] >= '0' && text[i] <= '9') || (text[i] == '.' && !seen_dot));
       ++i) {
    if (text[i] == '.') {
      seen_dot = true;
    } else if (seen_dot) {
      scale /= 10;
      fraction += (text[i] - '0') * scale;
    } else {
      integer_part = integer_part * 10 + (text[i] - '0');
    }
  }
  if (i == number_start || (seen_dot && i == number_start + 1)) {
    return ParseError{number_start, "a number", std::string(text.substr(number_start, 20))};
  }
  std::size_t unit_start = i;
  while (unit_start < text.size() && text[unit_start] == ' ') {
    ++unit_start;
  }
  std::string_view unit = text.substr(unit_start);
  while (!unit.empty() && unit.back() == ' ') {
    unit.remove_suffix(1);
  }
  std::optional<int> power = unit_power(unit);
  if (!power) {
    return ParseError{unit_start, "a size unit (B, KB, MB, GB, TB, PB)", std::string(unit)};
  }
  long double bytes = (integer_part + fraction) * std::pow(1024.0L, *power);
  if (!(bytes < static_cast<long double>(std::numeric_limits<std::int64_t>::max()))) {
    return ParseError{number_start, "a size below 8 EB", std::string(text)};
  }
  return static_cast<std::uint64_t>(std::llround(bytes)); // below 2^63: llround is defined
}

} // namespace exl::starrocks
