#include "server/packet_channel.hpp"

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace srsim::server {
namespace {
constexpr std::size_t k_max_chunk = 0xFFFFFF;
}

bool PacketChannel::read_exact(char* buf, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::recv(m_fd, buf + got, n - got, 0);
    if (r == 0) {
      return false;
    }
    if (r < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    got += static_cast<std::size_t>(r);
  }
  return true;
}

std::optional<std::string> PacketChannel::read_packet() {
  std::string payload;
  while (true) {
    unsigned char header[4];
    if (!read_exact(reinterpret_cast<char*>(header), 4)) {
      return std::nullopt;
    }
    std::size_t len = header[0] | (header[1] << 8) | (header[2] << 16);
    m_seq = static_cast<std::uint8_t>(header[3] + 1);
    std::size_t old = payload.size();
    payload.resize(old + len);
    if (len > 0 && !read_exact(payload.data() + old, len)) {
      return std::nullopt;
    }
    if (len < k_max_chunk) {
      return payload;
    }
  }
}

void PacketChannel::write_packet(std::string_view payload) {
  while (true) {
    std::size_t len = std::min(payload.size(), k_max_chunk);
    m_out += static_cast<char>(len & 0xFF);
    m_out += static_cast<char>((len >> 8) & 0xFF);
    m_out += static_cast<char>((len >> 16) & 0xFF);
    m_out += static_cast<char>(m_seq++);
    m_out.append(payload.substr(0, len));
    payload.remove_prefix(len);
    if (len < k_max_chunk) {
      return;
    }
  }
}

bool PacketChannel::flush() {
  std::size_t sent = 0;
  while (sent < m_out.size()) {
    ssize_t r = ::send(m_fd, m_out.data() + sent, m_out.size() - sent, MSG_NOSIGNAL);
    if (r < 0) {
      if (errno == EINTR) {
        continue;
      }
      m_out.clear();
      return false;
    }
    sent += static_cast<std::size_t>(r);
  }
  m_out.clear();
  return true;
}

} // namespace srsim::server
