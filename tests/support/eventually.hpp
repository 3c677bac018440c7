#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace exl::test {

// Polls `done` every `every` until it holds or `limit` passes: the one way tests wait for
// something another thread or process does (never a blind sleep).
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds limit = std::chrono::seconds(10),
                       std::chrono::milliseconds every = std::chrono::milliseconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) {
      return false;
    }
    std::this_thread::sleep_for(every);
  }
  return true;
}

} // namespace exl::test
