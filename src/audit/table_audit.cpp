#include "exlschema/audit/table_audit.hpp"

#include "audit/partition_match.hpp"

#include <algorithm>

namespace exl::audit {

const char* state_name(PartitionState state) {
  switch (state) {
  case PartitionState::Equal:
    return "equal";
  case PartitionState::Differs:
    return "count differs";
  case PartitionState::ContentDiffers:
    return "content differs";
  case PartitionState::MissingOnTarget:
    return "missing on target";
  case PartitionState::TargetOnly:
    return "target only";
  case PartitionState::EmptyOnBoth:
    return "empty on both";
  }
  return "unknown";
}

bool TableAudit::equal() const {
  return std::all_of(partitions.begin(), partitions.end(), [](const PartitionAudit& p) {
    return p.state == PartitionState::Equal || p.state == PartitionState::EmptyOnBoth;
  });
}

const PartitionAudit* TableAudit::find(std::string_view name) const {
  const std::string key = name_key(name);
  const auto found = std::find_if(partitions.begin(), partitions.end(),
                                  [&](const PartitionAudit& p) { return name_key(p.name) == key; });
  return found == partitions.end() ? nullptr : &*found;
}

int TableAudit::count(PartitionState state) const {
  return static_cast<int>(
      std::count_if(partitions.begin(), partitions.end(),
                    [state](const PartitionAudit& p) { return p.state == state; }));
}

} // namespace exl::audit
