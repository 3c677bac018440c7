#include "exlschema/state/state_store.hpp"
#include "exlschema/report/run_totals.hpp"

#include "exlschema/util/redact.hpp"
#include "state/state_schema.hpp"
#include "state/state_store_impl.hpp"

#include <map>

namespace exl::state {
namespace {

// exl_selected(table_name): whether the current query's TableFilter selects the table.
void selected_function(sqlite3_context* context, int /*argc*/, sqlite3_value** argv) {
  const auto* impl = static_cast<const StateStore::Impl*>(sqlite3_user_data(context));
  const auto* text = sqlite3_value_text(argv[0]);
  const std::string_view table =
      text == nullptr ? std::string_view()
                      : std::string_view(reinterpret_cast<const char*>(text),
                                         static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
  sqlite3_result_int(context, impl->filter == nullptr || (*impl->filter)(table) ? 1 : 0);
}

void register_functions(StateStore::Impl& impl) {
  const int rc = sqlite3_create_function_v2(impl.db.handle(), "exl_selected", 1, SQLITE_UTF8, &impl,
                                            selected_function, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    throw SqliteError("cannot register exl_selected", rc);
  }
}

std::int64_t count_of(int value) {
  return value;
}

void insert_run(Database& db, const report::RunReport& run, bool finished) {
  Statement insert(db, R"sql(
    INSERT INTO runs (run_id, command_line, mode, source, target, dry_run, started_ms, ended_ms,
                      exit_code, status)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11)
    ON CONFLICT (run_id) DO UPDATE SET
      command_line = excluded.command_line, mode = excluded.mode, source = excluded.source,
      target = excluded.target, dry_run = excluded.dry_run, started_ms = excluded.started_ms,
      ended_ms = excluded.ended_ms, exit_code = excluded.exit_code, status = excluded.status
    WHERE ?10)sql");
  insert.bind(1, run.run_id).bind(2, util::redact(run.command_line)).bind(3, run.mode);
  insert.bind(4, run.source).bind(5, run.target).bind(6, std::int64_t{run.dry_run ? 1 : 0});
  insert.bind(7, to_epoch_ms(run.start));
  insert.bind(8, finished ? std::optional(to_epoch_ms(run.end)) : std::nullopt);
  insert.bind(9, finished ? std::optional(count_of(run.exit_code)) : std::nullopt);
  insert.bind(10, std::int64_t{finished ? 1 : 0});
  insert.bind(11, finished ? "finished" : "running");
  insert.run();
  if (!finished && sqlite3_changes(db.handle()) == 0) {
    throw SqliteError("run " + run.run_id + " was already recorded", SQLITE_CONSTRAINT);
  }
}

void insert_tables(Database& db, const report::RunReport& run) {
  const auto rows = report::rows_moved_per_table(run);
  Statement insert(db, R"sql(
    INSERT OR REPLACE INTO run_tables (run_id, table_name, target_table, mode, status, rows_moved,
      source_rows, target_rows, partitions_audited, partitions_rewritten, elapsed_ms, error,
      outcome, recommended_mode)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14))sql");
  for (const auto& table : run.tables) {
    const auto moved = rows.find(table.table);
    insert.bind(1, run.run_id).bind(2, table.table);
    insert.bind(3, table.target_table.empty() ? table.table : table.target_table);
    insert.bind(4, table.mode.empty() ? run.mode : table.mode);
    insert.bind(5, runner::to_string(table.status));
    insert.bind(6, moved == rows.end() ? std::nullopt : std::optional(moved->second));
    insert.bind(7, table.source_rows).bind(8, table.target_rows);
    insert.bind(9, count_of(table.partitions_audited));
    insert.bind(10, count_of(table.partitions_rewritten));
    insert.bind(11, std::int64_t{table.elapsed.count()});
    insert.bind(12, util::redact(table.error)).bind(13, table.outcome);
    insert.bind(14, table.recommended_mode);
    insert.run();
  }
}

void insert_task_lists(Database& db, const std::string& run_id, std::int64_t seq,
                       const runner::TaskResult& task) {
  Statement partition(db, "INSERT INTO task_partitions (run_id, seq, partition_name) "
                          "VALUES (?1, ?2, ?3)");
  for (const auto& name : task.partitions) {
    partition.bind(1, run_id).bind(2, seq).bind(3, name).run();
  }
  Statement label(db, "INSERT INTO task_labels (run_id, seq, label) VALUES (?1, ?2, ?3)");
  for (const auto& name : task.labels) {
    label.bind(1, run_id).bind(2, seq).bind(3, name).run();
  }
}

void insert_tasks(Database& db, const report::RunReport& run) {
  Statement insert(db, R"sql(
    INSERT INTO run_tasks (run_id, seq, task_id, name, table_name, status, attempts, rows_moved,
                           started_ms, ended_ms, error)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  std::int64_t seq = 0;
  for (const auto& task : run.tasks) {
    insert.bind(1, run.run_id).bind(2, seq).bind(3, task.task_id).bind(4, task.name);
    insert.bind(5, report::table_of(task)).bind(6, runner::to_string(task.status));
    insert.bind(7, count_of(task.attempts)).bind(8, task.rows_moved);
    insert.bind(9, to_epoch_ms(task.start)).bind(10, to_epoch_ms(task.end));
    insert.bind(11, util::redact(task.error));
    insert.run();
    insert_task_lists(db, run.run_id, seq, task);
    ++seq;
  }
}

void delete_details(Database& db, const std::string& run_id) {
  for (const char* sql :
       {"DELETE FROM run_tables WHERE run_id = ?1", "DELETE FROM run_tasks WHERE run_id = ?1"}) {
    Statement(db, sql).bind(1, run_id).run();
  }
}

} // namespace

StateStore::StateStore(const std::string& path) : m_path(path) {
  prepare_state_file(path);
  try {
    m_impl = std::make_unique<Impl>(path);
    register_functions(*m_impl);
  } catch (const SqliteError& e) {
    throw ConfigError(state_error(path, e.what()));
  }
  open_schema(m_impl->db, path);
}

StateStore::~StateStore() = default;
StateStore::StateStore(StateStore&&) noexcept = default;
StateStore& StateStore::operator=(StateStore&&) noexcept = default;

void StateStore::begin_run(const report::RunReport& header) {
  guarded(*m_impl, m_path, "cannot record the start of the run", [&] {
    WriteTransaction transaction(m_impl->db);
    insert_run(m_impl->db, header, false);
    insert_tables(m_impl->db, header);
    transaction.commit();
  });
}

void StateStore::finish_run(const report::RunReport& report) {
  guarded(*m_impl, m_path, "cannot record the end of the run", [&] {
    WriteTransaction transaction(m_impl->db);
    insert_run(m_impl->db, report, true);
    delete_details(m_impl->db, report.run_id);
    insert_tables(m_impl->db, report);
    insert_tasks(m_impl->db, report);
    transaction.commit();
  });
}

} // namespace exl::state
