#pragma once

#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/version.hpp"

#include <string>
#include <string_view>
#include <vector>

// Content checksums (issue #11, docs/verify.md): one hash per row over every column in a
// canonical text form, summed per group (partition, key range) natively on each cluster. The
// auditor adds these sums to its count statement; the bisector uses them per key range.
namespace exl::starrocks {

// xx_hash3_64 when both releases have it (Feature::XxHash3_64), murmur_hash3_32 otherwise. Both
// sides must use the same function, so the older release decides.
enum class RowHashFunction { XxHash3_64, MurmurHash3_32 };

RowHashFunction row_hash_function(const Version& source, const Version& target);
const char* row_hash_name(RowHashFunction function); // "xx_hash3_64", "murmur_hash3_32"

// The per-row hash of a table: `expressions` are the row's hash values (BIGINT or INT, never
// NULL), each summed as LARGEINT into one checksum column. xx_hash3_64 gives one 64-bit hash;
// murmur_hash3_32 gives two 32-bit hashes of the same arguments with different seed chains
// (the second starts with the constant argument 'exl'), 64 bits in all.
struct RowHash {
  RowHashFunction function = RowHashFunction::XxHash3_64;
  std::vector<std::string> columns;     // the hashed columns, in hashing order (by name)
  std::vector<std::string> expressions; // one hash expression per checksum column
};

// The canonical text of one column's value, never NULL: 'n' for NULL, 'v' + the value's text
// otherwise, so NULL, '' and 'NULL' differ. The text is the same on every release for the same
// value: strings as stored, DATETIME through date_format(.., '%Y-%m-%d %H:%i:%s.%f') (always
// six fraction digits), BOOLEAN as 0/1, VARBINARY as hex, numbers, DECIMAL (with its scale), DATE
// and JSON through CAST(.. AS VARCHAR). Types without a canonical text (HLL, BITMAP, PERCENTILE,
// ARRAY, MAP, STRUCT, ...) are refused, naming the column.
Result<std::string> canonical_value(const Column& column);

// The row hash over `columns` ordered by lower-case name (so a target whose columns are in
// another order hashes the same text). Refused as canonical_value refuses; an empty column list
// is refused too.
Result<RowHash> build_row_hash(const std::vector<Column>& columns, RowHashFunction function);

// "<expr 1> AS exl_h1[, <expr 2> AS exl_h2]": the row hash columns of an inner SELECT.
std::string row_hash_select(const RowHash& hash);

// ", SUM(CAST(exl_h1 AS LARGEINT)) AS exl_sum1[, ...]": the checksum columns of the outer
// SELECT over rows that carry row_hash_select. LARGEINT (128 bits) cannot overflow below 2^64
// rows; a sum, unlike XOR, does not cancel out duplicated rows.
std::string checksum_aggregates(const RowHash& hash);

// The names of the checksum columns: exl_sum1[, exl_sum2].
std::vector<std::string> checksum_columns(const RowHash& hash);

} // namespace exl::starrocks
