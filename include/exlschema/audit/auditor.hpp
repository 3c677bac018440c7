#pragma once

#include "exlschema/audit/table_audit.hpp"
#include "exlschema/db/result_set.hpp"
#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"
#include "exlschema/state/partition_version.hpp"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace exl::state {
class StateStore;
}

// The partition auditor (PRODUCT.md §5, issue #10): per partition, the row counts of the source
// and the target table, each counted natively on its own cluster with one statement per table
// per side, whatever the partition count. The SQL comes from src/starrocks (SHOW PARTITIONS,
// build_partition_count_queries); SHOW PARTITIONS' RowCount is never used (it lags loads), and
// partition metadata only ever spares a count (cheap rounds), never decides that two partitions
// hold the same rows. docs/audit.md.
namespace exl::audit {

// Sends one read to one cluster and returns its rows; the caller binds it to its connection
// (the modes: Gate::read(Side::Source / Side::Target, sql)). Called from the auditing thread; it
// must be safe to call from several threads at once when several tables are audited at once.
using SideReader = std::function<db::ResultSet(const std::string& sql)>;

// The table cannot be audited exactly (a partition predicate exlSchema cannot make exact, sides
// partitioned differently, a partition name with other bounds on the target, ...): the message
// says why, and, where one exists, which mode copies the table anyway.
class AuditError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

struct AuditRequest {
  starrocks::TableRef source; // read on the source cluster
  starrocks::TableRef target; // read on the target cluster (the same name unless renamed)
  const starrocks::TableModel* model = nullptr; // the source's table (partitioning, columns)
  // false: the target table does not exist yet (the plan of a first copy). Nothing is sent to
  // the target; every source partition is MissingOnTarget (or EmptyOnBoth), target rows unknown.
  bool target_exists = true;
  // false: a target-only audit (v4/v5). The target is counted; the source is listed (SHOW
  // PARTITIONS) and counted only for the partitions the target lacks or holds no rows of, so
  // that a partition empty on both sides is told from one to load. A partition the target holds
  // rows of is Equal without comparing counts: v4/v5 never touch it.
  bool count_source = true;
  // `-p`: only these partitions (names as StarRocks compares them: case-insensitively); a name
  // on neither side is an AuditError. Empty: every partition.
  std::vector<std::string> partitions;
  // `-where`: one expression ANDed into both count statements. Its counts are of a subset of
  // each partition, so no partition versions are recorded or used with it.
  std::string where;
  // Cheap rounds: partitions whose id and version have not moved on either side since the store
  // last saw them equal are not counted. Null: everything is counted, nothing recorded.
  state::StateStore* store = nullptr;
  state::TableCopy copy; // the table's key in the store
  // A content audit (issue #11, docs/verify.md): the same one statement per side also sums this
  // row hash per partition, and two partitions are equal only when their counts and sums are.
  // Cheap rounds then skip only partitions a checksum audit found equal. Null: counts only.
  const starrocks::RowHash* checksum = nullptr;
};

class Auditor {
public:
  Auditor(SideReader source, SideReader target);

  // SHOW PARTITIONS on each side, then at most one count statement per side (per 1000 counted
  // partitions). Records the partitions counted equal in `request.store` and forgets the others.
  // Throws AuditError when the table cannot be audited exactly, and whatever a reader throws.
  // Thread-safe: const, and the only shared state is the readers and the store.
  TableAudit audit(const AuditRequest& request) const;

  // After a mode rewrote `partitions`: SHOW PARTITIONS again (new ids and versions), count just
  // those partitions on each side (never skipped as unchanged) and record them in the store.
  // `request.partitions` is ignored; an empty `partitions` sends nothing.
  TableAudit reaudit(const AuditRequest& request, const std::vector<std::string>& partitions) const;

private:
  SideReader m_source;
  SideReader m_target;
};

} // namespace exl::audit
