// Step (2)+(3) of a load (insert.cpp): one InnoDB transaction for data, label and versions.

#include "backend_errors.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "handlers.hpp"
#include "load_job.hpp"
#include "temp_partitions.hpp"

#include <algorithm>

namespace srsim::engine {

void LoadJob::write_and_commit(const std::set<std::string>& touched) {
  std::string tref = table_ref(m_model.db, m_model.name);
  std::vector<std::string> targets;
  if (m_stmt.overwrite) {
    targets = overwrite_targets(touched);
  }
  run_watched(m_ctx, m_deadline, true, [&] { copy_rows(tref, targets); });
  commit_metadata(touched, targets);
}

void LoadJob::copy_rows(const std::string& tref, const std::vector<std::string>& targets) {
  m_ctx.conn.exec("START TRANSACTION");
  m_in_txn = true;
  if (m_stmt.overwrite && m_model.partition.type == "NONE") {
    m_ctx.conn.exec("DELETE FROM " + tref);
  } else if (m_stmt.overwrite && !targets.empty()) {
    m_ctx.conn.exec("DELETE FROM " + tref + " PARTITION (" + join_idents(targets) + ")");
  }
  if (m_stmt.temporary) {
    std::uint64_t outside =
        write_temp_rows(m_ctx, m_model, m_temp_targets, m_stage, write_verb(), column_list(),
                        [&](const std::string& target) { return upsert_tail(target); });
    if (outside > 0) { // as MariaDB's "no matching partition" for formal partitions
      throw EngineError(filtered_data_error(m_ctx.state.config.http_port, m_txn_id));
    }
    return;
  }
  if (m_rows > 0) {
    // The explicit partition set makes MariaDB reject rows outside the (named) partitions.
    m_ctx.conn.exec(write_verb() + " INTO " + tref + partition_clause() + column_list() +
                    " SELECT * FROM " + m_stage + upsert_tail(tref));
  }
}

void LoadJob::commit_metadata(const std::set<std::string>& touched,
                              const std::vector<std::string>& targets) {
  // No process-wide lock here: partition state rows are updated inside this transaction, so
  // concurrent loads serialise per partition in InnoDB and a DDL statement waiting for this
  // transaction's table lock cannot deadlock with it.
  MetadataStore& store = m_ctx.state.store;
  std::vector<std::string> bumped;
  for (const std::string& name : touched) {
    if (std::find(targets.begin(), targets.end(), name) == targets.end()) {
      bumped.push_back(name);
    }
  }
  for (const std::string& name : targets) {
    // OVERWRITE swaps in new partitions (temp partitions + REPLACE): a new id, version 1,
    // plus this load's version when it received rows.
    store.set_partition_state(m_ctx.conn, m_model, name, store.next_id(),
                              touched.count(name) ? 2 : 1);
  }
  if (m_stmt.temporary) {
    bump_temp_versions(m_ctx.conn, m_model, bumped);
  } else {
    store.bump_versions(m_ctx.conn, m_model, bumped);
  }
  try {
    store.record_label(m_ctx.conn, m_model.db, m_stmt.label, m_txn_id);
    if (!m_remote && !m_stmt.stage_rows) {
      finish_load_record(m_ctx.conn, record("FINISHED", ""));
    }
  } catch (const BackendError& e) {
    if (e.code() == 1062) {
      fail_plain(1064, "Label [" + m_stmt.label + "] has already been used.");
    }
    throw;
  }
  m_ctx.conn.exec("COMMIT");
  m_in_txn = false;
}

} // namespace srsim::engine
