#pragma once

// Rewrites the calls and casts of a query that MariaDB lacks or answers differently from
// StarRocks (docs/srsim-engine.md, "Functions and casts"):
//   xx_hash3_64(a, ..)         -> srsim_xxh3_64(a, ..)   StarRocks 3.2+; older releases answer
//                                                        the analyzer's "No matching function"
//   murmur_hash3_32(a, ..)     -> srsim_mmh3_32(a, ..)   (hash_functions.hpp)
//   sleep(x)                   -> StarRocks's BOOLEAN: 1 when completed, NULL for NULL
//   CAST(x AS VARCHAR[(n)])    -> CAST(x AS CHAR), also STRING
//   CAST(x AS LARGEINT)        -> CAST(x AS DECIMAL(39,0)) (exact, and SUM over it stays exact)
//   CAST(x AS INT)             -> CAST(x AS SIGNED), also TINYINT, SMALLINT, INTEGER, BIGINT
// A rewritten bare select item keeps StarRocks's column header (the call as written).

#include "sim_api.hpp"

#include <string>

namespace srsim::engine {

// Throws EngineError (the analyzer error) for a function `version` does not have.
std::string rewrite_function_calls(const std::string& sql, const Version& version);

} // namespace srsim::engine
