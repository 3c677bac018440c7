#include "modes/meta_watch.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/target_inventory.hpp"
#include "modes/partition_loads.hpp"

#include <fmt/format.h>

#include <set>

namespace exl::modes {
namespace {

// Partitions on both sides whose VisibleVersion differs: the tool has not replicated their last
// load yet (or the target received a load of its own).
int version_lag(const audit::TableAudit& audit) {
  int n = 0;
  for (const audit::PartitionAudit& p : audit.partitions) {
    if (p.source && p.target && p.source->visible_version && p.target->visible_version &&
        *p.source->visible_version != *p.target->visible_version) {
      ++n;
    }
  }
  return n;
}

MetaTableState audit_one(RunContext& ctx, const TablePlan& plan, const TargetInventory& inventory) {
  MetaTableState state;
  const TableJob& job = plan.job;
  if (!inventory.object_type(job.target.database, job.target.table)) {
    state.lag = "not on the target yet";
    return state;
  }
  try {
    const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
    const audit::TableAudit a = auditor.audit(audit_request(ctx, job, *plan.source_table, true));
    state.source_rows = a.source_rows;
    state.target_rows = a.target_rows;
    state.partitions = static_cast<int>(a.partitions.size());
    state.equal_partitions =
        a.count(audit::PartitionState::Equal) + a.count(audit::PartitionState::EmptyOnBoth);
    const int versions = version_lag(a);
    state.done = a.equal() && versions == 0;
    if (state.done) {
      state.lag =
          fmt::format("in sync ({} partition(s), {} rows)", state.partitions, a.source_rows);
    } else {
      state.lag = fmt::format("behind: {} of {} partition(s) differ (source {} rows, target {})",
                              state.partitions - state.equal_partitions, state.partitions,
                              a.source_rows, a.target_rows);
      if (versions > 0) {
        state.lag += fmt::format(", {} partition(s) not yet at the source's version", versions);
      }
    }
  } catch (const audit::AuditError& e) {
    state.lag = std::string("cannot be audited yet: ") + e.what();
  }
  return state;
}

} // namespace

std::map<std::string, MetaTableState> audit_meta_tables(RunContext& ctx,
                                                        const std::vector<TablePlan>& plans) {
  std::set<std::string> databases;
  for (const TablePlan& plan : plans) {
    databases.insert(plan.job.target.database);
  }
  TargetInventory inventory;
  inventory.load(ctx.gate, databases);
  std::map<std::string, MetaTableState> out;
  for (const TablePlan& plan : plans) {
    if (plan.refused || !plan.source_table || plan.job.kind != ObjectKind::Table) {
      continue;
    }
    out[plan.job.name()] = audit_one(ctx, plan, inventory);
  }
  return out;
}

std::optional<std::string> ScsProgressTracker::read(const std::string& line, bool& moved) {
  if (const auto j = scs::parse_job_progress(line)) {
    if (jobs) {
      moved = moved || j->finished > jobs->finished;
      const bool rose = j->failed > jobs->failed && j->finished <= jobs->finished;
      failed_rises = rose ? failed_rises + 1 : 0;
    }
    jobs = j;
    return scs::describe(*j);
  }
  if (const auto t = scs::parse_table_progress(line)) {
    moved = moved || (tables && t->finished > tables->finished);
    tables = t;
    return scs::describe(*t);
  }
  return std::nullopt;
}

} // namespace exl::modes
