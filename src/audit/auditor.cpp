// The partition auditor. Sends, in this order, through the two readers:
//   source: SHOW PARTITIONS FROM <source table>
//   target: SHOW PARTITIONS FROM <target table>       (not when request.target_exists is false)
//   then at most one count statement per side (one per 1000 counted partitions):
//   source: SELECT exl_partition, COUNT(*) ... CASE WHEN <source partition predicates> ...
//   target: the same over the target table, with the source partitions' predicates and the
//           target-only partitions' own bounds
// A target-only audit counts the target first and then the source only for the partitions the
// target lacks or holds no rows of. Both SHOW PARTITIONS come before any count, so the ids and
// versions a cheap round records are never newer than the rows it counted.
#include "exlschema/audit/auditor.hpp"

#include "audit/exact_integer.hpp"
#include "audit/partition_counter.hpp"
#include "audit/partition_match.hpp"
#include "audit/version_memory.hpp"
#include "exlschema/starrocks/partition_sql.hpp"

#include <stdexcept>
#include <utility>

namespace exl::audit {
namespace {

using starrocks::NamedBounds;
using starrocks::PartitionInfo;

std::vector<PartitionInfo> read_partitions(const SideReader& read, const starrocks::TableRef& table,
                                           const char* side, int& queries) {
  ++queries;
  const db::ResultSet answer = read(starrocks::build_show_partitions(table));
  auto parsed = starrocks::parse_show_partitions(answer.columns, answer.rows);
  if (!parsed) {
    throw AuditError("cannot read SHOW PARTITIONS of the " + std::string(side) + " table " +
                     table.sql() + ": " + parsed.error().message());
  }
  return std::move(parsed).value();
}

PartitionState classify(const PartitionAudit& partition) {
  if (!partition.source) {
    return PartitionState::TargetOnly;
  }
  if (!partition.source_rows) {
    return PartitionState::Equal; // target-only audit: the target holds rows; not compared
  }
  const std::int64_t source = *partition.source_rows;
  if (!partition.target) {
    return source == 0 ? PartitionState::EmptyOnBoth : PartitionState::MissingOnTarget;
  }
  if (source == partition.target_rows.value_or(-1)) {
    if (source == 0) {
      return PartitionState::EmptyOnBoth;
    }
    // Sums of both sides only when both were checksummed (not when remembered as unchanged).
    const bool compared = !partition.source_sums.empty() && !partition.target_sums.empty();
    return compared && partition.source_sums != partition.target_sums
               ? PartitionState::ContentDiffers
               : PartitionState::Equal;
  }
  return PartitionState::Differs;
}

// One audit of one table: the request, the two partition lists and the audit being filled.
class AuditRun {
public:
  AuditRun(const SideReader& source, const SideReader& target, const AuditRequest& request)
      : m_source(source), m_target(target), m_request(request) {}

  TableAudit run(const std::vector<std::string>& names, bool skip_unchanged) {
    list_partitions();
    const std::vector<MatchedPartition> all = match_partitions(m_source_list, m_target_list);
    m_all_count = all.size();
    m_audit.columns = exact_columns();
    const VersionMemory memory(m_request, skip_unchanged);
    start_audits(select_partitions(all, names), memory);
    if (m_request.count_source) {
      count_source([](const PartitionAudit&) { return true; });
      count_target();
    } else {
      count_target();
      count_source([](const PartitionAudit& p) { return p.target_rows.value_or(0) == 0; });
    }
    finish();
    memory.record(m_audit, names.empty());
    return std::move(m_audit);
  }

private:
  void list_partitions() {
    m_source_list = read_partitions(m_source, m_request.source, "source", m_audit.queries_source);
    if (m_request.target_exists) {
      m_target_list = read_partitions(m_target, m_request.target, "target", m_audit.queries_target);
    }
  }

  [[nodiscard]] std::vector<starrocks::PartitionColumn> exact_columns() const {
    auto columns = starrocks::partition_columns(*m_request.model, m_source_list);
    if (!columns) {
      refuse_inexact(columns.error(), "the source's partitions");
    }
    const auto target = starrocks::partition_columns(*m_request.model, m_target_list);
    if (!target) {
      refuse_inexact(target.error(), "the target's partitions");
    }
    return std::move(columns).value();
  }

  void start_audits(const std::vector<MatchedPartition>& selected, const VersionMemory& memory) {
    for (const MatchedPartition& match : selected) {
      PartitionAudit partition;
      partition.name = match.name;
      if (match.source != nullptr) {
        partition.source = *match.source;
      }
      if (match.target != nullptr) {
        partition.target = *match.target;
      }
      if (match.source != nullptr && match.target != nullptr) {
        if (const auto rows = memory.unchanged_rows(*match.source, *match.target)) {
          partition.unchanged = true;
          partition.source_rows = rows;
          partition.target_rows = rows;
        }
      }
      m_audit.partitions.push_back(std::move(partition));
    }
  }

  template <typename Wanted> void count_source(Wanted wanted) {
    std::vector<NamedBounds> bounds;
    std::vector<PartitionAudit*> counted;
    for (PartitionAudit& partition : m_audit.partitions) {
      if (partition.source && !partition.unchanged && wanted(partition)) {
        bounds.push_back({partition.name, partition.source->bounds});
        counted.push_back(&partition);
      }
    }
    const SideCount side{m_source, m_request.source,       m_audit.columns,   m_request.where,
                         "source", m_audit.queries_source, m_request.checksum};
    const auto rows = count_partition_rows(side, bounds, bounds.size() < m_source_list.size());
    for (PartitionAudit* partition : counted) {
      const PartitionTally& tally = rows.at(partition->name);
      partition->source_rows = tally.rows;
      partition->source_sums = sum_texts(tally);
    }
  }

  // The source partitions with their own predicates (a missing one included: rows in its range
  // on the target would mean the target is partitioned differently), the target-only ones with
  // their bounds on the target.
  void count_target() {
    if (!m_request.target_exists) {
      return;
    }
    std::vector<NamedBounds> bounds;
    std::vector<PartitionAudit*> counted;
    for (PartitionAudit& partition : m_audit.partitions) {
      if (!partition.unchanged) {
        const PartitionInfo& own = partition.source ? *partition.source : *partition.target;
        bounds.push_back({partition.name, own.bounds});
        counted.push_back(&partition);
      }
    }
    const SideCount side{m_target, m_request.target,       m_audit.columns,   m_request.where,
                         "target", m_audit.queries_target, m_request.checksum};
    const auto rows = count_partition_rows(side, bounds, bounds.size() < m_all_count);
    for (PartitionAudit* partition : counted) {
      const PartitionTally& tally = rows.at(partition->name);
      partition->target_rows = tally.rows;
      partition->target_sums = sum_texts(tally);
      if (!partition->target && *partition->target_rows > 0) {
        throw AuditError("the target holds " + std::to_string(*partition->target_rows) +
                         " row(s) in the range of source partition " + partition->name +
                         " but has no partition of that name: its partitions are laid out "
                         "differently, and exlSchema matches partitions by name rather than "
                         "guess; recreate the target with the source's structure (-recreate)");
      }
    }
  }

  static std::vector<std::string> sum_texts(const PartitionTally& tally) {
    std::vector<std::string> out;
    for (const __int128 sum : tally.sums) {
      out.push_back(int128_text(sum));
    }
    return out;
  }

  void finish() {
    m_audit.checksummed = m_request.checksum != nullptr;
    for (PartitionAudit& partition : m_audit.partitions) {
      partition.state = classify(partition);
      m_audit.source_rows += partition.source_rows.value_or(0);
      m_audit.target_rows += partition.target_rows.value_or(0);
    }
    if (m_request.count_source && m_audit.count(PartitionState::TargetOnly) > 0) {
      m_audit.recommended_mode = "v4";
    }
  }

  const SideReader& m_source;
  const SideReader& m_target;
  const AuditRequest& m_request;
  std::vector<PartitionInfo> m_source_list;
  std::vector<PartitionInfo> m_target_list;
  std::size_t m_all_count = 0; // partitions on either side, before -p
  TableAudit m_audit;
};

void check_request(const AuditRequest& request) {
  if (request.model == nullptr) {
    throw std::invalid_argument("AuditRequest::model is required");
  }
}

} // namespace

Auditor::Auditor(SideReader source, SideReader target)
    : m_source(std::move(source)), m_target(std::move(target)) {}

TableAudit Auditor::audit(const AuditRequest& request) const {
  check_request(request);
  return AuditRun(m_source, m_target, request).run(request.partitions, true);
}

TableAudit Auditor::reaudit(const AuditRequest& request,
                            const std::vector<std::string>& partitions) const {
  check_request(request);
  if (partitions.empty()) {
    return {};
  }
  return AuditRun(m_source, m_target, request).run(partitions, false);
}

} // namespace exl::audit
