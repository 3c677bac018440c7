#include "exlschema/modes/structure.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/dependency_order.hpp"
#include "exlschema/starrocks/index_list.hpp"
#include "exlschema/starrocks/model_compare.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/object_rename.hpp"
#include "exlschema/starrocks/object_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/starrocks/quote.hpp"
#include "exlschema/starrocks/version_gates.hpp"
#include "exlschema/util/errors.hpp"

#include <variant>

namespace exl::modes {
namespace {

using starrocks::AnyModel;
using starrocks::MaterializedViewModel;
using starrocks::TableModel;
using starrocks::ViewModel;

std::string qualified(const starrocks::TableRef& ref) {
  return ref.database + "." + ref.table;
}

// SHOW CREATE TABLE works for tables, views and MVs alike; the DDL says which it is.
AnyModel read_model(RunContext& ctx, Side side, const starrocks::TableRef& ref) {
  const db::ResultSet rs = ctx.gate.read(side, starrocks::build_show_create_table(ref));
  if (rs.rows.size() != 1 || rs.rows[0].size() < 2 || !rs.rows[0][1]) {
    throw FatalError("SHOW CREATE TABLE " + ref.sql() + " returned no DDL");
  }
  auto parsed = starrocks::parse_show_create(*rs.rows[0][1]);
  if (!parsed) {
    throw FatalError("cannot read the DDL of " + qualified(ref) + " on the " + side_name(side) +
                     " (" + parsed.error().message() + "); exlSchema will not guess it");
  }
  return std::move(parsed).value();
}

ObjectKind kind_of(const AnyModel& model) {
  if (std::holds_alternative<ViewModel>(model)) {
    return ObjectKind::View;
  }
  return std::holds_alternative<MaterializedViewModel>(model) ? ObjectKind::MaterializedView
                                                              : ObjectKind::Table;
}

Statement target_ddl(std::string sql, bool idempotent) {
  return Statement{Side::Target, std::move(sql), {}, idempotent};
}

std::string drop_sql(ObjectKind kind, const starrocks::TableRef& ref) {
  switch (kind) {
  case ObjectKind::View:
    return starrocks::build_drop_view(ref);
  case ObjectKind::MaterializedView:
    return starrocks::build_drop_materialized_view(ref);
  case ObjectKind::Table:
    break;
  }
  return starrocks::build_drop_table(ref);
}

// A view or MV re-pointed at the objects this run renames; refused (FatalError) when its query
// cannot be rewritten exactly.
template <class Model, class Rename>
Model renamed(RunContext& ctx, const TableJob& job, Model model, Rename rename) {
  if (ctx.renames.databases.empty() && ctx.renames.tables.empty()) {
    return model;
  }
  auto result = rename(std::move(model), ctx.renames);
  if (!result) {
    throw FatalError("cannot rewrite the query of " + job.name() + " for the renamed objects (" +
                     result.error().message() + ")");
  }
  return std::move(result).value();
}

ViewModel target_view(RunContext& ctx, const TableJob& job, ViewModel view) {
  return renamed(ctx, job, std::move(view), starrocks::renamed_view);
}

MaterializedViewModel target_mv(RunContext& ctx, const TableJob& job, MaterializedViewModel mv) {
  return renamed(ctx, job, std::move(mv), starrocks::renamed_materialized_view);
}

// Why the target's release cannot hold the object's name or a column's name (docs/names.md): a
// 3.3 source may hold `a-b` as a table name, which a 3.1 target refuses.
std::optional<std::string> unholdable_name(const RunContext& ctx, const TableJob& job,
                                           const AnyModel& model) {
  const starrocks::Version& release = ctx.target.version;
  if (auto problem = starrocks::validate_table_name(job.target.table, release)) {
    return "the target cannot hold the name " + qualified(job.target) + ": " + *problem;
  }
  if (const auto* table = std::get_if<TableModel>(&model)) {
    for (const auto& column : table->columns) {
      if (auto problem = starrocks::validate_column_name(column.name, release)) {
        return "the target cannot hold column " + starrocks::quote_identifier(column.name) + ": " +
               *problem;
      }
    }
  }
  return std::nullopt;
}

// The creating statement for the target, and the warnings of the rewrite. A table the target's
// release cannot hold is refused here (FatalError with the reason).
Statement create_statement(RunContext& ctx, const TableJob& job, AnyModel& model,
                           StructurePlan& plan) {
  if (const auto reason = unholdable_name(ctx, job, model)) {
    throw FatalError(*reason);
  }
  if (auto* table = std::get_if<TableModel>(&model)) {
    starrocks::TargetRewriteOptions options;
    if (ctx.options.replication > 0) {
      options.replication_num = ctx.options.replication;
    }
    options.target_shared_data = ctx.target.shared_data;
    auto rewritten = starrocks::rewrite_for_target(*table, options);
    plan.warnings.insert(plan.warnings.end(), rewritten.warnings.begin(), rewritten.warnings.end());
    plan.deferred = rewritten.deferred;
    if (const auto reason = starrocks::unsupported_on(rewritten.table, ctx.target.version)) {
      throw FatalError(*reason);
    }
    if (const auto reason =
            starrocks::renamed_reference_in(rewritten.table.properties, ctx.renames)) {
      plan.warnings.push_back(*reason);
    }
    rewritten.table.name = job.target.table;
    return target_ddl(starrocks::build_create_table(rewritten.table, job.target.database, true),
                      true);
  }
  if (auto* view = std::get_if<ViewModel>(&model)) {
    return target_ddl(starrocks::build_create_view(target_view(ctx, job, *view), job.target),
                      false);
  }
  const auto mv = target_mv(ctx, job, std::get<MaterializedViewModel>(model));
  return target_ddl(starrocks::build_create_materialized_view(mv, job.target), true);
}

// The source's view or MV as this run would create it, next to the target's: equal or not.
bool same_query_object(RunContext& ctx, const TableJob& job, ViewModel want, ViewModel have) {
  want = target_view(ctx, job, std::move(want));
  want.name = have.name = job.target.table;
  return want == have;
}

bool same_query_object(RunContext& ctx, const TableJob& job, MaterializedViewModel want,
                       MaterializedViewModel have) {
  want = target_mv(ctx, job, std::move(want));
  want.name = have.name = job.target.table;
  return want == have;
}

// nullopt when the target's object is the same as the source's would be; else the difference.
std::optional<std::string> difference(RunContext& ctx, const TableJob& job,
                                      const AnyModel& source) {
  const AnyModel target = read_model(ctx, Side::Target, job.target);
  if (kind_of(target) != kind_of(source)) {
    return std::string("it is a ") + kind_name(kind_of(target)) + " on the target, a " +
           kind_name(kind_of(source)) + " on the source";
  }
  if (const auto* table = std::get_if<TableModel>(&source)) {
    return starrocks::compare_tables(*table, std::get<TableModel>(target));
  }
  const bool same =
      std::holds_alternative<ViewModel>(source)
          ? same_query_object(ctx, job, std::get<ViewModel>(source), std::get<ViewModel>(target))
          : same_query_object(ctx, job, std::get<MaterializedViewModel>(source),
                              std::get<MaterializedViewModel>(target));
  return same ? std::nullopt
              : std::optional<std::string>("its definition differs from the source's");
}

// The objects a view or MV reads (creation order); a query that cannot be read leaves the list
// empty, and the target's CREATE then decides.
void add_reads(const AnyModel& model, StructurePlan& plan) {
  const std::string* definition = nullptr;
  if (const auto* view = std::get_if<ViewModel>(&model)) {
    definition = &view->definition;
  } else if (const auto* mv = std::get_if<MaterializedViewModel>(&model)) {
    definition = &mv->definition;
  }
  if (definition == nullptr) {
    return;
  }
  plan.definition = *definition;
  if (const auto reads = starrocks::referenced_tables(*definition)) {
    for (const auto& name : reads->tables) {
      plan.reads.push_back(name.text());
    }
  }
}

// Rollups and synchronous MVs are not in SHOW CREATE TABLE: they are listed as not copied.
void note_rollups(RunContext& ctx, const TableJob& job, StructurePlan& plan) {
  const db::ResultSet rs = ctx.gate.read(Side::Source, starrocks::build_describe_all(job.source));
  const auto indexes = starrocks::parse_describe_all(rs.columns, rs.rows);
  if (!indexes) {
    plan.warnings.push_back("cannot list the rollups of " + job.name() + " (" +
                            indexes.error().message() + "); check them by hand");
  } else if (!indexes->others.empty()) {
    std::string names;
    for (const auto& index : indexes->others) {
      names += (names.empty() ? "" : ", ") + index;
    }
    plan.warnings.push_back("rollups and synchronous materialized views not copied: " + names);
  }
}

// The settings held back so that the target keeps the copied history: what to run once the
// data is in.
void note_deferred(const TableJob& job, StructurePlan& plan) {
  for (const auto& [key, value] : plan.deferred) {
    plan.warnings.push_back("after the data is in, restore: " +
                            starrocks::build_set_table_property(job.target, key, value));
  }
}

} // namespace

StructurePlan plan_structure(RunContext& ctx, const TableJob& job) {
  StructurePlan plan;
  AnyModel model = read_model(ctx, Side::Source, job.source);
  plan.kind = kind_of(model);
  if (const auto* table = std::get_if<TableModel>(&model)) {
    plan.source_table = *table;
    if (table->external || table->engine != "OLAP") {
      plan.refused = "an external table (ENGINE=" + table->engine + ") is not copied";
      return plan;
    }
  }
  const AnyModel source = model;
  const Statement create = create_statement(ctx, job, model, plan);
  add_reads(source, plan);
  if (plan.kind == ObjectKind::Table) {
    note_rollups(ctx, job, plan);
    note_deferred(job, plan);
  }
  const std::string what = std::string(kind_name(plan.kind)) + " " + qualified(job.target);
  if (!ctx.target_objects.object_type(job.target.database, job.target.table)) {
    plan.statements.push_back(create);
    plan.outcome = "created";
    plan.summary = "create " + what;
    return plan;
  }
  const auto differs = difference(ctx, job, source);
  if (!differs) {
    plan.outcome = "equal";
    plan.summary = what + " already exists with the same structure: nothing to do";
    return plan;
  }
  if (!ctx.options.recreate) {
    plan.refused = what + " exists and differs from the source: " + *differs +
                   "; -recreate drops and recreates it";
    return plan;
  }
  const AnyModel existing = read_model(ctx, Side::Target, job.target);
  plan.statements.push_back(target_ddl(drop_sql(kind_of(existing), job.target), true));
  plan.statements.push_back(create);
  plan.outcome = "recreated";
  plan.summary = "drop and recreate " + what + " (" + *differs + ")";
  return plan;
}

starrocks::AnyModel read_object_model(RunContext& ctx, Side side, const starrocks::TableRef& ref) {
  return read_model(ctx, side, ref);
}

TablePlan structure_table_plan(RunContext& ctx, const TableJob& job) {
  StructurePlan structure = plan_structure(ctx, job);
  TablePlan plan;
  plan.job = job;
  plan.job.kind = structure.kind;
  plan.prepare = std::move(structure.statements);
  plan.notes = std::move(structure.warnings);
  plan.summary = std::move(structure.summary);
  plan.outcome = std::move(structure.outcome);
  plan.refused = std::move(structure.refused);
  plan.reads = std::move(structure.reads);
  plan.definition = std::move(structure.definition);
  plan.source_table = std::move(structure.source_table);
  plan.deferred = std::move(structure.deferred);
  return plan;
}

void restore_deferred(RunContext& ctx, const TablePlan& plan) {
  for (const auto& [key, value] : plan.deferred) {
    ctx.gate.mutate(Statement{
        Side::Target, starrocks::build_set_table_property(plan.job.target, key, value), {}, true});
  }
}

} // namespace exl::modes
