#include "modes/content_check.hpp"

#include "exlschema/audit/bisector.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/partition_predicate.hpp"
#include "exlschema/util/errors.hpp"
#include "modes/partition_loads.hpp"

namespace exl::modes {
namespace {

using audit::PartitionState;

bool differs(PartitionState state) {
  return state != PartitionState::Equal && state != PartitionState::EmptyOnBoth;
}

// The partition's rows, with -where when given (the audit counted the same subset).
std::string rows_predicate(const RunContext& ctx, const audit::TableAudit& audit,
                           const audit::PartitionAudit& partition) {
  auto predicate = starrocks::partition_predicate(audit.columns, partition.source->bounds);
  if (!predicate) {
    throw audit::AuditError("partition " + partition.name + ": " + predicate.error().message());
  }
  if (ctx.options.where.empty()) {
    return predicate.value();
  }
  return "(" + predicate.value() + ") AND (" + ctx.options.where + ")";
}

void fill(report::PartitionFinding& finding, const std::vector<starrocks::Column>& keys,
          const audit::BisectResult& result) {
  for (const audit::KeyDifference& key : result.keys) {
    finding.keys.push_back(report::KeyFinding{audit::kind_name(key.kind),
                                              audit::describe_key(keys, key.key), key.source_copies,
                                              key.target_copies});
  }
  for (const audit::RangeDifference& range : result.ranges) {
    finding.ranges.push_back(
        report::RangeFinding{range.description, range.source_rows, range.target_rows});
  }
  finding.complete = result.complete;
  if (!result.complete) {
    finding.note = "bisection stopped at its bounds (-bisect-depth, the query budget): the "
                   "ranges listed still differ";
  }
}

} // namespace

starrocks::RowHash row_hash_for(const RunContext& ctx, const starrocks::TableModel& model) {
  const auto function = starrocks::row_hash_function(ctx.source.version, ctx.target.version);
  auto hash = starrocks::build_row_hash(model.columns, function);
  if (!hash) {
    throw FatalError("cannot compare the content of this table: " + hash.error().found +
                     " has no text form that is the same on both clusters");
  }
  return std::move(hash).value();
}

audit::AuditRequest content_request(RunContext& ctx, const TableJob& job,
                                    const starrocks::TableModel& model, bool count_source,
                                    const std::string& where,
                                    std::optional<starrocks::RowHash>& hash) {
  audit::AuditRequest request = audit_request(ctx, job, model, count_source, where);
  if (ctx.options.checksum) {
    hash = row_hash_for(ctx, model);
    request.checksum = &*hash;
  }
  return request;
}

std::string content_outcome(const audit::TableAudit& audit) {
  bool content = false;
  for (const audit::PartitionAudit& p : audit.partitions) {
    if (p.state == PartitionState::ContentDiffers) {
      content = true;
    } else if (differs(p.state)) {
      return "count differs";
    }
  }
  return content ? "content differs" : "equal";
}

std::vector<report::PartitionFinding> findings_of(const audit::TableAudit& audit) {
  std::vector<report::PartitionFinding> out;
  for (const audit::PartitionAudit& p : audit.partitions) {
    if (!differs(p.state)) {
      continue;
    }
    report::PartitionFinding finding;
    finding.partition = p.name;
    finding.state = audit::state_name(p.state);
    finding.source_rows = p.source_rows;
    finding.target_rows = p.target_rows;
    out.push_back(std::move(finding));
  }
  return out;
}

void bisect_findings(RunContext& ctx, const TableJob& job, const starrocks::TableModel& model,
                     const starrocks::RowHash& hash, const audit::TableAudit& audit,
                     std::vector<report::PartitionFinding>& findings) {
  const auto keys = audit::bisect_keys(model);
  const audit::Bisector bisector(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
  for (report::PartitionFinding& finding : findings) {
    const audit::PartitionAudit* partition = audit.find(finding.partition);
    const bool both = partition != nullptr && partition->source && partition->target &&
                      (partition->state == PartitionState::Differs ||
                       partition->state == PartitionState::ContentDiffers);
    if (!both) {
      continue;
    }
    if (!keys) {
      finding.note = "not bisected: " + keys.error().message();
      continue;
    }
    audit::BisectRequest request;
    request.source = job.source;
    request.target = job.target;
    request.partition = partition->name;
    request.predicate = rows_predicate(ctx, audit, *partition);
    request.keys = keys.value();
    request.hash = hash;
    request.source_rows = partition->source_rows.value_or(0);
    request.target_rows = partition->target_rows.value_or(0);
    request.max_rows = ctx.options.bisect_rows;
    request.max_depth = ctx.options.bisect_depth;
    request.max_queries = 4 * ctx.options.bisect_depth + 2;
    fill(finding, keys.value(), bisector.bisect(request));
  }
}

std::vector<std::string> finding_notes(const std::vector<report::PartitionFinding>& findings,
                                       std::size_t max_keys) {
  std::vector<std::string> out;
  for (const report::PartitionFinding& f : findings) {
    std::string line = f.partition + ": " + f.state;
    if (f.source_rows || f.target_rows) {
      line += " (" + (f.source_rows ? std::to_string(*f.source_rows) : std::string("-")) +
              " source / " + (f.target_rows ? std::to_string(*f.target_rows) : std::string("-")) +
              " target rows)";
    }
    if (!f.keys.empty()) {
      line += "; " + std::to_string(f.keys.size()) + " key(s):";
      for (std::size_t i = 0; i < f.keys.size() && i < max_keys; ++i) {
        line += (i == 0 ? " " : "; ") + f.keys[i].key + " (" + f.keys[i].kind + ")";
      }
      line += f.keys.size() > max_keys ? "; ... (-json lists them all)" : "";
    }
    if (!f.ranges.empty()) {
      line += "; " + std::to_string(f.ranges.size()) + " range(s) still differ";
    }
    if (!f.note.empty()) {
      line += "; " + f.note;
    }
    out.push_back(std::move(line));
  }
  return out;
}

} // namespace exl::modes
