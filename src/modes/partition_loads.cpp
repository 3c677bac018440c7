#include "modes/partition_loads.hpp"

#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/util/log.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace exl::modes {
namespace {

using starrocks::Partitioning;

std::vector<starrocks::ResultRow> rows_of(const db::ResultSet& rs) {
  std::vector<starrocks::ResultRow> rows;
  for (const auto& row : rs.rows) {
    rows.emplace_back(row.begin(), row.end());
  }
  return rows;
}

} // namespace

SourcePartitions read_source_partitions(RunContext& ctx, const TableJob& job,
                                        const starrocks::TableModel& model) {
  const db::ResultSet rs =
      ctx.gate.read(Side::Source, starrocks::build_show_partitions(job.source));
  auto parsed = starrocks::parse_show_partitions(rs.columns, rows_of(rs));
  if (!parsed) {
    throw std::runtime_error("cannot read the source's partitions: " + parsed.error().message());
  }
  SourcePartitions out;
  const auto columns = starrocks::partition_columns(model, parsed.value());
  if (!columns) {
    throw std::runtime_error("no exact partition predicate: the table is partitioned by " +
                             columns.error().found + ", exlSchema can match " +
                             columns.error().expected + " exactly");
  }
  out.columns = columns.value();
  for (const auto& partition : parsed.value()) {
    const auto& only = ctx.options.partitions;
    if (only.empty() || std::find(only.begin(), only.end(), partition.name) != only.end()) {
      out.partitions.push_back(partition);
    }
  }
  return out;
}

PartitionLoad partition_load(const TableJob& job, const starrocks::TableModel& model,
                             const std::vector<starrocks::PartitionColumn>& columns,
                             const starrocks::PartitionInfo& info, bool missing) {
  PartitionLoad load;
  load.name = info.name;
  load.bytes = info.data_size_bytes.value_or(0);
  load.rows = info.row_count;
  load.bounds = info.bounds;
  load.source_id = info.id;
  load.source_version = info.visible_version;
  load.whole_table = model.partitioning.kind == Partitioning::Kind::None;
  if (!load.whole_table) {
    const auto predicate = starrocks::partition_predicate(columns, info.bounds);
    if (!predicate) {
      throw std::runtime_error("partition " + info.name + ": no exact predicate (" +
                               predicate.error().message() + ")");
    }
    load.predicate = predicate.value();
  }
  if (missing && automatic_partitions(model)) {
    load.created_by_load = true;
  } else if (missing && !load.whole_table) {
    const auto add = starrocks::build_add_source_partition(job.target, info.name, info.bounds,
                                                           model.partitioning);
    if (!add) {
      throw std::runtime_error("partition " + info.name +
                               " cannot be added on the target: " + add.error().message());
    }
    load.add = add.value();
  }
  return load;
}

std::optional<std::int64_t> total_rows(const std::vector<PartitionLoad>& loads) {
  std::int64_t sum = 0;
  for (const PartitionLoad& load : loads) {
    if (!load.rows) {
      return std::nullopt;
    }
    sum += *load.rows;
  }
  return sum;
}

std::vector<std::vector<PartitionLoad>> batch_by_size(const std::vector<PartitionLoad>& loads,
                                                      std::uint64_t max_bytes) {
  std::vector<std::vector<PartitionLoad>> batches;
  for (const bool creating : {false, true}) {
    std::vector<PartitionLoad> batch;
    std::uint64_t size = 0;
    for (const PartitionLoad& load : loads) {
      if (load.created_by_load != creating) {
        continue;
      }
      if (!batch.empty() && size + load.bytes > max_bytes) {
        batches.push_back(std::move(batch));
        batch.clear();
        size = 0;
      }
      batch.push_back(load);
      size += load.bytes;
    }
    if (!batch.empty()) {
      batches.push_back(std::move(batch));
    }
  }
  return batches;
}

bool automatic_partitions(const starrocks::TableModel& model) {
  return model.partitioning.kind == Partitioning::Kind::Expression ||
         model.partitioning.kind == Partitioning::Kind::ColumnList;
}

std::uint64_t speed_bytes(double speed_gb) {
  return static_cast<std::uint64_t>(speed_gb * 1024.0 * 1024.0 * 1024.0);
}

std::string load_label(const RunContext& ctx, const TableJob& job,
                       const std::vector<std::string>& partitions) {
  starrocks::LabelKey key;
  key.source_alias = ctx.options.source.alias;
  key.target_alias = ctx.options.target.alias;
  key.mode = ctx.options.mode;
  key.table = job.target.database + "." + job.target.table;
  key.partitions = partitions;
  const auto earlier = ctx.earlier_runs.find(job.name());
  key.round = std::max(1, ctx.round) + (earlier == ctx.earlier_runs.end() ? 0 : earlier->second);
  return starrocks::make_label(key);
}

starrocks::TableRef through_catalog(std::string_view catalog, const TableJob& job) {
  return {std::string(catalog), job.source.database, job.source.table};
}

Statement load_statement(const RunContext& ctx, const TableJob& job,
                         const starrocks::TableModel& model, const starrocks::TableRef& from,
                         const std::vector<PartitionLoad>& loads, bool append,
                         std::string_view extra_where) {
  std::vector<std::string> names;
  std::string any_of;
  bool whole = false;
  bool creating = false;
  for (const PartitionLoad& load : loads) {
    names.push_back(load.name);
    whole = whole || load.whole_table || load.predicate.empty();
    creating = creating || load.created_by_load;
    any_of += (any_of.empty() ? "(" : " OR (") + load.predicate + ")";
  }
  std::vector<std::string> predicates;
  if (!whole && loads.size() > 0) {
    predicates.push_back(loads.size() == 1 ? loads[0].predicate : any_of);
  }
  if (!extra_where.empty()) {
    predicates.emplace_back(extra_where);
  }
  starrocks::InsertSpec spec;
  spec.target = job.target;
  spec.overwrite = !creating && !append;
  if (!whole && !creating && !append) {
    spec.partitions = names;
  }
  spec.label = load_label(ctx, job, names);
  spec.columns = starrocks::insertable_columns(model);
  spec.query = starrocks::build_select_columns(from, spec.columns, predicates);
  return Statement{Side::Target, starrocks::build_insert(spec, ctx.target.version), spec.label,
                   false};
}

namespace {

std::string next_label(const std::string& label, int bump) {
  const std::string tail = "_n" + std::to_string(bump);
  if (label.size() + tail.size() <= starrocks::k_max_label) {
    return label + tail;
  }
  return label.substr(0, starrocks::k_max_label - tail.size() - 17) + "_" +
         starrocks::stable_hash_hex(label) + tail;
}

void replace_label(Statement& load, const std::string& label) {
  const std::string from = "WITH LABEL " + starrocks::quote_identifier(load.label);
  const std::size_t at = load.sql.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("load without its label in the SQL: " + load.label);
  }
  load.sql.replace(at, from.size(), "WITH LABEL " + starrocks::quote_identifier(label));
  load.label = label;
}

} // namespace

std::string fresh_label(RunContext& ctx, const std::string& label, std::string_view database) {
  if (!ctx.gate.executes()) {
    return label;
  }
  LoadSender sender(ctx.gate, ctx.target.version, ctx.cancel);
  std::string current = label;
  for (int bump = 1;; ++bump) {
    const auto state = sender.label_state(database, current);
    if (!state || !starrocks::load_applied(state->phase)) {
      return current;
    }
    util::log().info("label {} was applied by an earlier run; this load takes {}", current,
                     next_label(label, bump));
    current = next_label(label, bump);
  }
}

Statement with_fresh_label(RunContext& ctx, Statement load, std::string_view database) {
  const std::string label = fresh_label(ctx, load.label, database);
  if (label != load.label) {
    replace_label(load, label);
  }
  return load;
}

LoadResult send_load(RunContext& ctx, const Statement& load, std::string_view database) {
  const Statement fresh = with_fresh_label(ctx, load, database);
  LoadSender sender(ctx.gate, ctx.target.version, ctx.cancel);
  return sender.send(fresh, database, std::chrono::seconds(ctx.options.query_timeout_s));
}

audit::SideReader side_reader(RunContext& ctx, Side side) {
  return [&ctx, side](const std::string& sql) { return ctx.gate.read(side, sql); };
}

audit::AuditRequest audit_request(const RunContext& ctx, const TableJob& job,
                                  const starrocks::TableModel& model, bool count_source,
                                  const std::string& where) {
  audit::AuditRequest request;
  request.source = job.source;
  request.target = job.target;
  request.model = &model;
  request.count_source = count_source;
  request.partitions = ctx.options.partitions;
  request.where = where;
  request.store = where.empty() ? ctx.store : nullptr;
  request.copy = {ctx.options.source.alias, ctx.options.target.alias, job.name()};
  return request;
}

int task_partitions(const TablePlan& plan) {
  std::set<std::string> names; // a partition cut into key ranges is several tasks
  for (const TaskPlan& task : plan.tasks) {
    names.insert(task.partitions.begin(), task.partitions.end());
  }
  return static_cast<int>(names.size());
}

std::string name_sample(const std::vector<std::string>& names, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) {
    out += (i > 0 ? ", " : "") + names[i];
  }
  return names.size() > limit ? out + ", ... (" + std::to_string(names.size()) + ")" : out;
}

std::string task_name(const TableJob& job, const std::vector<PartitionLoad>& loads) {
  std::string name = job.name();
  if (loads.empty() || loads[0].whole_table) {
    return name;
  }
  std::string separator = "#";
  for (const PartitionLoad& load : loads) {
    name += separator + load.name;
    separator = ",";
  }
  return name;
}

} // namespace exl::modes
