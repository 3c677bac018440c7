#pragma once

#include "exlschema/audit/auditor.hpp"
#include "exlschema/db/result_set.hpp"
#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/result.hpp"
#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"

#include <cstdint>
#include <string>
#include <vector>

// Bisection of one partition whose content checksums differ (issue #11): the partition is cut on
// its key columns into `ways` ranges, every range is checksummed on both sides (one statement per
// side per level, covering every range examined at that level), the ranges that differ are cut
// again until they hold at most `max_rows` rows on both sides, and then their rows' keys and
// hashes are fetched from both sides and compared. Every statement comes from
// starrocks/bisect_sql.hpp and runs natively on its cluster through a SideReader. docs/audit.md.
namespace exl::audit {

struct BisectRequest {
  starrocks::TableRef source; // read on the source cluster
  starrocks::TableRef target; // read on the target cluster
  std::string partition;      // its name, for messages
  // The partition's exact predicate ("TRUE" when unpartitioned), already ANDed with -where.
  std::string predicate;
  std::vector<starrocks::Column> keys; // the columns to cut on and report (bisect_keys)
  starrocks::RowHash hash;             // the auditor's row hash (build_row_hash)
  std::int64_t source_rows = 0;        // the partition's counts, from the audit
  std::int64_t target_rows = 0;
  int ways = 16;        // ranges per cut (at least 2)
  int max_rows = 1000;  // -bisect-rows: a range this small on both sides has its rows fetched
  int max_depth = 6;    // -bisect-depth: cuts at most
  int max_queries = 26; // statements per side at most (4 * max_depth + 2 lets every level run)
  // Differing ranges followed at once at most: when more differ, the differences are spread
  // over the partition and the ranges themselves are the answer (this also bounds the size of
  // the statements, which name every range followed).
  int max_ranges = 32;
};

struct KeyDifference {
  enum class Kind { OnlyOnSource, OnlyOnTarget, ContentDiffers };
  Kind kind = Kind::ContentDiffers;
  std::vector<db::Value> key; // one value per key column, as the server printed it
  // Rows of that key on each side. ContentDiffers: the same number with different content, or a
  // different number (a row duplicated on one side).
  int source_copies = 0;
  int target_copies = 0;
};

// A range that still differs but was not narrowed down to keys.
struct RangeDifference {
  std::string description; // for people: "`id` > 100 AND `id` <= 200"
  std::string predicate;   // exact, within the partition ("" for the whole partition)
  std::string reason;      // why it stopped: the depth limit, the query budget, one key
  std::int64_t source_rows = 0;
  std::int64_t target_rows = 0;
};

struct BisectResult {
  std::vector<KeyDifference> keys;     // in key order
  std::vector<RangeDifference> ranges; // level by level, in key order within a level
  // Every difference is narrowed to keys (no ranges). A bisection that finds nothing (the data
  // moved since the audit) is complete with no keys.
  bool complete = true;
  int queries_source = 0; // statements sent to each side
  int queries_target = 0;
  int depth = 0; // cuts made
};

// "only on source", "only on target", "content differs".
const char* kind_name(KeyDifference::Kind kind);

// "`id` = 5 AND `city` IS NULL": a key for people.
std::string describe_key(const std::vector<starrocks::Column>& keys,
                         const std::vector<db::Value>& key);

// The columns to cut on and report: the model's key columns without the partition columns (which
// are constant inside a daily partition); all key columns when nothing else is left; the ORDER BY
// columns when the model has no key columns. An error says why there are none (no key and no
// ORDER BY, a key column not in the model, a type without comparable literals).
starrocks::Result<std::vector<starrocks::Column>> bisect_keys(const starrocks::TableModel& model);

class Bisector {
public:
  Bisector(SideReader source, SideReader target);

  // Finds the rows that differ in `request`'s partition within its bounds. Throws AuditError when
  // the request cannot be bisected (no keys, no hash, ways < 2) or an answer is not the shape of
  // its statement, and whatever a reader throws. Thread-safe: const, nothing shared is mutable.
  BisectResult bisect(const BisectRequest& request) const;

private:
  SideReader m_source;
  SideReader m_target;
};

} // namespace exl::audit
