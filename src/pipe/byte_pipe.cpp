#include "exlschema/pipe/byte_pipe.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace exl::pipe {

void BytePipe::write(std::string_view bytes) {
  while (!bytes.empty()) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_abandoned || m_buffer.size() - m_start < m_capacity; });
    if (m_abandoned) {
      throw std::runtime_error("the Stream Load request ended before the body was sent");
    }
    if (m_start > 0 && m_start == m_buffer.size()) {
      m_buffer.clear();
      m_start = 0;
    }
    const std::size_t room = m_capacity - (m_buffer.size() - m_start);
    const std::size_t n = std::min(room, bytes.size());
    m_buffer.append(bytes.substr(0, n));
    bytes.remove_prefix(n);
    m_changed.notify_all();
  }
}

void BytePipe::close() {
  const std::lock_guard lock(m_mutex);
  m_closed = true;
  m_changed.notify_all();
}

void BytePipe::fail(const std::string& message) {
  const std::lock_guard lock(m_mutex);
  m_failure = message.empty() ? std::string("failed") : message;
  m_closed = true;
  m_changed.notify_all();
}

long BytePipe::read(char* out, std::size_t size) {
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return m_closed || m_start < m_buffer.size(); });
  if (!m_failure.empty()) {
    return -1;
  }
  const std::size_t n = std::min(size, m_buffer.size() - m_start);
  std::memcpy(out, m_buffer.data() + m_start, n);
  m_start += n;
  m_read += n;
  if (m_start > m_capacity) { // compact now and then, so the buffer does not grow
    m_buffer.erase(0, m_start);
    m_start = 0;
  }
  m_changed.notify_all();
  return static_cast<long>(n);
}

void BytePipe::abandon() {
  const std::lock_guard lock(m_mutex);
  m_abandoned = true;
  m_changed.notify_all();
}

std::string BytePipe::failure() const {
  const std::lock_guard lock(m_mutex);
  return m_failure;
}

std::size_t BytePipe::bytes_read() const {
  const std::lock_guard lock(m_mutex);
  return m_read;
}

} // namespace exl::pipe
