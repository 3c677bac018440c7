#pragma once

#include "exlschema/audit/bisector.hpp"
#include "exlschema/db/result_set.hpp"
#include "exlschema/starrocks/bisect_sql.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Reading the answers of the bisection statements (starrocks/bisect_sql.hpp): bounds per range,
// count and checksum sums per range, and the rows of the small ranges compared key by key. A
// malformed answer is an AuditError naming the side.
namespace exl::audit {

// Count and checksum sums of one range on one side. The sums are exact integers that may exceed
// 64 bits (LARGEINT), kept as normalised decimal text.
struct RangeSum {
  std::int64_t rows = 0;
  std::vector<std::string> sums;
  bool operator==(const RangeSum&) const = default;
};

// An integer printed by the server ("-0012" and "+5" too) as canonical decimal text; nullopt if
// it is not an integer of at most 128 bits.
std::optional<std::string> normalised_integer(std::string_view text);

// The bounds of each of `ranges` parents from a build_bisect_bounds answer with `keys` key
// columns: tuples with a NULL part dropped, equal neighbours merged, at most `most` kept.
std::vector<std::vector<starrocks::KeyTuple>> read_bounds(const db::ResultSet& answer,
                                                          std::size_t keys, std::size_t ranges,
                                                          std::size_t most, std::string_view side);

// Count and sums per range number from a build_bisect_checksums answer with `sums` checksum
// columns; ranges without rows are absent.
std::map<std::int64_t, RangeSum> read_checksums(const db::ResultSet& answer, std::size_t sums,
                                                std::string_view side);

// The keys whose rows differ between two build_bisect_rows answers over the same ranges: each
// key's multiset of row hashes compared. In key order (`keys` gives the types to order by).
std::vector<KeyDifference> compare_rows(const db::ResultSet& source, const db::ResultSet& target,
                                        const std::vector<starrocks::Column>& keys,
                                        std::size_t hashes);

// Orders key tuples: NULL first, numbers as numbers, other text bytewise.
bool key_less(const std::vector<starrocks::Column>& keys, const std::vector<db::Value>& a,
              const std::vector<db::Value>& b);

} // namespace exl::audit
