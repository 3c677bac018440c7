#pragma once

#include <optional>
#include <string>
#include <string_view>

// The exact integers the clusters return for content checksums (SUM of LARGEINT: 128 bits; under
// srsim MariaDB's DECIMAL(39,0)): read and printed without going through a 64-bit type. Used by
// the auditor's checksum sums and the bisector's range sums and row hashes.
namespace exl::audit {

// [-|+]digits within -2^127 .. 2^127-1; nullopt for anything else (empty, fraction, exponent,
// spaces, out of range).
std::optional<__int128> parse_int128(std::string_view text);

// Decimal text, '-' for negatives, no leading zeros.
std::string int128_text(__int128 value);

} // namespace exl::audit
