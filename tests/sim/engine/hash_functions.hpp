#pragma once

// StarRocks's hash functions in the storage server. xx_hash3_64(str, ...) and
// murmur_hash3_32(str, ...) hash each argument's bytes, the first with a fixed seed (0 and
// 104729) and each further one with the previous hash as seed; any NULL argument gives NULL
// (StarRocks be/src/exprs/hash_functions.cpp, be/src/util/hash_util.hpp). They run as MariaDB
// UDFs from srsim_udf.so (tests/sim/udf/srsim_udf.cpp), which tests/support/mariadb.sh puts in
// the server's plugin directory; queries reach them through rewrite_function_calls
// (call_rewrite.hpp).

#include "backend.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace srsim::engine {

// MariaDB names of the UDFs: private, because UDF names are global in a server.
inline constexpr const char* k_xxh3_udf = "srsim_xxh3_64";
inline constexpr const char* k_murmur_udf = "srsim_mmh3_32";
inline constexpr std::uint32_t k_murmur_seed = 104729;

// Creates the UDFs in the server of `conn` unless they exist, then checks them against
// StarRocks's documented values. Throws std::runtime_error, naming the fix, when the library is
// missing or answers wrongly: srsim never falls back to computing something else.
void install_hash_functions(Backend& conn);

// Reference implementation of murmur_hash3_32 (tests compare MariaDB's answer with it).
std::int32_t murmur_hash3_32(const std::vector<std::string>& args);

} // namespace srsim::engine
