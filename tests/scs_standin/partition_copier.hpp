#pragma once

// The stand-in for one partition's replication. The real tool asks the target FE to start a
// replication job (PRs #35042 / #38330): the target BEs pull the partition's tablets from the
// source BEs and the partition becomes visible at the SOURCE's version. Over SQL the stand-in
// does the equivalent: it reads the partition's rows from the source (SELECT ... PARTITION (p)),
// replaces the target partition's rows with them (INSERT OVERWRITE ... PARTITION (p), more
// INSERTs for further batches; TRUNCATE for an empty partition) and then sets the target
// partition's version with srsim's `ADMIN SET SIM PARTITION VERSION` (docs/srsim.md), which only
// srsim understands.

#include "cluster_link.hpp"

#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace scs_standin {

struct PartitionCopy {
  std::string db;
  std::string table;
  std::string partition;
  std::int64_t source_version = 0;  // read BEFORE the rows (see copy())
  bool unpartitioned = false;       // the table's one partition, named like the table
  bool target_has_partition = true; // false: an automatic partition the first INSERT creates
};

// Thrown when SIGTERM arrived while rows were being copied.
class StopRequested : public std::runtime_error {
public:
  StopRequested() : std::runtime_error("stop requested") {}
};

class PartitionCopier {
public:
  PartitionCopier(ClusterLink& source, ClusterLink& target, const std::atomic<bool>& stop);

  // Copies the rows and sets the version; returns the number of rows. Throws
  // exl::db::SqlError (the job fails), StopRequested.
  std::uint64_t copy(const PartitionCopy& job);

private:
  std::map<std::string, std::string> column_types(const PartitionCopy& job);
  void flush(const PartitionCopy& job, const std::string& columns, const std::string& values,
             bool first);

  ClusterLink& m_source;
  ClusterLink& m_target;
  const std::atomic<bool>& m_stop;
};

} // namespace scs_standin
