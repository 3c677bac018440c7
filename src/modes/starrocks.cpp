// -o starrocks (PRODUCT.md §4.4, issue #12; external_copy.hpp). Statements, in order:
//   target: SHOW FRONTENDS (planning: the leader FE the external table must point at)
//   target: the structure statements (structure.hpp); TRUNCATE TABLE t [PARTITION ..] (-truncate)
//   source: CREATE EXTERNAL TABLE `src_db`.`exl_tmp_<run>__<t>` (<the table's columns>)
//           ENGINE=OLAP <key> DISTRIBUTED BY .. PROPERTIES ("host" = the target's leader FE,
//           "port" = the target's rpc_port, "user", "password", "database", "table")
//   source, per partition (a first load):
//           INSERT INTO `src_db`.`exl_tmp_..` WITH LABEL l (cols) SELECT cols FROM `src_db`.`t`
//           WHERE <p's exact bounds> [AND (-where)]
//   per differing partition (an incremental round), the replacement is atomic:
//           target: ALTER TABLE t ADD TEMPORARY PARTITION `exl_tmp_<run>__<p>` <p's bounds>
//           source: INSERT INTO `src_db`.`exl_tmp_..` TEMPORARY PARTITION (`exl_tmp_<run>__<p>`)
//                   WITH LABEL l (cols) SELECT cols FROM `src_db`.`t` WHERE <p's exact bounds>
//           target: ALTER TABLE t REPLACE PARTITION (p) WITH TEMPORARY PARTITION (..)
//           (target: ALTER TABLE t DROP TEMPORARY PARTITION IF EXISTS .. when it failed)
//   source: DROP TABLE IF EXISTS `src_db`.`exl_tmp_..`
// A write before the target's metadata reached the source FE fails; it is retried with backoff
// for up to defaults.external_metadata_wait_s (reported), then the table fails with the reason.
#include "modes/starrocks.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/cluster_info.hpp"
#include "exlschema/starrocks/cluster_info_sql.hpp"
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/log.hpp"
#include "modes/external_copy.hpp"
#include "modes/load_sender.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

namespace exl::modes {
namespace {

using Clock = std::chrono::steady_clock;

// The errors of a write through an OLAP external table whose copy of the target's metadata is
// not there yet (before the first sync, or before a new temporary partition was synced).
bool metadata_not_synced(const std::string& message) {
  return message.find("data cannot be inserted into table with empty partition") !=
             std::string::npos ||
         message.find("Unknown partition") != std::string::npos;
}

class StarrocksMode final : public ExternalCopyMode {
public:
  StarrocksMode() : ExternalCopyMode("starrocks") {}

  std::vector<Statement> plan_run(RunContext& ctx) override {
    m_leader = ctx.options.target.connection.host;
    try {
      const db::ResultSet rs = ctx.gate.read(Side::Target, starrocks::build_show_frontends());
      std::vector<starrocks::ResultRow> rows(rs.rows.begin(), rs.rows.end());
      const auto nodes = starrocks::parse_nodes(starrocks::NodeKind::Frontend, rs.columns, rows);
      const auto leader = std::find_if(nodes.begin(), nodes.end(), [](const auto& node) {
        return node.role == "LEADER" && !node.host.empty();
      });
      if (leader != nodes.end()) {
        m_leader = leader->host;
      } else {
        util::log().warn("SHOW FRONTENDS on the target names no leader; the external tables "
                         "point at the configured host {}",
                         m_leader);
      }
    } catch (const db::SqlError& e) {
      util::log().warn("cannot read the target's frontends ({}); the external tables point at the "
                       "configured host {}, which must be the leader FE",
                       e.what(), m_leader);
    }
    return {};
  }

protected:
  std::optional<std::string> unsupported(const RunContext&,
                                         const starrocks::TableModel& model) const override {
    using Kind = starrocks::Partitioning::Kind;
    if (model.partitioning.kind == Kind::List || model.partitioning.kind == Kind::ColumnList) {
      return std::string("it is LIST partitioned, and the target describes only range and "
                         "unpartitioned tables to an external table (LeaderImpl.getTableMeta), so "
                         "no write through one can succeed");
    }
    return std::nullopt;
  }
  std::string alternative() const override { return "mysql"; }

  // A write through the external table cannot create an automatic partition on the target.
  bool loads_create_partitions() const override { return false; }

  std::optional<std::string> replace_refused(const RunContext& ctx,
                                             const starrocks::TableModel& model) const override {
    // 3.1's backport of the per-INSERT metadata sync (#31651) left out temporary partitions, so
    // a 3.1 source never sees the target's temporary partition.
    if (ctx.source.version.known && ctx.source.version.major == 3 &&
        ctx.source.version.minor == 1) {
      return "a " + ctx.source.version.text +
             " source does not sync the target's temporary "
             "partitions into its external tables (StarRocks 3.1 only), and a partition is "
             "replaced through one; -truncate reloads the table whole";
    }
    if (model.partitioning.kind == starrocks::Partitioning::Kind::None) {
      return std::string("it is unpartitioned, and a table without partitions has no temporary "
                         "partition to load a replacement into; -truncate reloads it whole");
    }
    return std::nullopt;
  }

  std::optional<TempObject> external_table(const RunContext& ctx, const TableJob& job,
                                           const starrocks::TableModel& model) const override {
    const starrocks::TableRef ext = external_ref(ctx, job);
    starrocks::ExternalConnection target;
    target.host = m_leader;
    target.port = ctx.options.target.rpc_port;
    target.user = ctx.options.target.connection.user;
    target.password = ctx.options.target.connection.password;
    target.database = job.target.database;
    target.table = job.target.table;
    return TempObject{Statement{Side::Source,
                                starrocks::build_create_olap_external_table(ext, model, target),
                                {},
                                false},
                      Statement{Side::Source, starrocks::build_drop_table(ext), {}, true}};
  }

  std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                    const PartitionLoad& load, bool replace) const override {
    std::vector<Statement> steps;
    if (load.add) {
      steps.push_back(Statement{Side::Target, *load.add, {}, true});
    }
    if (!replace) {
      steps.push_back(write(ctx, plan, load, {}, ctx.options.where));
      return steps;
    }
    const std::string temp = temp_partition(ctx, load);
    steps.push_back(
        Statement{Side::Target,
                  starrocks::build_add_temporary_partition(plan.job.target, temp, load.bounds),
                  {},
                  false});
    steps.push_back(write(ctx, plan, load, temp, {}));
    steps.push_back(Statement{Side::Target,
                              starrocks::build_replace_partition(plan.job.target, load.name, temp),
                              {},
                              false});
    return steps;
  }

  // A replacement's temporary partition is dropped when its task ends: after the swap the drop
  // finds nothing, after a failure it removes the partial copy.
  std::optional<Statement> task_cleanup(const RunContext& ctx, const TablePlan& plan,
                                        const PartitionLoad& load, bool replace) const override {
    if (!replace) {
      return std::nullopt;
    }
    return Statement{
        Side::Target,
        starrocks::build_drop_temporary_partition(plan.job.target, temp_partition(ctx, load)),
        {},
        true};
  }

  LoadResult send_load_step(RunContext& ctx, const TablePlan& plan, const Statement& step,
                            runner::TaskResult& result) override {
    return send_when_synced(ctx, plan, step, result);
  }

private:
  starrocks::TableRef external_ref(const RunContext& ctx, const TableJob& job) const {
    return {{}, job.source.database, external_name(ctx, job)};
  }
  static std::string temp_partition(const RunContext& ctx, const PartitionLoad& load) {
    return starrocks::make_temp_name(ctx.options.run_id, load.name);
  }
  LoadResult send_when_synced(RunContext& ctx, const TablePlan& plan, const Statement& step,
                              runner::TaskResult& result) const;
  LoadResult applied_despite(RunContext& ctx, const TablePlan& plan, const Statement& step,
                             const db::SqlError& error) const;

  // INSERT INTO the external table [TEMPORARY PARTITION (temp)] WITH LABEL .. SELECT .. FROM the
  // source table WHERE <the partition> [AND (where)], run on the source.
  Statement write(const RunContext& ctx, const TablePlan& plan, const PartitionLoad& load,
                  const std::string& temp, std::string_view where) const {
    std::vector<std::string> predicates;
    if (!load.predicate.empty()) {
      predicates.push_back(load.predicate);
    }
    if (!where.empty()) {
      predicates.emplace_back(where);
    }
    starrocks::InsertSpec spec;
    spec.target = external_ref(ctx, plan.job);
    if (!temp.empty()) {
      spec.partitions = {temp};
      spec.temporary = true;
    }
    spec.label = load_label(ctx, plan.job, {load.name});
    spec.columns = starrocks::insertable_columns(*plan.source_table);
    spec.query = starrocks::build_select_columns(plan.job.source, spec.columns, predicates);
    return Statement{Side::Source, starrocks::build_insert(spec, ctx.source.version), spec.label,
                     false};
  }

  std::string m_leader; // the target's leader FE (SHOW FRONTENDS)
};

// Until the target's metadata (the table, or a temporary partition just added) has reached the
// source's copy, the write fails; it is retried with backoff up to external_metadata_wait_s.
LoadResult StarrocksMode::send_when_synced(RunContext& ctx, const TablePlan& plan,
                                           const Statement& step,
                                           runner::TaskResult& result) const {
  const auto bound = std::chrono::seconds(ctx.options.external_metadata_wait_s);
  const auto start = Clock::now();
  auto pause = std::chrono::milliseconds(500);
  for (int attempt = 1;; ++attempt) {
    try {
      // The label lives in the target's database (the write is a target transaction).
      LoadResult load = send_load(ctx, step, plan.job.target.database);
      if (attempt > 1) {
        const auto waited = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - start);
        result.notes.push_back("waited " + std::to_string(waited.count()) +
                               " s for the target's metadata to reach the source's external "
                               "table (" +
                               result.name + ")");
      }
      return load;
    } catch (const db::SqlError& e) {
      if (!metadata_not_synced(e.message())) {
        return applied_despite(ctx, plan, step, e);
      }
      if (Clock::now() - start >= bound) {
        throw std::runtime_error(
            "the target's metadata did not reach the source's external table within " +
            std::to_string(bound.count()) +
            " s (defaults.external_metadata_wait_s): " + e.message());
      }
      if (attempt == 1) {
        util::log().info("{}: the target's metadata has not reached the source's external table "
                         "yet (StarRocks syncs it about every 10 s); retrying for up to {} s",
                         result.name, bound.count());
      }
    }
    if (ctx.cancel.wait_for(pause)) {
      throw runner::CancelledError("cancelled while waiting for the target's metadata to reach "
                                   "the source's external table");
    }
    pause = std::min(pause * 2, std::chrono::milliseconds(4000));
  }
}

// The source answers an error when it lost the target after the target committed (the remote
// transaction's commit RPC): before calling the write failed, its label on the target decides.
LoadResult StarrocksMode::applied_despite(RunContext& ctx, const TablePlan& plan,
                                          const Statement& step, const db::SqlError& error) const {
  LoadSender sender(ctx.gate, ctx.target.version, ctx.cancel);
  const auto state = sender.label_state(plan.job.target.database, step.label);
  if (state && starrocks::load_applied(state->phase)) {
    util::log().warn("load {}: the source answered an error ({}), but the target committed it "
                     "({}); not sent again",
                     step.label, error.message(), state->state);
    LoadResult applied;
    applied.resolved = true;
    applied.state = state->state;
    return applied;
  }
  if (state && state->phase == starrocks::LoadPhase::Running) {
    throw LoadOutcomeError(step.label, "load " + step.label + " failed on the source (" +
                                           error.message() +
                                           ") but is still running on the target; " +
                                           load_check_advice(plan.job.target.database, step.label));
  }
  throw error;
}

} // namespace

std::unique_ptr<Mode> make_starrocks_mode() {
  return std::make_unique<StarrocksMode>();
}

} // namespace exl::modes
