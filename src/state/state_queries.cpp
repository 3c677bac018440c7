// The read side of the state store: what `exlSchema history` shows, and a run's tasks.
#include "exlschema/state/state_store.hpp"

#include "state/state_store_impl.hpp"

#include <array>

namespace exl::state {
namespace {

// The statuses counted as failures in the overview.
constexpr const char* k_failed_statuses = "('failed', 'inconsistent', 'cancelled')";

std::string recent_runs_sql() {
  const std::string selected = "FROM run_tables t WHERE t.run_id = r.run_id AND "
                               "exl_selected(t.table_name)";
  return "SELECT r.run_id, r.command_line, r.mode, r.source, r.target, r.dry_run, r.started_ms, "
         "r.ended_ms, r.exit_code, r.status, "
         "(SELECT count(*) " +
         selected +
         "), "
         "(SELECT count(*) " +
         selected +
         " AND t.status = 'ok'), "
         "(SELECT count(*) " +
         selected + " AND t.status IN " + k_failed_statuses +
         "), "
         "(SELECT sum(t.rows_moved) " +
         selected +
         ") "
         "FROM runs r WHERE ?1 = 0 OR EXISTS (SELECT 1 " +
         selected +
         ") "
         "ORDER BY r.started_ms DESC, r.run_id DESC LIMIT ?2";
}

// The columns read_table_run reads, from run_tables `t` joined to runs `r`.
constexpr const char* k_table_run_select = R"sql(
  SELECT r.run_id, r.started_ms, r.dry_run, r.status, t.table_name, t.target_table, t.mode,
         t.status, t.rows_moved, t.source_rows, t.target_rows, t.partitions_audited,
         t.partitions_rewritten, t.elapsed_ms, t.error, t.outcome, t.recommended_mode
  FROM run_tables t JOIN runs r ON r.run_id = t.run_id)sql";

RunSummary read_run(const Statement& row) {
  RunSummary run;
  run.run_id = row.column_text(0);
  run.command_line = row.column_text(1);
  run.mode = row.column_text(2);
  run.source = row.column_text(3);
  run.target = row.column_text(4);
  run.dry_run = row.column_int(5) != 0;
  run.start = from_epoch_ms(row.column_int(6));
  if (const auto end = row.column_optional_int(7)) {
    run.end = from_epoch_ms(*end);
  }
  if (const auto code = row.column_optional_int(8)) {
    run.exit_code = static_cast<int>(*code);
  }
  run.finished = row.column_text(9) == "finished";
  run.tables_total = static_cast<int>(row.column_int(10));
  run.tables_ok = static_cast<int>(row.column_int(11));
  run.tables_failed = static_cast<int>(row.column_int(12));
  run.rows_moved = row.column_optional_int(13);
  return run;
}

TableRun read_table_run(const Statement& row) {
  TableRun run;
  run.run_id = row.column_text(0);
  run.run_start = from_epoch_ms(row.column_int(1));
  run.dry_run = row.column_int(2) != 0;
  run.run_finished = row.column_text(3) == "finished";
  run.table = row.column_text(4);
  run.target_table = row.column_text(5);
  run.mode = row.column_text(6);
  run.status = row.column_text(7);
  run.rows_moved = row.column_optional_int(8);
  run.source_rows = row.column_optional_int(9);
  run.target_rows = row.column_optional_int(10);
  run.partitions_audited = static_cast<int>(row.column_int(11));
  run.partitions_rewritten = static_cast<int>(row.column_int(12));
  run.elapsed = std::chrono::milliseconds(row.column_int(13));
  run.error = row.column_text(14);
  run.outcome = row.column_text(15);
  run.recommended_mode = row.column_text(16);
  return run;
}

runner::TaskStatus status_from_text(const std::string& text) {
  using runner::TaskStatus;
  constexpr std::array k_all{TaskStatus::Pending,  TaskStatus::Running, TaskStatus::Succeeded,
                             TaskStatus::Failed,   TaskStatus::Skipped, TaskStatus::Inconsistent,
                             TaskStatus::Cancelled};
  for (const TaskStatus status : k_all) {
    if (text == runner::to_string(status)) {
      return status;
    }
  }
  return TaskStatus::Pending;
}

std::vector<std::string> task_list(Database& db, const char* sql, const std::string& run_id,
                                   std::int64_t seq) {
  Statement query(db, sql);
  query.bind(1, run_id).bind(2, seq);
  std::vector<std::string> values;
  while (query.step()) {
    values.push_back(query.column_text(0));
  }
  return values;
}

runner::TaskResult read_task(Database& db, const std::string& run_id, const Statement& row) {
  runner::TaskResult task;
  const std::int64_t seq = row.column_int(0);
  task.task_id = row.column_text(1);
  task.name = row.column_text(2);
  task.table = row.column_text(3);
  task.status = status_from_text(row.column_text(4));
  task.attempts = static_cast<int>(row.column_int(5));
  task.rows_moved = row.column_optional_int(6);
  task.start = from_epoch_ms(row.column_int(7));
  task.end = from_epoch_ms(row.column_int(8));
  task.error = row.column_text(9);
  task.partitions = task_list(db,
                              "SELECT partition_name FROM task_partitions WHERE run_id = ?1 "
                              "AND seq = ?2 ORDER BY rowid",
                              run_id, seq);
  task.labels =
      task_list(db, "SELECT label FROM task_labels WHERE run_id = ?1 AND seq = ?2 ORDER BY rowid",
                run_id, seq);
  return task;
}

} // namespace

std::vector<RunSummary> StateStore::recent_runs(int limit, const TableFilter& filter) {
  return guarded(*m_impl, m_path, "cannot read the run history", [&] {
    const ScopedFilter scope(*m_impl, filter);
    Statement query(m_impl->db, recent_runs_sql());
    query.bind(1, std::int64_t{filter ? 1 : 0}).bind(2, std::int64_t{limit});
    std::vector<RunSummary> runs;
    while (query.step()) {
      runs.push_back(read_run(query));
    }
    return runs;
  });
}

std::vector<std::string> StateStore::tables(const TableFilter& filter) {
  return guarded(*m_impl, m_path, "cannot read the run history", [&] {
    const ScopedFilter scope(*m_impl, filter);
    Statement query(m_impl->db, "SELECT DISTINCT table_name FROM run_tables "
                                "WHERE exl_selected(table_name) ORDER BY table_name");
    std::vector<std::string> names;
    while (query.step()) {
      names.push_back(query.column_text(0));
    }
    return names;
  });
}

std::vector<TableRun> StateStore::table_runs(const std::string& table, int limit) {
  return guarded(*m_impl, m_path, "cannot read the run history", [&] {
    Statement query(m_impl->db, std::string(k_table_run_select) + R"sql(
      WHERE t.table_name = ?1
      ORDER BY r.started_ms DESC, r.run_id DESC LIMIT ?2)sql");
    query.bind(1, table).bind(2, std::int64_t{limit});
    std::vector<TableRun> runs;
    while (query.step()) {
      runs.push_back(read_table_run(query));
    }
    return runs;
  });
}

std::vector<TableRun> StateStore::run_tables(const std::string& run_id) {
  return guarded(*m_impl, m_path, "cannot read the run history", [&] {
    Statement query(m_impl->db,
                    std::string(k_table_run_select) + " WHERE t.run_id = ?1 ORDER BY t.table_name");
    query.bind(1, run_id);
    std::vector<TableRun> tables;
    while (query.step()) {
      tables.push_back(read_table_run(query));
    }
    return tables;
  });
}

std::vector<runner::TaskResult> StateStore::run_tasks(const std::string& run_id) {
  return guarded(*m_impl, m_path, "cannot read the run history", [&] {
    Statement query(m_impl->db, R"sql(
      SELECT seq, task_id, name, table_name, status, attempts, rows_moved, started_ms, ended_ms,
             error
      FROM run_tasks WHERE run_id = ?1 ORDER BY seq)sql");
    query.bind(1, run_id);
    std::vector<runner::TaskResult> tasks;
    while (query.step()) {
      tasks.push_back(read_task(m_impl->db, run_id, query));
    }
    return tasks;
  });
}

} // namespace exl::state
