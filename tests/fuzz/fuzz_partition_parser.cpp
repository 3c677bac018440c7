// libFuzzer target for the SHOW PARTITIONS parsers. The first byte picks what the rest is:
// 'r' a Range cell, 'l' a List cell, 's' a size text, anything else one SHOW PARTITIONS row with
// tab-separated values (`\N` = SQL NULL).
#include "exlschema/starrocks/partition_info.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace exl::starrocks;

namespace {

const std::vector<std::string> k_columns = {"PartitionId",
                                            "PartitionName",
                                            "VisibleVersion",
                                            "VisibleVersionTime",
                                            "VisibleVersionHash",
                                            "State",
                                            "PartitionKey",
                                            "Range",
                                            "DistributionKey",
                                            "Buckets",
                                            "ReplicationNum",
                                            "StorageMedium",
                                            "CooldownTime",
                                            "LastConsistencyCheckTime",
                                            "DataSize",
                                            "IsInMemory",
                                            "RowCount"};

ResultRow split_row(std::string_view text) {
  ResultRow row;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = text.find('\t', start);
    std::string_view cell = text.substr(start, tab == std::string_view::npos ? tab : tab - start);
    row.push_back(cell == "\\N" ? std::nullopt : std::optional<std::string>(cell));
    if (tab == std::string_view::npos) {
      return row;
    }
    start = tab + 1;
  }
}

// Bounds that parsed must also produce a predicate without trouble.
void use(const Result<PartitionBounds>& bounds) {
  if (bounds.ok()) {
    std::vector<PartitionColumn> columns;
    std::size_t width = bounds->kind == PartitionBounds::Kind::Range ? bounds->lower.size() : 1;
    for (std::size_t i = 0; i < width; ++i) {
      columns.push_back({"c" + std::to_string(i), std::nullopt, true});
    }
    (void)partition_predicate(columns, bounds.value()).ok();
  } else {
    (void)bounds.error().message();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0]) {
  case 'r':
    use(parse_range_cell(text));
    break;
  case 'l':
    use(parse_list_cell(text));
    break;
  case 's':
    (void)parse_data_size(text).ok();
    break;
  default: {
    Result<PartitionInfo> info = parse_partition_row(k_columns, split_row(text));
    if (info.ok()) {
      use(info->bounds);
    }
  }
  }
  return 0;
}
