// -o pipe (PRODUCT.md §4.10, issue #14; external_copy.hpp). Per partition, in order:
//   source: SELECT cols FROM `db`.`t` WHERE <p's exact bounds> [AND (-where)]   (streamed)
//   target: PUT /api/db/t/_stream_load  label, CSV, columns, strict_mode=true, max_filter_ratio=0,
//           timeout, partitions: p   (through the FE's 307 to a BE; the body is the SELECT's rows)
//   an incremental replacement is atomic:
//   target: ALTER TABLE t ADD TEMPORARY PARTITION `exl_tmp_<run>__<p>` <p's bounds>
//           the Stream Load with temporary_partitions: exl_tmp_<run>__<p>
//   target: ALTER TABLE t REPLACE PARTITION (p) WITH TEMPORARY PARTITION (..)
//           (ALTER TABLE t DROP TEMPORARY PARTITION IF EXISTS .. when the task ends)
// Exactly once: the load carries the run's label (LoadSender); an answer lost after the BE got
// the request is resolved by the label's state before anything is sent again.
#include "modes/pipe.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/pipe/byte_pipe.hpp"
#include "exlschema/pipe/csv_encoder.hpp"
#include "exlschema/pipe/stream_load_client.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/split_sql.hpp"
#include "exlschema/starrocks/stream_load_request.hpp"
#include "exlschema/util/log.hpp"
#include "modes/external_copy.hpp"
#include "modes/load_sender.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <thread>

namespace exl::modes {
namespace {

constexpr std::size_t k_pipe_buffer = 4u << 20; // bytes between the SELECT and the request
constexpr std::size_t k_chunk = 256u << 10;     // CSV handed to the buffer at a time
constexpr std::uint64_t k_max_ranges = 4096;    // key ranges of one partition at most

// The column a large partition is cut on: the first key column that is not a partition column
// (a daily partition's date is one value), else the first column of a range partitioning (a
// partition spanning several values); only types with a total order that a literal can name.
const starrocks::Column* split_column(const starrocks::TableModel& model) {
  const auto orderable = [](const starrocks::Column* c) {
    return c != nullptr &&
           ((c->type.is_numeric() && c->type.base != "float" && c->type.base != "double") ||
            c->type.is_date_like() || c->type.base == "char" || c->type.base == "varchar");
  };
  const auto partitions_on = [&](const starrocks::Column* c) {
    return std::any_of(model.partitioning.columns.begin(), model.partitioning.columns.end(),
                       [&](const std::string& name) { return model.find_column(name) == c; });
  };
  for (const std::string& name : model.key_columns) {
    const starrocks::Column* c = model.find_column(name);
    if (orderable(c) && !partitions_on(c)) {
      return c;
    }
  }
  if (model.partitioning.kind == starrocks::Partitioning::Kind::Range &&
      !model.partitioning.columns.empty()) {
    const starrocks::Column* c = model.find_column(model.partitioning.columns.front());
    return orderable(c) ? c : nullptr;
  }
  return nullptr;
}

// What one planned Stream Load reads and how it is sent (its label is the step's).
struct PipeUnit {
  std::string select;
  starrocks::StreamLoadSpec spec;
};

// The source's rows of `unit` as CSV into `body`, on its own source connection; the body is
// closed at the end, failed on any error or on the cancel token. `source_lost`: the error was the
// source connection's (db::is_retryable), worth another try.
void produce_rows(RunContext& ctx, const PipeUnit& unit, pipe::BytePipe& body, bool& source_lost) {
  try {
    const pipe::CsvEncoder encoder(unit.spec.dialect);
    auto lease = ctx.gate.pool(Side::Source).lease(ctx.cancel.stop_token());
    std::string chunk;
    chunk.reserve(k_chunk + k_chunk / 2); // one allocation, whatever the rows' sizes do after
    bool stopped = false;
    lease->stream(unit.select, [&](const std::vector<std::string>&, const db::RowValues& row) {
      if (ctx.cancel.is_cancelled()) {
        stopped = true;
        return false;
      }
      encoder.append(row, chunk);
      if (chunk.size() >= k_chunk) {
        body.write(chunk);
        chunk.clear();
      }
      return true;
    });
    if (stopped) {
      body.fail("interrupted");
      return;
    }
    body.write(chunk);
    body.close();
  } catch (const std::exception& e) {
    source_lost = db::is_retryable(e);
    body.fail(std::string("reading the source: ") + e.what());
  }
}

// What the plan and the log show of a unit: the request, and the SELECT its body comes from.
std::string describe(const PipeUnit& unit, const std::string& source_alias) {
  return starrocks::describe(starrocks::build_stream_load(unit.spec)) + "\n  body: CSV of [" +
         source_alias + "] " + unit.select;
}

// The load as LoadSender sends it: each send streams the unit again, under the label the
// statement carries (with_fresh_label may have changed it); reads go to the target.
class PipeChannel final : public LoadChannel {
public:
  PipeChannel(RunContext& ctx, const PipeUnit& unit) : m_ctx(ctx), m_unit(unit) {}

  db::ExecResult mutate(const Statement& statement) override {
    return m_ctx.gate.stream(statement, [&] { return send_once(statement.label); });
  }
  db::ResultSet read(const std::string& sql) override { return m_ctx.gate.read(Side::Target, sql); }

private:
  db::ExecResult send_once(const std::string& label) {
    starrocks::StreamLoadSpec spec = m_unit.spec;
    spec.label = label;
    const starrocks::StreamLoadRequest request = starrocks::build_stream_load(spec);
    const auto& target = m_ctx.options.target;
    const pipe::LoadEndpoint fe{target.connection.host, target.http_port, target.connection.user,
                                target.connection.password};
    pipe::BytePipe body(k_pipe_buffer);
    bool source_lost = false;
    std::thread producer([&] { produce_rows(m_ctx, m_unit, body, source_lost); });
    pipe::StreamLoadAnswer answer;
    try {
      answer = pipe::send_stream_load(fe, request, body, std::chrono::seconds(spec.timeout_s + 60),
                                      [this] { return m_ctx.cancel.is_cancelled(); });
    } catch (const pipe::LoadTransportError& e) {
      body.abandon();
      producer.join();
      if (m_ctx.cancel.is_cancelled()) {
        throw runner::CancelledError("interrupted during Stream Load " + label +
                                     "; a re-run resolves it by its label");
      }
      throw runner::OutcomeUnknownError(e.what(), 2013);
    } catch (const std::exception& e) {
      body.abandon();
      producer.join();
      if (m_ctx.cancel.is_cancelled()) {
        throw runner::CancelledError("interrupted during Stream Load " + label);
      }
      if (source_lost) {
        // The body ended without its last chunk, so the BE could not commit it; the label
        // confirms that before the unit goes again with a new SELECT.
        throw runner::OutcomeUnknownError(e.what(), 2013);
      }
      throw;
    }
    body.abandon();
    producer.join();
    return outcome(label, answer);
  }

  static db::ExecResult outcome(const std::string& label, const pipe::StreamLoadAnswer& a) {
    if (a.committed()) {
      db::ExecResult r;
      r.affected_rows = static_cast<std::uint64_t>(a.loaded_rows);
      r.info = a.status;
      return r;
    }
    std::string message = a.message;
    if (a.status == "Label Already Exists") {
      message = "Label [" + label + "] has already been used. (Stream Load: ExistingJobStatus " +
                a.existing_job_status + ")";
    } else if (!a.error_url.empty()) {
      message += " (rejected rows: " + a.error_url + ")";
    }
    throw db::SqlError(0, "HY000", "Stream Load " + label + ": " + message, "stream load");
  }

  RunContext& m_ctx;
  const PipeUnit& m_unit;
};

class PipeMode final : public ExternalCopyMode {
public:
  PipeMode() : ExternalCopyMode("pipe") {}

protected:
  std::optional<std::string> unsupported(const RunContext&,
                                         const starrocks::TableModel& model) const override {
    return starrocks::stream_load_unsupported(model);
  }
  // Not v1-v5: a JDBC catalog reads none of the types refused here, and needs a 3.x target.
  std::string alternative() const override { return "starrocks"; }

  std::optional<TempObject> external_table(const RunContext&, const TableJob&,
                                           const starrocks::TableModel&) const override {
    return std::nullopt; // the rows travel through this host
  }

  std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                    const PartitionLoad& load, bool replace) const override {
    std::vector<Statement> steps;
    if (load.add) {
      steps.push_back(Statement{Side::Target, *load.add, {}, true});
    }
    if (!replace) {
      for (const std::string& range : ranges_or_all(load)) {
        steps.push_back(stream_step(ctx, plan, load, {}, ctx.options.where, range));
      }
      return steps;
    }
    const std::string temp = starrocks::make_temp_name(ctx.options.run_id, load.name);
    steps.push_back(
        Statement{Side::Target,
                  starrocks::build_add_temporary_partition(plan.job.target, temp, load.bounds),
                  {},
                  false});
    for (const std::string& range : ranges_or_all(load)) {
      steps.push_back(stream_step(ctx, plan, load, temp, {}, range));
    }
    steps.push_back(Statement{Side::Target,
                              starrocks::build_replace_partition(plan.job.target, load.name, temp),
                              {},
                              false});
    return steps;
  }

  // A partition larger than -speed is sent in key ranges of about -speed each, cut where the
  // split column's equal-count tiles end on the source (split_sql.hpp): a failed or unknown load
  // then redoes one range, and the load timeout bounds a range, not the partition.
  std::vector<std::string> unit_ranges(RunContext& ctx, const TablePlan& plan,
                                       const PartitionLoad& load) const override {
    const std::uint64_t bound = speed_bytes(ctx.options.speed_gb);
    const starrocks::TableModel& model = *plan.source_table;
    const starrocks::Column* column = split_column(model);
    if (load.bytes <= bound || column == nullptr) {
      return {};
    }
    const auto pieces = std::min<std::uint64_t>(k_max_ranges, (load.bytes + bound - 1) / bound);
    const db::ResultSet rs = ctx.gate.read(
        Side::Source, starrocks::build_split_bounds(plan.job.source, column->name, load.predicate,
                                                    static_cast<int>(pieces)));
    std::vector<std::string> bounds;
    for (std::size_t i = 0; i < rs.rows.size(); ++i) {
      if (const auto v = rs.value(i, "exl_bound")) {
        bounds.push_back(*v);
      }
    }
    auto ranges = starrocks::split_predicates(column->name, column->type, std::move(bounds));
    return ranges.size() > 1 ? ranges : std::vector<std::string>{};
  }

  // Temporary partitions exist only in partitioned tables: an unpartitioned table cannot be
  // replaced atomically, and emptying it first would show readers an empty table.
  std::optional<std::string> replace_refused(const RunContext&,
                                             const starrocks::TableModel& model) const override {
    if (model.partitioning.kind == starrocks::Partitioning::Kind::None) {
      return "-o pipe replaces a partition through a temporary partition, which an "
             "unpartitioned table cannot have; re-copy it with -truncate (or use -o v2)";
    }
    return std::nullopt;
  }

  std::optional<Statement> task_cleanup(const RunContext& ctx, const TablePlan& plan,
                                        const PartitionLoad& load, bool replace) const override {
    if (!replace) {
      return std::nullopt;
    }
    return Statement{Side::Target,
                     starrocks::build_drop_temporary_partition(
                         plan.job.target, starrocks::make_temp_name(ctx.options.run_id, load.name)),
                     {},
                     true};
  }

  LoadResult send_load_step(RunContext& ctx, const TablePlan& plan, const Statement& step,
                            runner::TaskResult& result) override {
    PipeUnit unit = unit_of(step.label);
    Statement fresh = step;
    fresh.label = fresh_label(ctx, step.label, plan.job.target.database);
    if (fresh.label != step.label) {
      unit.spec.label = fresh.label;
      fresh.sql = describe(unit, ctx.options.source.alias);
    }
    PipeChannel channel(ctx, unit);
    LoadSender sender(channel, ctx.target.version, ctx.cancel);
    LoadResult load =
        sender.send(fresh, plan.job.target.database, std::chrono::seconds(unit.spec.timeout_s));
    if (load.resolved) {
      result.notes.push_back("Stream Load " + fresh.label +
                             ": its answer was lost; the label "
                             "says " +
                             load.state + ", so it was not sent again");
    }
    return load;
  }

private:
  static std::vector<std::string> ranges_or_all(const PartitionLoad& load) {
    return load.ranges.empty() ? std::vector<std::string>{std::string()} : load.ranges;
  }

  // The load of `load`'s rows in `range` (empty: all of them). A range's label names the range
  // by the hash of its predicate, so a re-run that cuts the partition differently never takes an
  // earlier range's committed label for its own rows.
  Statement stream_step(const RunContext& ctx, const TablePlan& plan, const PartitionLoad& load,
                        const std::string& temp, std::string_view where,
                        const std::string& range) const {
    std::vector<std::string> predicates;
    std::vector<std::string> key{load.name};
    if (!load.predicate.empty()) {
      predicates.push_back(load.predicate);
    }
    if (!range.empty()) {
      predicates.push_back(range);
      key.push_back("range_" + starrocks::stable_hash_hex(range));
    }
    if (!where.empty()) {
      predicates.emplace_back(where);
    }
    PipeUnit unit;
    unit.spec.target = plan.job.target;
    unit.spec.label = load_label(ctx, plan.job, key);
    unit.spec.columns = starrocks::insertable_columns(*plan.source_table);
    unit.spec.dialect = starrocks::stream_load_dialect(ctx.target.version);
    if (!temp.empty()) {
      unit.spec.partitions = {temp};
      unit.spec.temporary = true;
    } else if (!load.whole_table && !load.created_by_load) {
      unit.spec.partitions = {load.name};
    }
    unit.spec.timeout_s = ctx.options.query_timeout_s;
    unit.select = starrocks::build_select_columns(plan.job.source, unit.spec.columns, predicates);
    Statement step{Side::Target, describe(unit, ctx.options.source.alias), unit.spec.label, false};
    const std::lock_guard lock(m_mutex);
    m_units[unit.spec.label] = std::move(unit);
    return step;
  }

  PipeUnit unit_of(const std::string& label) const {
    const std::lock_guard lock(m_mutex);
    return m_units.at(label);
  }

  mutable std::mutex m_mutex;
  mutable std::map<std::string, PipeUnit> m_units; // by planned label
};

} // namespace

std::unique_ptr<Mode> make_pipe_mode() {
  return std::make_unique<PipeMode>();
}

} // namespace exl::modes
