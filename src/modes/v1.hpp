#pragma once

#include "exlschema/modes/mode.hpp"

#include <string>

// -o v1 (PRODUCT.md §4.5, issue #10): one INSERT INTO .. SELECT through the JDBC catalog per
// table, or with -batch one per batch of about -speed GB (whole partitions grouped by size, a
// bigger partition cut into key ranges of its split column). Refuses a target table that holds
// rows unless -truncate (emptied first) or -complement (loaded, then each differing partition
// overwritten). Audits both sides afterwards; a mismatch is exit 3 with the mode to use.
namespace exl::modes {

class V1Mode : public Mode {
public:
  const ModeInfo& info() const override;
  std::vector<Statement> plan_run(RunContext& ctx) override;
  TablePlan plan_table(RunContext& ctx, const TableJob& job) override;
  runner::TaskResult run_task(RunContext& ctx, const TablePlan& table,
                              const TaskPlan& task) override;
  void verify_table(RunContext& ctx, const TablePlan& plan,
                    report::TableReport& table_report) override;

private:
  void plan_batches(RunContext& ctx, TablePlan& plan);
  void complement(RunContext& ctx, const TablePlan& plan, report::TableReport& table_report);

  std::string m_catalog;
};

std::unique_ptr<Mode> make_v1_mode();

} // namespace exl::modes
