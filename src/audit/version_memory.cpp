#include "audit/version_memory.hpp"

#include "exlschema/state/state_store.hpp"

#include <chrono>
#include <set>

namespace exl::audit {
namespace {

bool counted_equal(const PartitionAudit& partition) {
  return !partition.unchanged && partition.source && partition.target &&
         (partition.state == PartitionState::Equal ||
          partition.state == PartitionState::EmptyOnBoth);
}

// What SHOW PARTITIONS showed of both sides, when it showed ids and versions on both.
std::optional<state::PartitionVersion> seen_equal(const PartitionAudit& partition,
                                                  std::chrono::system_clock::time_point now,
                                                  bool content_checked) {
  const starrocks::PartitionInfo& source = *partition.source;
  const starrocks::PartitionInfo& target = *partition.target;
  if (!source.id || !source.visible_version || !target.id || !target.visible_version ||
      !partition.source_rows) {
    return std::nullopt;
  }
  return state::PartitionVersion{partition.name,
                                 *source.visible_version,
                                 target.visible_version,
                                 *partition.source_rows,
                                 now,
                                 source.id,
                                 target.id,
                                 content_checked};
}

} // namespace

VersionMemory::VersionMemory(const AuditRequest& request, bool skip)
    : m_request(request),
      m_enabled(request.store != nullptr && request.count_source && request.where.empty()) {
  if (!m_enabled || !skip) {
    return;
  }
  for (state::PartitionVersion& version : request.store->partition_versions(request.copy)) {
    std::string name = version.partition;
    m_remembered.emplace(std::move(name), std::move(version));
  }
}

std::optional<std::int64_t>
VersionMemory::unchanged_rows(const starrocks::PartitionInfo& source,
                              const starrocks::PartitionInfo& target) const {
  const auto found = m_remembered.find(source.name);
  if (found == m_remembered.end()) {
    return std::nullopt;
  }
  const state::PartitionVersion& seen = found->second;
  if (m_request.checksum != nullptr && !seen.content_checked) {
    return std::nullopt; // found equal by counts only: a checksum audit looks at its content
  }
  const bool same = source.id && seen.source_id == source.id && source.visible_version &&
                    seen.source_version == *source.visible_version && target.id &&
                    seen.target_id == target.id && target.visible_version &&
                    seen.target_version == target.visible_version;
  return same ? std::optional(seen.row_count) : std::nullopt;
}

void VersionMemory::record(const TableAudit& audit, bool whole_table) const {
  if (!m_enabled) {
    return;
  }
  const auto now = std::chrono::system_clock::now();
  std::vector<state::PartitionVersion> equal;
  std::vector<std::string> forget;
  std::set<std::string> on_source;
  for (const PartitionAudit& partition : audit.partitions) {
    if (partition.source) {
      on_source.insert(partition.name);
    }
    if (partition.unchanged || !partition.source) {
      continue;
    }
    const auto seen = counted_equal(partition)
                          ? seen_equal(partition, now, m_request.checksum != nullptr)
                          : std::nullopt;
    if (seen) {
      equal.push_back(*seen);
    } else {
      forget.push_back(partition.name);
    }
  }
  if (whole_table) {
    for (const auto& [name, version] : m_remembered) {
      if (!on_source.contains(name)) {
        forget.push_back(name);
      }
    }
  }
  m_request.store->record_partition_versions(m_request.copy, equal, forget);
}

} // namespace exl::audit
