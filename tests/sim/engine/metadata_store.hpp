#pragma once

// The engine's own catalog, kept in the `__srsim` database of the cluster's MariaDB so that it
// survives sessions and srsim restarts: object models (tables, views, MVs, external tables),
// load labels, JDBC catalogs, tasks and task runs, and an id counter.

#include "backend.hpp"
#include "model.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace srsim::engine {

inline constexpr const char* k_meta_db = "__srsim";
inline constexpr const char* k_fed_db = "__srsim_fed";

struct CatalogDef {
  std::string name;
  std::string comment;
  Properties properties;
};

class MetadataStore {
public:
  explicit MetadataStore(const StorageConfig& storage);

  // Creates the schema and helper functions when missing.
  void bootstrap();

  // Models come with PartitionId / VisibleVersion / VisibleVersionTime overlaid from
  // `__srsim`.partition_state, the only place loads change (see save()).
  std::optional<TableModel> load(Backend& conn, const std::string& db, const std::string& name);
  std::vector<TableModel> load_db(Backend& conn, const std::string& db);
  // Saves the model; partition state rows are created for new partitions and deleted for
  // partitions that are gone, but existing rows are left alone so that a DDL statement holding a
  // model read before a concurrent load cannot undo that load's version bump.
  void save(Backend& conn, const TableModel& model);
  // Within the caller's transaction: the partition `name` gets `id`, `version`, now.
  void set_partition_state(Backend& conn, const TableModel& model, const std::string& name,
                           std::int64_t id, std::int64_t version);
  // Within the caller's transaction: VisibleVersion + 1 for the named partitions.
  void bump_versions(Backend& conn, const TableModel& model, const std::vector<std::string>& names);
  void remove(Backend& conn, const std::string& db, const std::string& name);
  void remove_db(Backend& conn, const std::string& db);

  // A fresh id for partitions, tables and transactions (monotonic across restarts).
  std::int64_t next_id();

  bool label_exists(Backend& conn, const std::string& db, const std::string& label);
  // Records `label`; throws BackendError 1062 when another load took it meanwhile.
  void record_label(Backend& conn, const std::string& db, const std::string& label,
                    std::int64_t txn_id);

  std::vector<CatalogDef> catalogs();
  std::optional<CatalogDef> catalog(const std::string& name);
  void save_catalog(const CatalogDef& def);
  void remove_catalog(const std::string& name);

  Backend& meta_conn() { return m_conn; }
  std::mutex& mutex() { return m_mutex; }

private:
  std::mutex m_mutex; // serialises metadata read-modify-write inside this process
  Backend m_conn;
  std::mutex m_id_mutex; // ids come from their own connection so callers may hold m_mutex
  Backend m_id_conn;
};

std::string props_to_json(const Properties& props);
Properties props_from_json(const std::string& text);

} // namespace srsim::engine
