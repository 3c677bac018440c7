#pragma once

// MySQL packet framing over one socket: 3-byte length, 1-byte sequence id, payload; payloads of
// 16 MB or more are split as the protocol requires. Writes are buffered until flush().

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace srsim::server {

class PacketChannel {
public:
  explicit PacketChannel(int fd) : m_fd(fd) {}

  // Reads one logical packet; nullopt when the peer closed the socket or an error occurred.
  std::optional<std::string> read_packet();
  // Queues one logical packet with the next sequence id.
  void write_packet(std::string_view payload);
  // Sends what is queued; false when the socket is gone.
  bool flush();
  // Every command starts a new sequence (the client's command packet has id 0).
  void reset_sequence() { m_seq = 0; }

private:
  bool read_exact(char* buf, std::size_t n);

  int m_fd;
  std::uint8_t m_seq = 0;
  std::string m_out;
};

} // namespace srsim::server
