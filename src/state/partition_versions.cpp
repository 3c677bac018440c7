// The partition versions last seen equal (issue #10's incremental rounds).
#include "exlschema/state/state_store.hpp"

#include "state/state_store_impl.hpp"

namespace exl::state {
namespace {

constexpr const char* k_select = "SELECT partition_name, source_version, target_version, "
                                 "row_count, seen_ms, source_id, target_id, content_checked "
                                 "FROM partition_versions "
                                 "WHERE source = ?1 AND target = ?2 AND table_name = ?3";

void bind_copy(Statement& statement, const TableCopy& copy) {
  statement.bind(1, copy.source).bind(2, copy.target).bind(3, copy.table);
}

PartitionVersion read_version(const Statement& row) {
  PartitionVersion version;
  version.partition = row.column_text(0);
  version.source_version = row.column_int(1);
  version.target_version = row.column_optional_int(2);
  version.row_count = row.column_int(3);
  version.seen = from_epoch_ms(row.column_int(4));
  version.source_id = row.column_optional_int(5);
  version.target_id = row.column_optional_int(6);
  version.content_checked = row.column_int(7) != 0;
  return version;
}

void insert_versions(Database& db, const TableCopy& copy,
                     const std::vector<PartitionVersion>& versions) {
  Statement insert(db, R"sql(
    INSERT OR REPLACE INTO partition_versions (source, target, table_name, partition_name,
      source_version, target_version, row_count, seen_ms, source_id, target_id, content_checked)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11))sql");
  for (const PartitionVersion& version : versions) {
    bind_copy(insert, copy);
    insert.bind(4, version.partition).bind(5, version.source_version);
    insert.bind(6, version.target_version).bind(7, version.row_count);
    insert.bind(8, to_epoch_ms(version.seen));
    insert.bind(9, version.source_id).bind(10, version.target_id);
    insert.bind(11, static_cast<std::int64_t>(version.content_checked ? 1 : 0));
    insert.run();
  }
}

void delete_versions(Database& db, const TableCopy& copy, const std::vector<std::string>& names) {
  Statement erase(db, "DELETE FROM partition_versions WHERE source = ?1 AND target = ?2 "
                      "AND table_name = ?3 AND partition_name = ?4");
  for (const std::string& name : names) {
    bind_copy(erase, copy);
    erase.bind(4, name);
    erase.run();
  }
}

} // namespace

void StateStore::put_partition_version(const TableCopy& copy, const PartitionVersion& version) {
  guarded(*m_impl, m_path, "cannot record a partition version",
          [&] { insert_versions(m_impl->db, copy, {version}); });
}

void StateStore::record_partition_versions(const TableCopy& copy,
                                           const std::vector<PartitionVersion>& versions,
                                           const std::vector<std::string>& forget) {
  if (versions.empty() && forget.empty()) {
    return;
  }
  guarded(*m_impl, m_path, "cannot record the partition versions", [&] {
    // One transaction: a thousand partitions are one commit, and a reader never sees half.
    WriteTransaction transaction(m_impl->db);
    delete_versions(m_impl->db, copy, forget);
    insert_versions(m_impl->db, copy, versions);
    transaction.commit();
  });
}

std::optional<PartitionVersion> StateStore::partition_version(const TableCopy& copy,
                                                              const std::string& partition) {
  return guarded(*m_impl, m_path, "cannot read a partition version", [&] {
    Statement query(m_impl->db, std::string(k_select) + " AND partition_name = ?4");
    bind_copy(query, copy);
    query.bind(4, partition);
    return query.step() ? std::optional(read_version(query)) : std::nullopt;
  });
}

std::vector<PartitionVersion> StateStore::partition_versions(const TableCopy& copy) {
  return guarded(*m_impl, m_path, "cannot read the partition versions", [&] {
    Statement query(m_impl->db, std::string(k_select) + " ORDER BY partition_name");
    bind_copy(query, copy);
    std::vector<PartitionVersion> versions;
    while (query.step()) {
      versions.push_back(read_version(query));
    }
    return versions;
  });
}

void StateStore::forget_partition_versions(const TableCopy& copy) {
  guarded(*m_impl, m_path, "cannot forget the partition versions", [&] {
    Statement erase(m_impl->db, "DELETE FROM partition_versions "
                                "WHERE source = ?1 AND target = ?2 AND table_name = ?3");
    bind_copy(erase, copy);
    erase.run();
  });
}

} // namespace exl::state
