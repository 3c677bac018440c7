#pragma once

#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// SHOW PARTITIONS rows (reference §2) parsed into partitions. The caller passes the result set's
// column names and each row's values as text (SQL NULL = nullopt); columns are found by name, so
// the shared-nothing list, the shared-data list and information_schema.partitions_meta all work.
namespace exl::starrocks {

struct PartitionInfo {
  std::string name;
  std::optional<std::int64_t> id;
  std::vector<std::string> key_columns; // PartitionKey split on ", "
  PartitionBounds bounds;               // Range / List cell; Kind::None for unpartitioned tables
  std::optional<std::int64_t> visible_version;
  std::optional<std::int64_t> buckets;
  std::optional<std::int64_t> replication_num; // absent on shared-data tables
  std::optional<std::uint64_t> data_size_bytes;
  std::optional<std::int64_t> row_count;
  bool operator==(const PartitionInfo&) const = default;
};

using ResultRow = std::vector<std::optional<std::string>>;

// One row of SHOW PARTITIONS (or partitions_meta) given the result's `column_names`.
Result<PartitionInfo> parse_partition_row(const std::vector<std::string>& column_names,
                                          const ResultRow& row);

// Every row; the first bad row's error names the row index in `expected`.
Result<std::vector<PartitionInfo>>
parse_show_partitions(const std::vector<std::string>& column_names,
                      const std::vector<ResultRow>& rows);

// The Range cell: `[types: [DATE]; keys: [2019-01-01]; ..types: [DATE]; keys: [2020-01-01]; )`,
// with `..` or U+2025 `‥` between the bounds. Keys print unquoted, so a multi-column key whose
// string value itself contains ", " is ambiguous and refused.
Result<PartitionBounds> parse_range_cell(std::string_view cell);

// The List cell: `('a', 'b')` (one column) or `(('2022-04-01', 'Houston'), ...)` (several).
Result<PartitionBounds> parse_list_cell(std::string_view cell);

// Human size text to bytes: `0B`, `2.5KB`, `4KB`, `1.400 KB`, `900.000 B`, `10.000MB`, `1 TB`;
// units are powers of 1024 (ByteSizeValue). Plain digits are bytes.
Result<std::uint64_t> parse_data_size(std::string_view text);

} // namespace exl::starrocks
