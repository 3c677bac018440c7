#include "audit/exact_integer.hpp"

#include <algorithm>

namespace exl::audit {
namespace {

using Int128 = __int128;
using UInt128 = unsigned __int128;

} // namespace

std::optional<__int128> parse_int128(std::string_view text) {
  std::size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  i += !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i == text.size()) {
    return std::nullopt;
  }
  const UInt128 limit = (~UInt128{0}) >> 1; // 2^127 - 1
  UInt128 value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    const auto digit = static_cast<unsigned>(text[i] - '0');
    if (value > (limit + 1 - digit) / 10) { // beyond -2^127 .. 2^127 - 1 in either direction
      return std::nullopt;
    }
    value = value * 10 + digit;
  }
  if (!negative && value > limit) {
    return std::nullopt;
  }
  return negative ? -static_cast<Int128>(value - 1) - 1 : static_cast<Int128>(value);
}

std::string int128_text(__int128 value) {
  const bool negative = value < 0;
  UInt128 magnitude = negative ? UInt128(-(value + 1)) + 1 : UInt128(value);
  std::string digits;
  do {
    digits += static_cast<char>('0' + static_cast<int>(magnitude % 10));
    magnitude /= 10;
  } while (magnitude != 0);
  if (negative) {
    digits += '-';
  }
  std::reverse(digits.begin(), digits.end());
  return digits;
}

} // namespace exl::audit
