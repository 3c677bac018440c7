#pragma once

// StarRocks's murmur_hash3_32(str, ...) for MariaDB. StarRocks computes MurmurHash3 x86_32 over
// the bytes of each argument with seed 104729, feeding each result as the seed of the next
// argument, and returns it as a signed INT (NULL if any argument is NULL). The engine installs
// equivalent stored functions in `__srsim` of every cluster's MariaDB at startup and rewrites
// calls in SELECTs to them, so both clusters compute identical values.

#include "backend.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace srsim::engine {

inline constexpr std::uint32_t k_murmur_seed = 104729;

void install_murmur_function(Backend& conn);
// Rewrites calls whose MariaDB result differs from StarRocks's: murmur_hash3_32(a, b, ...) to
// the stored functions, sleep(x) to StarRocks's BOOLEAN (1 when completed, NULL for NULL).
std::string rewrite_function_calls(const std::string& sql);
// Reference implementation (tests compare MariaDB's answer with it).
std::int32_t murmur_hash3_32(const std::vector<std::string>& args);

} // namespace srsim::engine
