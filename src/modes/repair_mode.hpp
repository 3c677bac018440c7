#pragma once

#include "exlschema/modes/mode.hpp"

#include <mutex>
#include <optional>
#include <string>

// v2-v5 (PRODUCT.md §4.6-4.8, issue #10): audit, then (re)load exactly the partitions that need
// it through the JDBC catalog, each rewritten partition audited again afterwards.
//   v2: audit both sides; INSERT OVERWRITE each differing partition, one per task;
//   v3: as v2, partitions batched up to -speed GB, each batch a SUBMIT TASK;
//   v4: audit the target only; load partitions absent or empty there, one per task;
//   v5: as v4, batched as v3.
namespace exl::modes {

struct RepairStyle {
  bool audit_source = true; // v2/v3: counts on both sides; v4/v5: the target only
  bool batched = false;     // v3/v5: batches of -speed GB as asynchronous tasks
};

class RepairMode : public Mode {
public:
  RepairMode(std::string_view name, RepairStyle style);

  const ModeInfo& info() const override;
  std::vector<Statement> plan_run(RunContext& ctx) override;
  int task_concurrency(const RunContext& ctx) const override;
  TablePlan plan_table(RunContext& ctx, const TableJob& job) override;
  runner::TaskResult run_task(RunContext& ctx, const TablePlan& table,
                              const TaskPlan& task) override;
  void verify_table(RunContext& ctx, const TablePlan& plan,
                    report::TableReport& table_report) override;

private:
  void plan_loads(RunContext& ctx, TablePlan& plan, bool target_is_new);

  std::string_view m_name;
  RepairStyle m_style;
  std::string m_catalog;
  std::optional<int> m_task_runs_limit; // the target's task_runs_concurrency (v3/v5)
};

std::unique_ptr<Mode> make_v2_mode();
std::unique_ptr<Mode> make_v3_mode();
std::unique_ptr<Mode> make_v4_mode();
std::unique_ptr<Mode> make_v5_mode();

} // namespace exl::modes
