// -o files (issue #17): the units on their way through object storage (file_unit.hpp).
#include "exlschema/state/state_store.hpp"

#include "state/state_store_impl.hpp"

#include <array>

namespace exl::state {
namespace {

constexpr std::array<const char*, 3> k_stage_names{"exported", "copied", "loaded"};

constexpr const char* k_unit_columns =
    "SELECT source, target, table_name, unit, run_id, export_url, load_url, stage, format, "
    "source_id, source_version, objects, bytes, label, updated_ms FROM file_units ";

std::pair<TableCopy, FileUnit> read_unit(const Statement& row) {
  TableCopy copy{row.column_text(0), row.column_text(1), row.column_text(2)};
  FileUnit unit;
  unit.unit = row.column_text(3);
  unit.run_id = row.column_text(4);
  unit.export_url = row.column_text(5);
  unit.load_url = row.column_text(6);
  // An unknown stage (a newer build's) is taken as the earliest: the unit is checked again.
  unit.stage = file_stage_from(row.column_text(7)).value_or(FileStage::Exported);
  unit.format = row.column_text(8);
  unit.source_id = row.column_optional_int(9);
  unit.source_version = row.column_optional_int(10);
  unit.objects = row.column_int(11);
  unit.bytes = row.column_int(12);
  unit.label = row.column_text(13);
  unit.updated = from_epoch_ms(row.column_int(14));
  return {std::move(copy), std::move(unit)};
}

void bind_table(Statement& statement, const TableCopy& copy) {
  statement.bind(1, copy.source).bind(2, copy.target).bind(3, copy.table);
}

} // namespace

const char* to_string(FileStage stage) {
  return k_stage_names.at(static_cast<std::size_t>(stage));
}

std::optional<FileStage> file_stage_from(const std::string& text) {
  for (std::size_t i = 0; i < k_stage_names.size(); ++i) {
    if (text == k_stage_names[i]) {
      return static_cast<FileStage>(i);
    }
  }
  return std::nullopt;
}

void StateStore::put_file_unit(const TableCopy& copy, const FileUnit& unit) {
  guarded(*m_impl, m_path, "cannot record a file unit", [&] {
    Statement insert(m_impl->db, R"sql(
      INSERT OR REPLACE INTO file_units (source, target, table_name, unit, run_id, export_url,
        load_url, stage, format, source_id, source_version, objects, bytes, label, updated_ms)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15))sql");
    bind_table(insert, copy);
    insert.bind(4, unit.unit).bind(5, unit.run_id).bind(6, unit.export_url);
    insert.bind(7, unit.load_url).bind(8, std::string(to_string(unit.stage)));
    insert.bind(9, unit.format).bind(10, unit.source_id).bind(11, unit.source_version);
    insert.bind(12, unit.objects).bind(13, unit.bytes).bind(14, unit.label);
    insert.bind(15, to_epoch_ms(unit.updated));
    insert.run();
  });
}

std::optional<FileUnit> StateStore::file_unit(const TableCopy& copy, const std::string& unit) {
  return guarded(*m_impl, m_path, "cannot read a file unit", [&] {
    Statement query(m_impl->db,
                    std::string(k_unit_columns) +
                        "WHERE source = ?1 AND target = ?2 AND table_name = ?3 AND unit = ?4");
    bind_table(query, copy);
    query.bind(4, unit);
    return query.step() ? std::optional(read_unit(query).second) : std::nullopt;
  });
}

std::vector<FileUnit> StateStore::file_units(const TableCopy& copy) {
  return guarded(*m_impl, m_path, "cannot read the file units", [&] {
    Statement query(m_impl->db,
                    std::string(k_unit_columns) +
                        "WHERE source = ?1 AND target = ?2 AND table_name = ?3 ORDER BY unit");
    bind_table(query, copy);
    std::vector<FileUnit> units;
    while (query.step()) {
      units.push_back(read_unit(query).second);
    }
    return units;
  });
}

void StateStore::forget_file_units(const TableCopy& copy, const std::vector<std::string>& units) {
  if (units.empty()) {
    return;
  }
  guarded(*m_impl, m_path, "cannot forget file units", [&] {
    WriteTransaction transaction(m_impl->db);
    Statement erase(m_impl->db, "DELETE FROM file_units WHERE source = ?1 AND target = ?2 "
                                "AND table_name = ?3 AND unit = ?4");
    for (const std::string& unit : units) {
      bind_table(erase, copy);
      erase.bind(4, unit);
      erase.run();
    }
    transaction.commit();
  });
}

void StateStore::forget_file_units_under(const std::string& url_prefix) {
  guarded(*m_impl, m_path, "cannot forget file units", [&] {
    // substr, not LIKE: a URL holds '_' and '%', LIKE's wildcards.
    Statement erase(m_impl->db,
                    "DELETE FROM file_units WHERE substr(export_url, 1, length(?1)) = ?1 "
                    "OR substr(load_url, 1, length(?1)) = ?1");
    erase.bind(1, url_prefix);
    erase.run();
  });
}

} // namespace exl::state
