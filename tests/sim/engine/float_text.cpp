#include "float_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

namespace srsim::engine {

namespace {

// Shortest round-trip digits and the decimal exponent of the first digit, from to_chars's
// scientific form ("3.1415927e+00" -> "31415927", 0).
template <typename T> void shortest_digits(T value, std::string& digits, int& exponent) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string text(buf, res.ptr);
  const std::size_t e = text.find('e');
  for (std::size_t i = 0; i < e; ++i) {
    if (text[i] != '.') {
      digits += text[i];
    }
  }
  exponent = std::atoi(text.c_str() + e + 1);
}

std::string plain(const std::string& digits, int exponent) {
  const int n = static_cast<int>(digits.size());
  if (exponent < 0) {
    return "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  if (exponent + 1 >= n) {
    return digits + std::string(static_cast<std::size_t>(exponent + 1 - n), '0');
  }
  return digits.substr(0, static_cast<std::size_t>(exponent + 1)) + "." +
         digits.substr(static_cast<std::size_t>(exponent + 1));
}

std::string scientific(const std::string& digits, int exponent) {
  std::string out = digits.substr(0, 1);
  if (digits.size() > 1) {
    out += "." + digits.substr(1);
  }
  out += exponent < 0 ? "e-" : "e+";
  const std::string mag = std::to_string(exponent < 0 ? -exponent : exponent);
  return out + (mag.size() < 2 ? "0" : "") + mag;
}

template <typename T> std::string styled(T value, int max_plain_exponent) {
  if (std::isnan(value)) {
    return "nan";
  }
  const std::string sign = std::signbit(value) ? "-" : "";
  if (std::isinf(value)) {
    return sign + "inf";
  }
  if (value == 0) {
    return sign + "0";
  }
  std::string digits;
  int exponent = 0;
  shortest_digits(std::fabs(value), digits, exponent);
  return sign + (exponent >= -4 && exponent <= max_plain_exponent ? plain(digits, exponent)
                                                                  : scientific(digits, exponent));
}

} // namespace

std::string starrocks_float_text(float value) {
  return styled(value, 7);
}

std::string starrocks_double_text(double value) {
  return styled(value, 15);
}

std::optional<std::string> restyle_double_text(const std::string& text) {
  double value = 0;
  const auto res = std::from_chars(text.data(), text.data() + text.size(), value);
  if (res.ec != std::errc() || res.ptr != text.data() + text.size()) {
    return std::nullopt;
  }
  return starrocks_double_text(value);
}

} // namespace srsim::engine
