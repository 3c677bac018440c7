// ADMIN SET SIM PARTITION VERSION (docs/srsim.md): srsim's stand-in for the target FE's
// replication job. StarRocks's cross-cluster replication (PRs #35042 / #38330, used by
// starrocks-cluster-sync) copies a partition's tablets from the source BEs and then makes the
// target partition visible at the SOURCE's version, so SHOW PARTITIONS' VisibleVersion is equal
// on both sides afterwards. Nothing in StarRocks's SQL sets a version, so a tool imitating that
// job over SQL (tests/scs_standin) copies the rows and then sends this control statement. Later
// loads bump the version by 1 as usual (bump_versions).

#include "errors.hpp"
#include "handlers.hpp"

namespace srsim::engine {

Reply set_partition_version(Ctx& ctx, const std::string& db, const std::string& table,
                            const std::string& partition, std::int64_t version) {
  if (version < 1) {
    fail_analyzing("a partition's visible version is at least 1");
  }
  TableModel model = load_table(ctx, db, table); // unknown db / table: StarRocks's errors
  bool found = false;
  for (const PartitionDef& p : model.partition.partitions) {
    found = found || p.name == partition;
  }
  if (!found) {
    // The text of an INSERT naming a missing partition (load_job.cpp).
    fail_analyzing("Unknown partition '" + partition + "' in table '" + model.name + "'");
  }
  ctx.conn.exec("UPDATE `__srsim`.partition_state SET version = " + std::to_string(version) +
                ", version_time = UNIX_TIMESTAMP() WHERE db = " + quote_literal(db) +
                " AND tbl = " + quote_literal(table) + " AND name = " + quote_literal(partition));
  return OkReply{};
}

} // namespace srsim::engine
