// -o mysql (PRODUCT.md §4.3, issue #12; external_copy.hpp). Statements, in order:
//   target: the structure statements (structure.hpp); TRUNCATE TABLE t [PARTITION ..] (-truncate)
//   target: CREATE EXTERNAL TABLE `db`.`exl_tmp_<run>__<t>` (<source columns>) ENGINE=MYSQL
//           PROPERTIES ("host", "port" = the source FE's query port, "user", "password",
//           "database", "table" = the source table)
//   target, per partition: [ALTER TABLE t ADD PARTITION IF NOT EXISTS ..] then
//           INSERT INTO t WITH LABEL l (cols) SELECT cols FROM `db`.`exl_tmp_..`
//           WHERE <p's exact bounds> [AND (-where)]                         (a first load)
//           INSERT OVERWRITE t PARTITION (p) WITH LABEL l (cols) SELECT ..  (an incremental round)
//   target: DROP TABLE IF EXISTS `db`.`exl_tmp_..`
// The source only receives the external table's scans (and the audit's reads).
#include "modes/mysql.hpp"

#include "exlschema/modes/run_context.hpp"
#include "exlschema/starrocks/external_table_sql.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/util/log.hpp"
#include "modes/external_copy.hpp"

namespace exl::modes {
namespace {

class MysqlMode final : public ExternalCopyMode {
public:
  MysqlMode() : ExternalCopyMode("mysql") {}

  std::vector<Statement> plan_run(RunContext& ctx) override {
    if (starrocks::supports(ctx.target.version, starrocks::Feature::JdbcCatalog)) {
      util::log().warn("MySQL external tables are deprecated in StarRocks {} (the docs recommend "
                       "a JDBC catalog from 3.1): -o v1..v5 copy through one",
                       ctx.target.version.text);
    }
    return {};
  }

protected:
  std::optional<std::string> unsupported(const RunContext&,
                                         const starrocks::TableModel& model) const override {
    return starrocks::mysql_external_unsupported(model);
  }
  std::string alternative() const override { return "starrocks"; }

  std::optional<TempObject> external_table(const RunContext& ctx, const TableJob& job,
                                           const starrocks::TableModel& model) const override {
    const starrocks::TableRef ext{{}, job.target.database, external_name(ctx, job)};
    starrocks::ExternalConnection source;
    source.host = ctx.options.source.connection.host;
    source.port = ctx.options.source.connection.port;
    source.user = ctx.options.source.connection.user;
    source.password = ctx.options.source.connection.password;
    source.database = job.source.database;
    source.table = job.source.table;
    return TempObject{Statement{Side::Target,
                                starrocks::build_create_mysql_external_table(ext, model, source),
                                {},
                                false},
                      Statement{Side::Target, starrocks::build_drop_table(ext), {}, true}};
  }

  std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                    const PartitionLoad& load, bool replace) const override {
    std::vector<Statement> steps;
    if (load.add) {
      steps.push_back(Statement{Side::Target, *load.add, {}, true});
    }
    const starrocks::TableRef ext{{}, plan.job.target.database, external_name(ctx, plan.job)};
    // A first load appends (-where applies); a replacement overwrites the whole partition.
    steps.push_back(load_statement(ctx, plan.job, *plan.source_table, ext, {load}, !replace,
                                   replace ? std::string_view() : ctx.options.where));
    return steps;
  }
};

} // namespace

std::unique_ptr<Mode> make_mysql_mode() {
  return std::make_unique<MysqlMode>();
}

} // namespace exl::modes
