#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>

// What exists on the target before the run, read once per database the run writes to
// (SHOW DATABASES, SHOW FULL TABLES FROM `db`): planning asks it instead of probing each object.
namespace exl::modes {

class Gate;

class TargetInventory {
public:
  // Reads SHOW DATABASES and, for each of `databases` that exists, SHOW FULL TABLES.
  void load(Gate& gate, const std::set<std::string>& databases);

  bool has_database(const std::string& database) const;
  // `BASE TABLE` or `VIEW` (views and MVs), nullopt when absent.
  std::optional<std::string> object_type(const std::string& database,
                                         const std::string& name) const;

  // For objects outside the run (a view's base in another database): true when present, and
  // also when its database was not read (the target's own CREATE then decides).
  bool probably_exists(const std::string& database, const std::string& name) const;

private:
  std::set<std::string> m_databases;
  std::set<std::string> m_loaded; // databases whose objects were read
  std::map<std::string, std::map<std::string, std::string>> m_objects;
};

} // namespace exl::modes
