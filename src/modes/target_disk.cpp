#include "exlschema/modes/target_disk.hpp"

#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/util/log.hpp"

namespace exl::modes {

DiskReader target_disk_reader(Gate& gate, const ClusterFacts& target) {
  if (target.shared_data) {
    util::log().info("throttle: {} is shared-data; its disk usage is not watched (only "
                     "-pause-file and -panic-file apply)",
                     target.alias);
    return {};
  }
  return [&gate]() -> std::optional<DiskUsage> {
    const db::ResultSet rs = gate.read(Side::Target, starrocks::build_show_backends());
    const auto nodes = starrocks::parse_nodes(starrocks::NodeKind::Backend, rs.columns, rs.rows);
    const starrocks::NodeInfo* fullest = starrocks::fullest_backend(nodes);
    if (fullest == nullptr) {
      return std::nullopt;
    }
    return DiskUsage{*fullest->max_disk_used_pct, fullest->host + ":" + fullest->port};
  };
}

} // namespace exl::modes
