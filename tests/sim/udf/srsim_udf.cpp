// srsim_udf.so: StarRocks's hash functions as MariaDB user-defined functions, so that a simulated
// cluster hashes a million rows in about a second (the stored SQL functions they replace looped
// over every byte in SQL). srsim creates them at startup (engine/hash_functions.cpp) under private
// names, because UDF names are global in a MariaDB server, and rewrites calls to them
// (engine/call_rewrite.cpp):
//   srsim_xxh3_64(a, ...)  = StarRocks xx_hash3_64(a, ...)     -> BIGINT
//   srsim_mmh3_32(a, ...)  = StarRocks murmur_hash3_32(a, ...) -> INT (as a MariaDB integer)
// Semantics, from StarRocks's source:
// - be/src/exprs/hash_functions.cpp (HashFunctions::xx_hash3_64, ::murmur_hash3_32): every
//   argument is viewed as VARCHAR; a row whose argument is NULL gives NULL; otherwise the first
//   argument is hashed with the initial seed and each further argument with the previous hash as
//   its seed.
// - be/src/util/hash_util.hpp: MURMUR3_32_SEED = 104729, XXHASH3_64_SEED = 0; murmur_hash3_32 is
//   MurmurHash3 x86_32 (smhasher), read in little-endian 4-byte blocks;
//   be/src/util/hash_util.cpp: xx_hash3_64 is XXH3_64bits_withSeed(data, len, seed).
// The 64-bit hash is returned as a signed BIGINT, the 32-bit one as a signed INT, as StarRocks's
// BIGINT/INT columns hold them. MariaDB converts every argument to its text first (the init
// functions ask for STRING_RESULT), which is StarRocks's implicit cast to VARCHAR for integers,
// strings and DATE.
//
// The UDF ABI is C: UDF_ARGS and UDF_INIT come from libmariadb's mariadb_com.h (through
// mysql.h, which defines my_bool). Its UDF_INIT
// declares max_length narrower than the server's (unsigned int vs unsigned long), so only
// maybe_null and const_item, which sit at the same offsets in both, are written here.

#include <mysql.h>
#include <xxhash.h>

#include <cstdint>
#include <cstdio>
#include <cstring>

namespace {

std::uint32_t rotl32(std::uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

std::uint32_t murmur3_32(const unsigned char* data, std::size_t len, std::uint32_t seed) {
  const std::uint32_t c1 = 0xcc9e2d51u;
  const std::uint32_t c2 = 0x1b873593u;
  std::uint32_t h = seed;
  std::size_t blocks = len / 4;
  for (std::size_t i = 0; i < blocks; ++i) {
    std::uint32_t k = 0;
    std::memcpy(&k, data + 4 * i, 4); // little-endian, as StarRocks's x86 build reads it
    k = rotl32(k * c1, 15) * c2;
    h = rotl32(h ^ k, 13) * 5 + 0xe6546b64u;
  }
  const unsigned char* tail = data + 4 * blocks;
  std::uint32_t k = 0;
  switch (len & 3) {
  case 3:
    k ^= static_cast<std::uint32_t>(tail[2]) << 16;
    [[fallthrough]];
  case 2:
    k ^= static_cast<std::uint32_t>(tail[1]) << 8;
    [[fallthrough]];
  case 1:
    k ^= tail[0];
    h ^= rotl32(k * c1, 15) * c2;
  }
  h ^= static_cast<std::uint32_t>(len);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

// Common init: at least one argument, every argument converted to a string, result nullable.
my_bool init_string_args(UDF_INIT* initid, UDF_ARGS* args, char* message, const char* name) {
  if (args->arg_count == 0) {
    std::snprintf(message, MYSQL_ERRMSG_SIZE, "%s() needs at least one argument", name);
    return 1;
  }
  for (unsigned i = 0; i < args->arg_count; ++i) {
    args->arg_type[i] = STRING_RESULT;
  }
  initid->maybe_null = 1;
  initid->const_item = 0;
  return 0;
}

} // namespace

extern "C" {

my_bool srsim_xxh3_64_init(UDF_INIT* initid, UDF_ARGS* args, char* message) {
  return init_string_args(initid, args, message, "srsim_xxh3_64");
}

long long srsim_xxh3_64(UDF_INIT*, UDF_ARGS* args, char* is_null, char*) {
  XXH64_hash_t seed = 0; // HashUtil::XXHASH3_64_SEED
  for (unsigned i = 0; i < args->arg_count; ++i) {
    if (args->args[i] == nullptr) {
      *is_null = 1;
      return 0;
    }
    seed = XXH3_64bits_withSeed(args->args[i], args->lengths[i], seed);
  }
  return static_cast<long long>(seed);
}

my_bool srsim_mmh3_32_init(UDF_INIT* initid, UDF_ARGS* args, char* message) {
  return init_string_args(initid, args, message, "srsim_mmh3_32");
}

long long srsim_mmh3_32(UDF_INIT*, UDF_ARGS* args, char* is_null, char*) {
  std::uint32_t seed = 104729; // HashUtil::MURMUR3_32_SEED
  for (unsigned i = 0; i < args->arg_count; ++i) {
    if (args->args[i] == nullptr) {
      *is_null = 1;
      return 0;
    }
    seed =
        murmur3_32(reinterpret_cast<const unsigned char*>(args->args[i]), args->lengths[i], seed);
  }
  return static_cast<std::int32_t>(seed);
}

} // extern "C"
