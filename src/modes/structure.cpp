#include "exlschema/modes/structure.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"
#include "exlschema/starrocks/ddl_rewrite.hpp"
#include "exlschema/starrocks/model_compare.hpp"
#include "exlschema/starrocks/object_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
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

// The query of a view or MV with the renamed databases of this run applied.
std::string target_query(RunContext& ctx, const std::string& definition, const TableJob& job) {
  if (ctx.database_map.empty()) {
    return definition;
  }
  auto rewritten = starrocks::rewrite_query_databases(definition, ctx.database_map);
  if (!rewritten) {
    throw FatalError("cannot rewrite the query of " + job.name() + " for the renamed databases (" +
                     rewritten.error().message() + ")");
  }
  return std::move(rewritten).value();
}

// The creating statement for the target, and the warnings of the rewrite.
Statement create_statement(RunContext& ctx, const TableJob& job, AnyModel& model,
                           std::vector<std::string>& warnings) {
  if (auto* table = std::get_if<TableModel>(&model)) {
    starrocks::TargetRewriteOptions options;
    if (ctx.options.replication > 0) {
      options.replication_num = ctx.options.replication;
    }
    options.target_shared_data = ctx.target.shared_data;
    auto rewritten = starrocks::rewrite_for_target(*table, options);
    warnings = rewritten.warnings;
    rewritten.table.name = job.target.table;
    return target_ddl(starrocks::build_create_table(rewritten.table, job.target.database, true),
                      true);
  }
  if (auto* view = std::get_if<ViewModel>(&model)) {
    view->definition = target_query(ctx, view->definition, job);
    return target_ddl(starrocks::build_create_view(*view, job.target), false);
  }
  auto& mv = std::get<MaterializedViewModel>(model);
  mv.definition = target_query(ctx, mv.definition, job);
  return target_ddl(starrocks::build_create_materialized_view(mv, job.target), true);
}

// The source's view or MV as this run would create it, next to the target's: equal or not.
template <class Model>
bool same_query_object(RunContext& ctx, const TableJob& job, Model want, Model have) {
  want.definition = target_query(ctx, want.definition, job);
  want.name = job.target.table;
  have.name = job.target.table;
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
  const Statement create = create_statement(ctx, job, model, plan.warnings);
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

} // namespace exl::modes
