#pragma once

// INSERT ... PROPERTIES (..) (v3.4+; the syntax gate refuses the clause before): StarRocks checks
// the keys and values the way it checks a LOAD's properties, then the statement's own values
// replace the session's (`timeout` for insert_timeout, `strict_mode` for enable_insert_strict).

#include "model.hpp"

#include <optional>

namespace srsim::engine {

struct InsertOptions {
  std::optional<long long> timeout_s; // PROPERTIES("timeout")
  std::optional<bool> strict;         // PROPERTIES("strict_mode")
};

// Refuses what StarRocks refuses (unknown keys, bad values) with its analyzer texts.
InsertOptions analyze_insert_properties(const Properties& props);

} // namespace srsim::engine
