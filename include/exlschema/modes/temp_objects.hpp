#pragma once

#include "exlschema/modes/gate.hpp"

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

// The temporary objects of a run (catalogs, external tables, tasks, staging tables), all named
// `exl_tmp_<run>__...` (starrocks::make_temp_name) so that `clean` finds what a crash leaves.
// A mode registers the drop statement the moment the object exists; TempGuard drops it when the
// mode is done with it, and drop_all() drops whatever is left at the end of the run: on success,
// failure, exception and SIGINT/SIGTERM (the drops run even though the run is cancelled).
namespace exl::modes {

class TempObjects {
public:
  // `gate` must not carry the run's cancel token: cleanup runs after a cancellation.
  explicit TempObjects(Gate& cleanup_gate) : m_gate(cleanup_gate) {}
  ~TempObjects() { drop_all(); }
  TempObjects(const TempObjects&) = delete;
  TempObjects& operator=(const TempObjects&) = delete;

  // Registers `drop` (an IF EXISTS statement) for an object just created; returns its handle.
  std::size_t add(Statement drop);
  // Drops the object now; false (and logged) when the drop failed (it stays registered).
  bool drop(std::size_t handle) noexcept;
  // Drops every registered object; returns how many could not be dropped. Never throws.
  int drop_all() noexcept;
  std::size_t size() const;

private:
  Gate& m_gate;
  mutable std::mutex m_mutex;
  std::map<std::size_t, Statement> m_objects;
  std::size_t m_next = 1;
};

// Drops its object on destruction (also during stack unwinding) unless release()d.
class TempGuard {
public:
  TempGuard(TempObjects& objects, Statement drop)
      : m_objects(&objects), m_handle(objects.add(std::move(drop))) {}
  ~TempGuard() {
    if (m_objects != nullptr) {
      m_objects->drop(m_handle);
    }
  }
  TempGuard(const TempGuard&) = delete;
  TempGuard& operator=(const TempGuard&) = delete;

private:
  TempObjects* m_objects;
  std::size_t m_handle;
};

} // namespace exl::modes
