#include "exlschema/modes/table_resolver.hpp"

#include "exlschema/modes/gate.hpp"
#include "exlschema/starrocks/partition_sql.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>

namespace exl::modes {
namespace {

using config::TablePattern;

bool has_glob(const std::string& text) {
  return text.find_first_of("*?[") != std::string::npos;
}

bool matches(const std::string& pattern, const std::string& name) {
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

bool is_system_database(const std::string& name) {
  return name == "information_schema" || name == "_statistics_" || name == "sys";
}

// The source's databases and their objects, each read once.
class SourceListing {
public:
  explicit SourceListing(Gate& gate) : m_gate(gate) {
    for (const auto& row : gate.read(Side::Source, starrocks::build_show_databases()).rows) {
      if (!row.empty() && row[0]) {
        m_databases.push_back(*row[0]);
      }
    }
  }

  std::vector<std::string> databases(const std::string& pattern) const {
    std::vector<std::string> out;
    for (const auto& db : m_databases) {
      if (has_glob(pattern) ? (!is_system_database(db) && matches(pattern, db)) : db == pattern) {
        out.push_back(db);
      }
    }
    return out;
  }

  // (name, SHOW FULL TABLES type) in the server's order.
  const std::vector<std::pair<std::string, std::string>>& objects(const std::string& database) {
    auto it = m_objects.find(database);
    if (it == m_objects.end()) {
      std::vector<std::pair<std::string, std::string>> list;
      const auto rs = m_gate.read(Side::Source, starrocks::build_show_full_tables(database));
      for (const auto& row : rs.rows) {
        if (row.size() >= 2 && row[0]) {
          list.emplace_back(*row[0], row[1].value_or("BASE TABLE"));
        }
      }
      it = m_objects.emplace(database, std::move(list)).first;
    }
    return it->second;
  }

private:
  Gate& m_gate;
  std::vector<std::string> m_databases;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> m_objects;
};

// The target name of source object `db`.`table` matched by `pattern` (a rename entry names it).
starrocks::TableRef target_of(const TablePattern& pattern, const std::string& database,
                              const std::string& table) {
  return {{}, pattern.target_database_for(database), pattern.target_table_for(table)};
}

// Every object `pattern` names, in the server's order.
std::vector<TableJob> expand(SourceListing& listing, const TablePattern& pattern,
                             config::Level level) {
  std::vector<TableJob> out;
  for (const auto& database : listing.databases(pattern.database)) {
    for (const auto& [name, type] : listing.objects(database)) {
      const bool whole_db = level == config::Level::Database || pattern.table.empty();
      if (!whole_db &&
          (has_glob(pattern.table) ? !matches(pattern.table, name) : name != pattern.table)) {
        continue;
      }
      TableJob job;
      job.source = {{}, database, name};
      job.target = target_of(pattern, database, name);
      job.kind = type == "VIEW" ? ObjectKind::View : ObjectKind::Table;
      out.push_back(std::move(job));
    }
  }
  return out;
}

bool excluded(const std::vector<TablePattern>& excludes, const TableJob& job) {
  return std::any_of(excludes.begin(), excludes.end(), [&](const TablePattern& x) {
    return matches(x.database, job.source.database) &&
           (x.table.empty() || matches(x.table, job.source.table));
  });
}

// A source an explicit rename entry names gets that entry's target even where a glob listed it
// first (`-t d.*,d.a=e.b`).
std::map<std::pair<std::string, std::string>, starrocks::TableRef>
explicit_renames(SourceListing& listing, const config::RunOptions& options) {
  std::map<std::pair<std::string, std::string>, starrocks::TableRef> out;
  for (const TablePattern& pattern : options.tables) {
    if (pattern.renames()) {
      for (const TableJob& job : expand(listing, pattern, options.level)) {
        out.emplace(std::pair{job.source.database, job.source.table}, job.target);
      }
    }
  }
  return out;
}

} // namespace

Resolution resolve_tables(Gate& gate, const config::RunOptions& options) {
  SourceListing listing(gate);
  const auto renames = explicit_renames(listing, options);
  Resolution out;
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::pair<std::string, std::string>, std::string> targets; // target -> source
  for (const TablePattern& pattern : options.tables) {
    std::vector<TableJob> found = expand(listing, pattern, options.level);
    if (found.empty()) {
      out.unmatched.push_back(pattern.full_text());
    }
    for (TableJob& job : found) {
      if (excluded(options.excludes, job) ||
          !seen.emplace(job.source.database, job.source.table).second) {
        continue;
      }
      if (const auto it = renames.find({job.source.database, job.source.table});
          it != renames.end()) {
        job.target = it->second;
      }
      const auto [at, fresh] =
          targets.emplace(std::pair{job.target.database, job.target.table}, job.name());
      if (!fresh) {
        out.conflicts.push_back(job.name() + " and " + at->second + " would both be copied to " +
                                job.target.database + "." + job.target.table);
        continue;
      }
      out.jobs.push_back(job);
    }
  }
  return out;
}

} // namespace exl::modes
