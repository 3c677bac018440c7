#include "app/run_id.hpp"

#include <array>
#include <cstdio>
#include <ctime>
#include <random>

namespace exl::app {

std::string make_run_id(std::chrono::system_clock::time_point now, unsigned random_bits) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  // Room for any int the compiler can imagine in each field, so no truncation is possible.
  std::array<char, 80> text{};
  std::snprintf(text.data(), text.size(), "%04d%02d%02dT%02d%02d%02d-%04x", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                random_bits & 0xffffU);
  return text.data();
}

std::string make_run_id() {
  std::random_device random;
  return make_run_id(std::chrono::system_clock::now(), random());
}

} // namespace exl::app
