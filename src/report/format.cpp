#include "exlschema/report/format.hpp"

#include <array>
#include <cstdio>
#include <ctime>

namespace exl::report {

std::string format_duration(std::chrono::milliseconds elapsed) {
  const long long ms = elapsed.count() < 0 ? 0 : elapsed.count();
  std::array<char, 32> text{};
  if (ms < 1000) {
    std::snprintf(text.data(), text.size(), "%lldms", ms);
  } else if (ms < 60'000) {
    std::snprintf(text.data(), text.size(), "%.1fs", static_cast<double>(ms) / 1000.0);
  } else if (ms < 3'600'000) {
    std::snprintf(text.data(), text.size(), "%lldm%02llds", ms / 60'000, ms / 1000 % 60);
  } else {
    std::snprintf(text.data(), text.size(), "%lldh%02lldm", ms / 3'600'000, ms / 60'000 % 60);
  }
  return text.data();
}

std::string format_count(std::optional<std::int64_t> count) {
  if (!count) {
    return "-";
  }
  std::string digits = std::to_string(*count < 0 ? -*count : *count);
  for (int pos = static_cast<int>(digits.size()) - 3; pos > 0; pos -= 3) {
    digits.insert(static_cast<std::size_t>(pos), ",");
  }
  return *count < 0 ? "-" + digits : digits;
}

std::string format_utc(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text.data();
}

} // namespace exl::report
