#include "hash_functions.hpp"

#include <stdexcept>

namespace srsim::engine {

namespace {

// ER_UDF_EXISTS: another srsim on the same server created the function first.
constexpr unsigned k_udf_exists = 1125;

// The stored functions earlier srsim versions installed for murmur_hash3_32 (a data directory
// may still hold them).
const char* const k_legacy_functions[] = {"mmh3_u", "to_int32", "mul32", "rotl32"};

const char* const k_missing_udf =
    "srsim needs its MariaDB UDF library srsim_udf.so in the storage server's plugin directory "
    "(start the server with tests/support/mariadb.sh and SRSIM_UDF=<build>/tests/sim/"
    "srsim_udf.so, as tests/sim/sandbox.sh does; build target srsim_udf): ";

void create_udf(Backend& conn, const char* name) {
  try {
    conn.exec(std::string("CREATE FUNCTION IF NOT EXISTS ") + name +
              " RETURNS INTEGER SONAME 'srsim_udf.so'");
  } catch (const BackendError& e) {
    if (e.code() != k_udf_exists) {
      throw std::runtime_error(k_missing_udf + std::string(e.what()));
    }
  }
}

// StarRocks's documented values (docs sql-functions/hash-functions/xx_hash3_64.md and
// murmur_hash3_32.md).
void check_udfs(Backend& conn) {
  ResultSet rs;
  try {
    rs = conn.query(std::string("SELECT ") + k_xxh3_udf + "('hello'), " + k_murmur_udf +
                    "('hello', 'world')");
  } catch (const BackendError& e) {
    throw std::runtime_error(k_missing_udf + std::string(e.what()));
  }
  bool right = rs.rows.size() == 1 && rs.rows[0].size() == 2 &&
               rs.rows[0][0] == "-7685981735718036227" && rs.rows[0][1] == "984713481";
  if (!right) {
    throw std::runtime_error("srsim_udf.so in the storage server's plugin directory computes "
                             "other values than StarRocks (a stale copy?); restart the server "
                             "with tests/support/mariadb.sh and a fresh SRSIM_UDF");
  }
}

std::uint32_t rotl(std::uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

std::uint32_t murmur_one(const std::string& data, std::uint32_t seed) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  std::uint32_t h = seed;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    std::uint32_t k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) |
                      (static_cast<std::uint32_t>(bytes[i + 3]) << 24);
    k = rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
    h = rotl(h ^ k, 13) * 5 + 0xe6546b64u;
  }
  std::uint32_t k = 0;
  switch (n - i) {
  case 3:
    k ^= bytes[i + 2] << 16;
    [[fallthrough]];
  case 2:
    k ^= bytes[i + 1] << 8;
    [[fallthrough]];
  case 1:
    k ^= bytes[i];
    h ^= rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
  }
  h ^= static_cast<std::uint32_t>(n);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

} // namespace

void install_hash_functions(Backend& conn) {
  for (const char* name : k_legacy_functions) {
    conn.exec(std::string("DROP FUNCTION IF EXISTS `__srsim`.") + name);
  }
  create_udf(conn, k_xxh3_udf);
  create_udf(conn, k_murmur_udf);
  check_udfs(conn);
}

std::int32_t murmur_hash3_32(const std::vector<std::string>& args) {
  std::uint32_t seed = k_murmur_seed;
  for (const std::string& a : args) {
    seed = murmur_one(a, seed);
  }
  return static_cast<std::int32_t>(seed);
}

} // namespace srsim::engine
