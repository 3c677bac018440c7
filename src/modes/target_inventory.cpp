#include "exlschema/modes/target_inventory.hpp"

#include "exlschema/modes/gate.hpp"
#include "exlschema/starrocks/partition_sql.hpp"

namespace exl::modes {

void TargetInventory::load(Gate& gate, const std::set<std::string>& databases) {
  for (const auto& row : gate.read(Side::Target, starrocks::build_show_databases()).rows) {
    if (!row.empty() && row[0]) {
      m_databases.insert(*row[0]);
    }
  }
  for (const std::string& database : databases) {
    if (m_databases.count(database) == 0) {
      continue;
    }
    const db::ResultSet rs = gate.read(Side::Target, starrocks::build_show_full_tables(database));
    m_loaded.insert(database);
    auto& objects = m_objects[database];
    for (const auto& row : rs.rows) {
      if (row.size() >= 2 && row[0]) {
        objects[*row[0]] = row[1].value_or("BASE TABLE");
      }
    }
  }
}

bool TargetInventory::probably_exists(const std::string& database, const std::string& name) const {
  if (!has_database(database)) {
    return false;
  }
  return m_loaded.count(database) == 0 || object_type(database, name).has_value();
}

bool TargetInventory::has_database(const std::string& database) const {
  return m_databases.count(database) != 0;
}

std::optional<std::string> TargetInventory::object_type(const std::string& database,
                                                        const std::string& name) const {
  const auto db = m_objects.find(database);
  if (db == m_objects.end()) {
    return std::nullopt;
  }
  const auto it = db->second.find(name);
  return it == db->second.end() ? std::nullopt : std::optional<std::string>(it->second);
}

} // namespace exl::modes
