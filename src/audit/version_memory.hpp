#pragma once

#include "exlschema/audit/auditor.hpp"
#include "exlschema/state/partition_version.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

// Cheap rounds (issue #10): what the state store remembers of each partition from the last time
// both sides were counted equal, and recording this audit's outcome for the next one.
namespace exl::audit {

class VersionMemory {
public:
  // Reads the store's records of `request.copy` when `skip` and the request may use them: a
  // store, both sides counted, no -where (a filtered count says nothing about whole partitions).
  // `record`: whether record() writes (the same conditions).
  VersionMemory(const AuditRequest& request, bool skip);

  // The rows remembered for a partition when PartitionId and VisibleVersion of both `source` and
  // `target` are those recorded when the two were last counted equal; nullopt: count it. A load
  // adds a version; an INSERT OVERWRITE or a TRUNCATE swaps in a new partition (new id, version
  // back to 1 or 2), so both are compared, on both sides.
  std::optional<std::int64_t> unchanged_rows(const starrocks::PartitionInfo& source,
                                             const starrocks::PartitionInfo& target) const;

  // Records `audit`'s partitions that were counted equal (with the ids and versions SHOW
  // PARTITIONS gave before the count, so a load during the audit only makes the next round count
  // again) and forgets those counted different. `whole_table`: every source partition was looked
  // at, so the records read at construction of partitions the source no longer has (dropped,
  // e.g. by dynamic partitioning) are forgotten too.
  void record(const TableAudit& audit, bool whole_table) const;

private:
  const AuditRequest& m_request;
  bool m_enabled = false;
  std::map<std::string, state::PartitionVersion> m_remembered; // by source partition name
};

} // namespace exl::audit
