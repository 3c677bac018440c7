#pragma once

#include "exlschema/modes/cluster_facts.hpp"
#include "exlschema/modes/gate.hpp"
#include "exlschema/modes/throttle.hpp"

// The throttle's disk reader for a run: the fullest data disk of the target's backends, from
// `SHOW BACKENDS` (column MaxDiskUsedPct, `44.72 %`; starrocks::build_show_backends and
// starrocks::parse_nodes), read through the run's gate on the target side.
namespace exl::modes {

// A reader that sends SHOW BACKENDS through `gate` each time it is called. It throws what the
// read throws (SHOW BACKENDS needs the SYSTEM-level OPERATE or NODE privilege; the throttle logs
// the failure once and goes on). On a shared-data `target` it is empty (nothing to watch: the
// data lives in object storage and the compute nodes' disks are caches), which the throttle takes
// as "disk not watched". `gate` must outlive the reader.
DiskReader target_disk_reader(Gate& gate, const ClusterFacts& target);

} // namespace exl::modes
