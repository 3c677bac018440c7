// -o files (files.hpp; statements in starrocks/files_sql.hpp). Per partition, one task:
//   source:    INSERT INTO FILES("path" = "s3://<source
//   bucket>/<prefix>/<run>/r<round>/<db>/<t>/<p>/",
//              ...) SELECT <cols> FROM db.t WHERE <p's exact bounds>
//   this host: (two locations) copy those objects to the target's bucket, each verified
//   target:    INSERT {INTO|OVERWRITE} t [PARTITION (p)] WITH LABEL l (cols)
//              SELECT <cols> FROM FILES("path" = "s3://<bucket>/<...>/<p>/*", ...)
//   this host: once the table's audit shows it equal, the run's objects are deleted (not with
//              -keep-files)
// Exactly once: the export writes into its own prefix, emptied before each attempt, so an export
// whose answer was lost is redone whole; the load carries the run's label and a lost answer is
// resolved by it (LoadSender). How far each unit got is kept in the state store
// (state/file_unit.hpp): a re-run after a crash reuses an export whose source partition has not
// changed (same PartitionId and VisibleVersion) and whose objects are still all there.
#include "modes/files.hpp"

#include "exlschema/modes/run_context.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/starrocks/files_sql.hpp"
#include "exlschema/starrocks/insert_sql.hpp"
#include "exlschema/starrocks/names.hpp"
#include "exlschema/starrocks/partition_sql.hpp"
#include "exlschema/state/state_store.hpp"
#include "exlschema/storage/s3_client.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/log.hpp"
#include "modes/external_copy.hpp"
#include "modes/load_sender.hpp"

#include <map>
#include <mutex>
#include <numeric>
#include <stdexcept>

namespace exl::modes {
namespace {

constexpr int k_export_attempts = 3; // an export whose outcome is unknown is redone this often

using storage::ObjectInfo;
using storage::S3Client;
using storage::StorageLocation;

starrocks::FilesStorage files_storage(const StorageLocation& location) {
  return {location.endpoint, location.region, location.path_style, location.access_key,
          location.secret_key};
}

std::uint64_t total_bytes(const std::vector<ObjectInfo>& objects) {
  return std::accumulate(objects.begin(), objects.end(), std::uint64_t{0},
                         [](std::uint64_t sum, const ObjectInfo& o) { return sum + o.size; });
}

// Everything one task needs, kept by its planned label.
struct FilesUnit {
  std::string name; // the partition
  TableJob job;
  std::vector<starrocks::Column> columns;
  std::vector<std::string> predicates;
  starrocks::FileFormat format = starrocks::FileFormat::Parquet;
  std::string export_key; // in the source location, ends with '/'
  std::string load_key;   // in the load location (= export_key with one location)
  starrocks::InsertSpec load;
  std::optional<std::int64_t> source_id;
  std::optional<std::int64_t> source_version;
};

class FilesMode final : public ExternalCopyMode {
public:
  FilesMode() : ExternalCopyMode("files") {}

protected:
  std::optional<std::string> unsupported(const RunContext& ctx,
                                         const starrocks::TableModel& model) const override {
    const auto choice = format_for(ctx, model);
    if (!choice.format) {
      return choice.refusal;
    }
    return std::nullopt;
  }
  // As for pipe: -o starrocks writes through the target's own tablet sink and carries every type.
  std::string alternative() const override { return "starrocks"; }

  std::optional<TempObject> external_table(const RunContext&, const TableJob&,
                                           const starrocks::TableModel&) const override {
    return std::nullopt; // the rows travel as objects
  }

  std::vector<Statement> load_steps(const RunContext& ctx, const TablePlan& plan,
                                    const PartitionLoad& load, bool replace) const override {
    const starrocks::TableModel& model = *plan.source_table;
    FilesUnit unit;
    unit.name = load.name;
    unit.job = plan.job;
    for (const std::string& name : starrocks::insertable_columns(model)) {
      unit.columns.push_back(*model.find_column(name));
    }
    if (!load.predicate.empty()) {
      unit.predicates.push_back(load.predicate);
    }
    if (!replace && !ctx.options.where.empty()) {
      unit.predicates.push_back(ctx.options.where);
    }
    unit.format = *format_for(ctx, model).format;
    unit.export_key = unit_key(ctx, *ctx.options.storage.source, plan.job, load.name);
    unit.load_key = unit_key(ctx, ctx.options.storage.load_location(), plan.job, load.name);
    unit.source_id = load.source_id;
    unit.source_version = load.source_version;
    starrocks::InsertSpec& spec = unit.load;
    spec.target = plan.job.target;
    spec.overwrite = replace;
    if (!load.whole_table && !load.created_by_load) {
      spec.partitions = {load.name};
    }
    spec.label = load_label(ctx, plan.job, {load.name});
    spec.columns = starrocks::insertable_columns(model);

    // (A missing partition's ADD is in the table's prepare: ExternalCopyMode::add_first.)
    std::vector<Statement> steps;
    std::string export_text = export_sql(ctx, unit);
    if (ctx.options.storage.target) {
      export_text += "\nthen this host copies " + ctx.options.storage.source->url(unit.export_key) +
                     "* to " + ctx.options.storage.target->url(unit.load_key) +
                     " (each object verified by size and MD5)";
    }
    steps.push_back(Statement{Side::Source, export_text, {}, false});
    steps.push_back(Statement{Side::Target, load_sql(ctx, unit, unit.load_key), spec.label, false});
    const std::lock_guard lock(m_mutex);
    m_units[spec.label] = std::move(unit);
    return steps;
  }

  runner::TaskResult run_task(RunContext& ctx, const TablePlan& table,
                              const TaskPlan& task) override {
    runner::TaskResult result;
    result.name = task.name;
    result.table = table.job.name();
    result.partitions = task.partitions;
    // The task's steps are for the plan; the unit carries what they say (its export, copy, load).
    const FilesUnit unit = unit_of(task.steps.back().label);
    UnitRun run(ctx, unit, result);
    run.go();
    result.status = runner::TaskStatus::Succeeded;
    return result;
  }

  void verify_table(RunContext& ctx, const TablePlan& plan,
                    report::TableReport& table_report) override {
    ExternalCopyMode::verify_table(ctx, plan, table_report);
    if (!ctx.gate.executes() || plan.tasks.empty()) {
      return;
    }
    const bool equal = table_report.status != runner::TaskStatus::Inconsistent &&
                       table_report.status != runner::TaskStatus::Failed;
    const std::string where = ctx.options.storage.source->url(table_key(ctx, plan.job));
    if (!equal) {
      table_report.notes.push_back("its objects are kept under " + where +
                                   " for a re-run; `exlSchema clean` lists them");
      return;
    }
    if (ctx.options.keep_files) {
      table_report.notes.push_back("objects kept under " + where + " (-keep-files)");
      return;
    }
    remove_table_objects(ctx, plan);
  }

private:
  // Runs one unit: export (or reuse), copy, load, recording each stage.
  class UnitRun {
  public:
    UnitRun(RunContext& ctx, const FilesUnit& unit, runner::TaskResult& result)
        : m_ctx(ctx), m_unit(unit), m_result(result), m_source(*ctx.options.storage.source),
          m_load(ctx.options.storage.load_location()), m_copy{ctx.options.source.alias,
                                                              ctx.options.target.alias,
                                                              unit.job.name()} {}

    void go() {
      // Object-store writes (emptying a prefix, the copy, deletes) are not cluster statements and
      // do not pass the gate's mutate(); they follow its decision: none without -r.
      if (!m_ctx.gate.executes()) {
        throw std::logic_error("-o files: a unit ran without -r");
      }
      std::optional<state::FileUnit> record;
      if (m_ctx.store != nullptr) {
        record = m_ctx.store->file_unit(m_copy, m_unit.name);
      }
      std::string export_key = m_unit.export_key;
      std::string load_key = m_unit.load_key;
      std::vector<ObjectInfo> objects;
      const bool reused = record && reusable(*record, export_key, objects);
      if (!reused) {
        objects = export_unit();
        record = make_record(export_key, load_key, objects);
        put(*record);
      }
      if (!m_ctx.options.storage.target) {
        load_key = export_key; // one bucket: the target reads what the source wrote
      } else {
        if (const auto key = m_load.location().url_key(record->load_url); key && reused) {
          load_key = *key;
        }
        copy_objects(*record, export_key, load_key, objects, reused);
      }
      if (total_bytes(objects) == 0) {
        empty_source();
      } else {
        load(load_key);
      }
      record->stage = state::FileStage::Loaded;
      put(*record);
    }

  private:
    // An earlier run's export of the same source partition, still complete in the bucket.
    bool reusable(const state::FileUnit& record, std::string& export_key,
                  std::vector<ObjectInfo>& objects) {
      if (record.format != starrocks::to_string(m_unit.format) || !m_unit.source_version ||
          record.source_version != m_unit.source_version || record.source_id != m_unit.source_id) {
        return false;
      }
      const auto key = m_source.location().url_key(record.export_url);
      if (!key) {
        return false;
      }
      objects = m_source.list(*key);
      if (static_cast<std::int64_t>(objects.size()) != record.objects ||
          static_cast<std::int64_t>(total_bytes(objects)) != record.bytes) {
        util::log().info("{}: the export of run {} is no longer complete in the bucket; exported "
                         "again",
                         m_result.name, record.run_id);
        return false;
      }
      export_key = *key;
      m_result.notes.push_back("reused the export of run " + record.run_id + " (" +
                               std::to_string(objects.size()) +
                               " object(s)); the source partition has not changed since");
      return true;
    }

    // INSERT INTO FILES into an emptied prefix; an export whose answer was lost is redone whole.
    std::vector<ObjectInfo> export_unit() {
      const Statement statement{Side::Source, export_sql(m_ctx, m_unit), {}, false};
      for (int attempt = 1;; ++attempt) {
        m_source.remove_prefix(m_unit.export_key);
        try {
          m_ctx.gate.mutate(statement);
          break;
        } catch (const runner::OutcomeUnknownError& e) {
          if (attempt == k_export_attempts || m_ctx.cancel.is_cancelled()) {
            throw;
          }
          m_result.notes.push_back(std::string("the export's answer was lost (") + e.what() +
                                   "); its prefix was emptied and it was exported again");
        }
      }
      return m_source.list(m_unit.export_key);
    }

    state::FileUnit make_record(const std::string& export_key, const std::string& load_key,
                                const std::vector<ObjectInfo>& objects) const {
      state::FileUnit record;
      record.unit = m_unit.name;
      record.run_id = m_ctx.options.run_id;
      record.export_url = m_source.location().url(export_key);
      record.load_url = m_load.location().url(load_key);
      record.stage = state::FileStage::Exported;
      record.format = starrocks::to_string(m_unit.format);
      record.source_id = m_unit.source_id;
      record.source_version = m_unit.source_version;
      record.objects = static_cast<std::int64_t>(objects.size());
      record.bytes = static_cast<std::int64_t>(total_bytes(objects));
      record.label = m_unit.load.label;
      return record;
    }

    void copy_objects(state::FileUnit& record, const std::string& export_key,
                      const std::string& load_key, std::vector<ObjectInfo>& objects, bool reused) {
      if (reused && record.stage >= state::FileStage::Copied) {
        const auto there = m_load.list(load_key);
        if (there.size() == objects.size() && total_bytes(there) == total_bytes(objects)) {
          return;
        }
      }
      m_load.remove_prefix(load_key);
      storage::CopyOptions options;
      options.cancelled = [this] { return m_ctx.cancel.is_cancelled(); };
      storage::copy_prefix(m_source, export_key, m_load, load_key, options);
      record.load_url = m_load.location().url(load_key);
      record.stage = state::FileStage::Copied;
      put(record);
    }

    // The source partition holds no rows, so no object was written: an appended partition has
    // nothing to load, a replaced one is emptied.
    void empty_source() {
      if (!m_unit.load.overwrite) {
        m_result.rows_moved = m_result.rows_moved.value_or(0);
        return;
      }
      m_ctx.gate.mutate(
          Statement{Side::Target,
                    starrocks::build_truncate(m_unit.job.target, m_unit.load.partitions),
                    {},
                    true});
      m_result.rows_moved = m_result.rows_moved.value_or(0);
    }

    void load(const std::string& load_key) {
      Statement statement{Side::Target, load_sql(m_ctx, m_unit, load_key), m_unit.load.label,
                          false};
      m_result.labels.push_back(statement.label);
      const LoadResult answer = send_load(m_ctx, statement, m_unit.job.target.database);
      if (answer.resolved) {
        m_result.notes.push_back("load of " + m_unit.name +
                                 ": its answer was lost; the label says " + answer.state +
                                 ", so it was not sent again");
      }
      m_result.rows_moved =
          m_result.rows_moved.value_or(0) + static_cast<std::int64_t>(answer.exec.affected_rows);
    }

    void put(const state::FileUnit& record) {
      if (m_ctx.store != nullptr) {
        state::FileUnit stamped = record;
        stamped.updated = std::chrono::system_clock::now();
        m_ctx.store->put_file_unit(m_copy, stamped);
      }
    }

    RunContext& m_ctx;
    const FilesUnit& m_unit;
    runner::TaskResult& m_result;
    S3Client m_source;
    S3Client m_load;
    state::TableCopy m_copy;
  };

  static starrocks::FormatChoice format_for(const RunContext& ctx,
                                            const starrocks::TableModel& model) {
    const StorageLocation& read_from = ctx.options.storage.load_location();
    const bool custom =
        !ctx.options.storage.source->endpoint.empty() || !read_from.endpoint.empty();
    return starrocks::choose_file_format(ctx.source.version, ctx.target.version, model,
                                         ctx.options.storage.format, custom);
  }

  // <prefix>/<run>/r<round>/<db>/<table>/
  static std::string table_key_in(const RunContext& ctx, const StorageLocation& location,
                                  const TableJob& job) {
    return location.prefix + "/" + ctx.options.run_id + "/r" +
           std::to_string(std::max(1, ctx.round)) + "/" + job.source.database + "/" +
           job.source.table + "/";
  }
  static std::string table_key(const RunContext& ctx, const TableJob& job) {
    return table_key_in(ctx, *ctx.options.storage.source, job);
  }
  static std::string unit_key(const RunContext& ctx, const StorageLocation& location,
                              const TableJob& job, const std::string& unit) {
    return table_key_in(ctx, location, job) + unit + "/";
  }

  static std::string export_sql(const RunContext& ctx, const FilesUnit& unit) {
    starrocks::FilesExportSpec spec;
    spec.source = unit.job.source;
    spec.columns = unit.columns;
    spec.predicates = unit.predicates;
    spec.format = unit.format;
    spec.url = ctx.options.storage.source->url(unit.export_key);
    spec.storage = files_storage(*ctx.options.storage.source);
    return starrocks::build_files_export(spec);
  }

  static std::string load_sql(const RunContext& ctx, const FilesUnit& unit,
                              const std::string& load_key) {
    const StorageLocation& location = ctx.options.storage.load_location();
    starrocks::InsertSpec spec = unit.load;
    spec.query = starrocks::build_files_select(unit.columns, unit.format, location.url(load_key),
                                               files_storage(location));
    return starrocks::build_insert(spec, ctx.target.version);
  }

  // Deletes this run's objects of the table, and those of earlier runs' exports it reused, in
  // both locations, then forgets its units.
  void remove_table_objects(RunContext& ctx, const TablePlan& plan) const {
    const state::TableCopy copy{ctx.options.source.alias, ctx.options.target.alias,
                                plan.job.name()};
    std::vector<std::string> prefixes{table_key(ctx, plan.job)};
    std::vector<std::string> load_prefixes;
    std::vector<std::string> units;
    if (ctx.options.storage.target) {
      load_prefixes.push_back(table_key_in(ctx, *ctx.options.storage.target, plan.job));
    }
    if (ctx.store != nullptr) {
      for (const state::FileUnit& unit : ctx.store->file_units(copy)) {
        if (unit.stage != state::FileStage::Loaded) {
          continue; // another run's unit on its way
        }
        units.push_back(unit.unit);
        if (const auto key = ctx.options.storage.source->url_key(unit.export_url)) {
          prefixes.push_back(*key);
        }
        if (ctx.options.storage.target) {
          if (const auto key = ctx.options.storage.target->url_key(unit.load_url)) {
            load_prefixes.push_back(*key);
          }
        }
      }
    }
    const S3Client source(*ctx.options.storage.source);
    std::size_t removed = 0;
    for (const std::string& prefix : prefixes) {
      removed += source.remove_prefix(prefix);
    }
    if (ctx.options.storage.target) {
      const S3Client target(*ctx.options.storage.target);
      for (const std::string& prefix : load_prefixes) {
        removed += target.remove_prefix(prefix);
      }
    }
    util::log().info("{}: deleted {} object(s) of the run from the bucket(s)", plan.job.name(),
                     removed);
    if (ctx.store != nullptr) {
      ctx.store->forget_file_units(copy, units);
    }
  }

  FilesUnit unit_of(const std::string& label) const {
    const std::lock_guard lock(m_mutex);
    return m_units.at(label);
  }

  mutable std::mutex m_mutex;
  mutable std::map<std::string, FilesUnit> m_units; // by planned label
};

} // namespace

std::unique_ptr<Mode> make_files_mode() {
  return std::make_unique<FilesMode>();
}

void check_files_options(const config::RunOptions& options) {
  if (!options.storage.source) {
    throw UsageError("exlSchema: -o files needs storage: in the configuration (" +
                     options.config_path +
                     "): the bucket the source exports to (docs/modes.md \"-o files\")");
  }
}

} // namespace exl::modes
