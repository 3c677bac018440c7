#include "exlschema/pipe/byte_pipe.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace exl::pipe {

BytePipe::BytePipe(std::size_t capacity) : m_ring(std::max<std::size_t>(1, capacity)) {}

void BytePipe::write(std::string_view bytes) {
  while (!bytes.empty()) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_abandoned || m_size < m_ring.size(); });
    if (m_abandoned) {
      throw std::runtime_error("the Stream Load request ended before the body was sent");
    }
    // Into the free space after the waiting bytes, up to the ring's end (the rest next turn).
    const std::size_t tail = (m_head + m_size) % m_ring.size();
    const std::size_t n = std::min({bytes.size(), m_ring.size() - m_size, m_ring.size() - tail});
    std::memcpy(m_ring.data() + tail, bytes.data(), n);
    m_size += n;
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
  m_changed.wait(lock, [&] { return m_closed || m_size > 0; });
  if (!m_failure.empty()) {
    return -1;
  }
  // From the oldest byte up to the ring's end; curl asks again for the rest.
  const std::size_t n = std::min({size, m_size, m_ring.size() - m_head});
  std::memcpy(out, m_ring.data() + m_head, n);
  m_head = (m_head + n) % m_ring.size();
  m_size -= n;
  m_read += n;
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
