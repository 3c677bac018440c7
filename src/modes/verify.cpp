#include "modes/verify.hpp"

#include "exlschema/audit/auditor.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/modes/structure.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "modes/content_check.hpp"
#include "modes/partition_loads.hpp"

#include <map>
#include <mutex>

namespace exl::modes {
namespace {

// What one table's comparison found; planned in parallel, reported by verify_table.
struct Verdict {
  std::string outcome; // equal, count differs, content differs, missing on target, ...
  std::string error;   // why it is not equal, one line
  std::optional<std::int64_t> source_rows;
  std::optional<std::int64_t> target_rows;
  int audited = 0;
  std::vector<report::PartitionFinding> findings;
};

// Columns by name (case-insensitive, as StarRocks compares them, TableModel::find_column): what
// only one side has. Their order may differ: the row hash takes them by name.
std::string column_difference(const starrocks::TableModel& source,
                              const starrocks::TableModel& target) {
  std::string out;
  const auto only_on = [&out](const starrocks::TableModel& one, const starrocks::TableModel& other,
                              const char* side) {
    for (const auto& c : one.columns) {
      if (other.find_column(c.name) == nullptr) {
        out += (out.empty() ? "`" : ", `") + c.name + "` only on " + side;
      }
    }
  };
  only_on(source, target, "source");
  only_on(target, source, "target");
  return out;
}

starrocks::TableModel table_model(RunContext& ctx, Side side, const starrocks::TableRef& ref) {
  starrocks::AnyModel model = read_object_model(ctx, side, ref);
  if (!std::holds_alternative<starrocks::TableModel>(model)) {
    throw FatalError(ref.database + "." + ref.table + " is not a table on the " + side_name(side));
  }
  return std::get<starrocks::TableModel>(std::move(model));
}

class VerifyMode : public Mode {
public:
  const ModeInfo& info() const override { return verify_mode_info(); }

  TablePlan plan_table(RunContext& ctx, const TableJob& job) override {
    TablePlan plan;
    plan.job = job;
    if (job.kind != ObjectKind::Table) {
      plan.outcome = "skipped";
      plan.summary = std::string(kind_name(job.kind)) + ": holds no rows of its own; not compared";
      return plan;
    }
    Verdict verdict = compare(ctx, job);
    plan.outcome = verdict.outcome;
    plan.summary = verdict.outcome;
    const std::lock_guard lock(m_mutex);
    m_verdicts[job.name()] = std::move(verdict);
    return plan;
  }

  void verify_table(RunContext&, const TablePlan& plan, report::TableReport& r) override {
    const std::lock_guard lock(m_mutex);
    const auto found = m_verdicts.find(plan.job.name());
    if (found == m_verdicts.end()) {
      r.outcome = plan.outcome;
      return;
    }
    const Verdict& v = found->second;
    r.outcome = v.outcome;
    r.source_rows = v.source_rows;
    r.target_rows = v.target_rows;
    r.partitions_audited = v.audited;
    r.differences = v.findings;
    for (std::string& note : finding_notes(v.findings)) {
      r.notes.push_back(std::move(note));
    }
    if (v.outcome != "equal") {
      r.status = runner::TaskStatus::Inconsistent;
      r.error = v.error;
    }
  }

private:
  static Verdict compare(RunContext& ctx, const TableJob& job) {
    Verdict verdict;
    const starrocks::TableModel source = table_model(ctx, Side::Source, job.source);
    if (!ctx.target_objects.object_type(job.target.database, job.target.table)) {
      verdict.outcome = "missing on target";
      verdict.error = "the target has no table " + job.target.database + "." + job.target.table;
      return verdict;
    }
    const starrocks::TableModel target = table_model(ctx, Side::Target, job.target);
    if (const std::string columns = column_difference(source, target); !columns.empty()) {
      verdict.outcome = "structure differs";
      verdict.error = "the two tables have different columns (" + columns + ")";
      return verdict;
    }
    const starrocks::RowHash hash = row_hash_for(ctx, source);
    audit::AuditRequest request = audit_request(ctx, job, source, true, ctx.options.where);
    request.store = nullptr; // a verification counts everything; it skips nothing as unchanged
    request.checksum = &hash;
    const audit::Auditor auditor(side_reader(ctx, Side::Source), side_reader(ctx, Side::Target));
    const audit::TableAudit audit = auditor.audit(request);
    verdict.outcome = content_outcome(audit);
    verdict.source_rows = audit.source_rows;
    verdict.target_rows = audit.target_rows;
    verdict.audited = static_cast<int>(audit.partitions.size());
    verdict.findings = findings_of(audit);
    bisect_findings(ctx, job, source, hash, audit, verdict.findings);
    if (!verdict.findings.empty()) {
      std::string names;
      for (const auto& f : verdict.findings) {
        names += (names.empty() ? "" : ", ") + f.partition + " (" + f.state + ")";
      }
      verdict.error = std::to_string(verdict.findings.size()) + " of " +
                      std::to_string(verdict.audited) + " partition(s) differ (" +
                      starrocks::row_hash_name(hash.function) + " checksums): " + names;
    }
    util::log().info("verify {}: {} ({} partitions)", job.name(), verdict.outcome, verdict.audited);
    return verdict;
  }

  std::mutex m_mutex;
  std::map<std::string, Verdict> m_verdicts; // by source `db.table`
};

constexpr ModeInfo k_verify{
    "verify", "compare source and target tables by row counts and content checksums",
    false,    true,
    {},       true,
    false,    make_verify_mode};

} // namespace

const ModeInfo& verify_mode_info() {
  return k_verify;
}

std::unique_ptr<Mode> make_verify_mode() {
  return std::make_unique<VerifyMode>();
}

} // namespace exl::modes
