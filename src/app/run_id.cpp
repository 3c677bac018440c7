#include "app/run_id.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <random>

namespace exl::app {

std::string make_run_id(std::chrono::system_clock::time_point now, unsigned random_bits) {
  return fmt::format("{:%Y%m%dT%H%M%S}-{:04x}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(now)), random_bits & 0xffffU);
}

std::string make_run_id() {
  std::random_device random;
  return make_run_id(std::chrono::system_clock::now(), random());
}

} // namespace exl::app
