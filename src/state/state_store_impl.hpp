#pragma once

#include "exlschema/state/state_store.hpp"
#include "exlschema/util/errors.hpp"
#include "state/sqlite_db.hpp"
#include "state/state_file.hpp"

#include <mutex>

// StateStore's insides, shared by the .cpp files of src/state (writes, queries, partition
// versions).
namespace exl::state {

struct StateStore::Impl {
  explicit Impl(const std::string& path) : db(path) {}

  Database db;
  // Held by every public call (through `guarded`): one SQLite connection serves every thread,
  // and a transaction must not take in another thread's statements.
  std::mutex mutex;
  // The filter of the query being run, read by the SQL function exl_selected(table_name);
  // nullptr: every table is selected.
  const TableFilter* filter = nullptr;
};

// Sets `impl.filter` for the lifetime of one query.
class ScopedFilter {
public:
  ScopedFilter(StateStore::Impl& impl, const TableFilter& filter) : m_impl(impl) {
    m_impl.filter = filter ? &filter : nullptr;
  }
  ~ScopedFilter() { m_impl.filter = nullptr; }
  ScopedFilter(const ScopedFilter&) = delete;
  ScopedFilter& operator=(const ScopedFilter&) = delete;

private:
  StateStore::Impl& m_impl;
};

// Runs `work` under `impl`'s mutex, turning a SQLite error into exl::FatalError naming the store
// and `what`.
template <typename Work>
auto guarded(StateStore::Impl& impl, const std::string& path, const char* what, Work&& work) {
  const std::lock_guard lock(impl.mutex);
  try {
    return work();
  } catch (const SqliteError& e) {
    throw FatalError(state_error(path, std::string(what) + ": " + e.what(), false));
  }
}

} // namespace exl::state
