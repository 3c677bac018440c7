#include "exlschema/report/format.hpp"
#include <cstdio>
#include <iterator>

#include <fmt/chrono.h>
#include <fmt/format.h>

namespace exl::report {

std::string format_duration(std::chrono::milliseconds elapsed) {
  const long long ms = elapsed.count() < 0 ? 0 : elapsed.count();
  if (ms < 1000) {
    return fmt::format("{}ms", ms);
  }
  if (ms < 60'000) {
    return fmt::format("{:.1f}s", static_cast<double>(ms) / 1000.0);
  }
  if (ms < 3'600'000) {
    return fmt::format("{}m{:02}s", ms / 60'000, ms / 1000 % 60);
  }
  return fmt::format("{}h{:02}m", ms / 3'600'000, ms / 60'000 % 60);
}

std::string format_count(std::optional<std::int64_t> count) {
  if (!count) {
    return "-";
  }
  // Unsigned, so that the magnitude of INT64_MIN does not overflow.
  const auto value = static_cast<std::uint64_t>(*count);
  const std::string digits = std::to_string(*count < 0 ? 0 - value : value);
  std::string grouped = *count < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) {
      grouped += ',';
    }
    grouped += digits[i];
  }
  return grouped;
}

std::string format_utc(std::chrono::system_clock::time_point time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

} // namespace exl::report

namespace exl::report {

std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* k_units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(k_units)) {
    value /= 1024.0;
    ++unit;
  }
  if (unit == 0) {
    return std::to_string(bytes) + " B";
  }
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %s", value, k_units[unit]);
  return text;
}

} // namespace exl::report
