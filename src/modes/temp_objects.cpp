#include "exlschema/modes/temp_objects.hpp"

#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <vector>

namespace exl::modes {

std::size_t TempObjects::add(Statement drop) {
  const std::lock_guard lock(m_mutex);
  const std::size_t handle = m_next++;
  m_objects.emplace(handle, std::move(drop));
  return handle;
}

bool TempObjects::drop(std::size_t handle) noexcept {
  Statement statement;
  {
    const std::lock_guard lock(m_mutex);
    const auto it = m_objects.find(handle);
    if (it == m_objects.end()) {
      return true;
    }
    statement = it->second;
  }
  try {
    m_gate.mutate(statement);
  } catch (const std::exception& e) {
    util::log().error("could not drop a temporary object ({}): {}; `exlSchema clean` removes it",
                      util::redact(statement.sql), util::redact(e.what()));
    return false;
  }
  const std::lock_guard lock(m_mutex);
  m_objects.erase(handle);
  return true;
}

int TempObjects::drop_all() noexcept {
  std::vector<std::size_t> handles;
  {
    const std::lock_guard lock(m_mutex);
    for (const auto& [handle, statement] : m_objects) {
      handles.push_back(handle);
    }
  }
  int failed = 0;
  for (auto it = handles.rbegin(); it != handles.rend(); ++it) { // newest first
    failed += drop(*it) ? 0 : 1;
  }
  return failed;
}

std::size_t TempObjects::size() const {
  const std::lock_guard lock(m_mutex);
  return m_objects.size();
}

} // namespace exl::modes
