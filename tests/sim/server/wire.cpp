#include "server/wire.hpp"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace srsim::server::wire {
namespace {

std::string sha1(std::string_view data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<char*>(digest), SHA_DIGEST_LENGTH);
}

// A bounds-checked reader over a received payload.
class Reader {
public:
  explicit Reader(std::string_view data) : m_data(data) {}
  bool ok() const { return m_ok; }
  std::size_t remaining() const { return m_data.size() - m_pos; }
  std::uint64_t fixed(std::size_t n) {
    if (remaining() < n) {
      m_ok = false;
      return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_data[m_pos + i])) << (8 * i);
    }
    m_pos += n;
    return v;
  }
  std::uint64_t lenenc() {
    std::uint64_t first = fixed(1);
    switch (first) {
    case 0xFC:
      return fixed(2);
    case 0xFD:
      return fixed(3);
    case 0xFE:
      return fixed(8);
    default:
      return first;
    }
  }
  std::string bytes(std::size_t n) {
    if (remaining() < n) {
      m_ok = false;
      return {};
    }
    std::string s(m_data.substr(m_pos, n));
    m_pos += n;
    return s;
  }
  std::string null_terminated() {
    std::size_t end = m_data.find('\0', m_pos);
    if (end == std::string_view::npos) {
      return bytes(remaining());
    }
    std::string s(m_data.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return s;
  }

private:
  std::string_view m_data;
  std::size_t m_pos = 0;
  bool m_ok = true;
};

std::map<std::string, std::string> read_attributes(Reader& r) {
  std::map<std::string, std::string> attrs;
  std::uint64_t total = r.lenenc();
  std::size_t end_remaining = r.remaining() >= total ? r.remaining() - total : 0;
  while (r.ok() && r.remaining() > end_remaining) {
    std::string key = r.bytes(r.lenenc());
    std::string value = r.bytes(r.lenenc());
    if (r.ok()) {
      attrs[key] = value;
    }
  }
  return attrs;
}

} // namespace

void put_u16(std::string& out, std::uint16_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>(v >> 8);
}

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    out += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

void put_lenenc_int(std::string& out, std::uint64_t v) {
  if (v < 0xFB) {
    out += static_cast<char>(v);
    return;
  }
  int n = v <= 0xFFFF ? 2 : v <= 0xFFFFFF ? 3 : 8;
  out += static_cast<char>(n == 2 ? 0xFC : n == 3 ? 0xFD : 0xFE);
  for (int i = 0; i < n; ++i) {
    out += static_cast<char>((v >> (8 * i)) & 0xFF);
  }
}

void put_lenenc_str(std::string& out, std::string_view s) {
  put_lenenc_int(out, s.size());
  out.append(s);
}

std::string handshake_packet(const std::string& server_version, std::uint32_t connection_id,
                             const std::string& scramble) {
  std::string p;
  p += static_cast<char>(10);
  p += server_version;
  p += '\0';
  put_u32(p, connection_id);
  p.append(scramble, 0, 8);
  p += '\0';
  put_u16(p, static_cast<std::uint16_t>(k_server_capabilities & 0xFFFF));
  p += static_cast<char>(k_charset_utf8_general_ci);
  put_u16(p, k_status_autocommit);
  put_u16(p, static_cast<std::uint16_t>(k_server_capabilities >> 16));
  p += static_cast<char>(scramble.size() + 1);
  p.append(10, '\0');
  p.append(scramble, 8, std::string::npos);
  p += '\0';
  p += k_native_plugin;
  p += '\0';
  return p;
}

std::optional<HandshakeResponse> parse_handshake_response(std::string_view payload) {
  Reader r(payload);
  HandshakeResponse h;
  h.capabilities = static_cast<std::uint32_t>(r.fixed(4));
  r.fixed(4); // max packet size
  r.fixed(1); // charset
  r.bytes(23);
  if (!r.ok() || (h.capabilities & k_protocol_41) == 0 || r.remaining() == 0) {
    return std::nullopt; // too short: an SSL request, or a pre-4.1 client
  }
  h.user = r.null_terminated();
  if (h.capabilities & k_plugin_auth_lenenc) {
    h.auth_response = r.bytes(r.lenenc());
  } else if (h.capabilities & k_secure_connection) {
    h.auth_response = r.bytes(r.fixed(1));
  } else {
    h.auth_response = r.null_terminated();
  }
  if ((h.capabilities & k_connect_with_db) && r.remaining() > 0) {
    h.database = r.null_terminated();
  }
  if ((h.capabilities & k_plugin_auth) && r.remaining() > 0) {
    h.plugin = r.null_terminated();
  }
  if ((h.capabilities & k_connect_attrs) && r.remaining() > 0) {
    h.attributes = read_attributes(r);
  }
  if (!r.ok()) {
    return std::nullopt;
  }
  return h;
}

std::string auth_switch_packet(const std::string& scramble) {
  std::string p;
  p += static_cast<char>(0xFE);
  p += k_native_plugin;
  p += '\0';
  p += scramble;
  p += '\0';
  return p;
}

std::string ok_packet(const OkReply& ok, std::uint16_t status, bool eof_header) {
  std::string p;
  p += static_cast<char>(eof_header ? 0xFE : 0x00);
  put_lenenc_int(p, ok.affected_rows);
  put_lenenc_int(p, ok.last_insert_id);
  put_u16(p, status);
  put_u16(p, ok.warnings);
  if (!ok.info.empty()) {
    // Length-encoded, as MySQL/MariaDB servers send it; libmariadb always reads it so and
    // rejects a bare string as a malformed packet (error 2027).
    put_lenenc_str(p, ok.info);
  }
  return p;
}

std::string err_packet(const ErrorReply& err) {
  std::string p;
  p += static_cast<char>(0xFF);
  put_u16(p, err.code);
  p += '#';
  std::string state = err.sqlstate;
  state.resize(5, '0');
  p += state;
  p += err.message;
  return p;
}

std::string eof_packet(std::uint16_t status) {
  std::string p;
  p += static_cast<char>(0xFE);
  put_u16(p, 0);
  put_u16(p, status);
  return p;
}

std::string column_definition(const std::string& name) {
  std::string p;
  put_lenenc_str(p, "def");
  put_lenenc_str(p, ""); // schema
  put_lenenc_str(p, ""); // table
  put_lenenc_str(p, ""); // org_table
  put_lenenc_str(p, name);
  put_lenenc_str(p, name);
  p += static_cast<char>(0x0C);
  put_u16(p, k_charset_utf8_general_ci);
  put_u32(p, 65533 * 3);        // column length, as StarRocks reports VARCHAR columns
  p += static_cast<char>(0xFD); // MYSQL_TYPE_VAR_STRING: StarRocks sends SHOW results as text
  put_u16(p, 0);                // flags
  p += static_cast<char>(0);    // decimals
  put_u16(p, 0);                // filler
  return p;
}

std::string text_row(const std::vector<std::optional<std::string>>& row) {
  std::string p;
  for (const auto& value : row) {
    if (value) {
      put_lenenc_str(p, *value);
    } else {
      p += static_cast<char>(0xFB);
    }
  }
  return p;
}

std::string make_scramble() {
  unsigned char raw[20];
  if (RAND_bytes(raw, sizeof raw) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  std::string s;
  for (unsigned char c : raw) {
    s += static_cast<char>(33 + c % 94); // printable ASCII, never NUL
  }
  return s;
}

std::string native_password_hash(std::string_view password) {
  return password.empty() ? std::string() : sha1(sha1(password));
}

bool check_native_password(const std::string& scramble, std::string_view token,
                           const std::string& hash) {
  if (hash.empty()) {
    return token.empty();
  }
  if (token.size() != SHA_DIGEST_LENGTH) {
    return false;
  }
  // token XOR SHA1(scramble + hash) gives SHA1(pw); its SHA1 must equal the stored hash.
  std::string mask = sha1(scramble + hash);
  std::string stage1(SHA_DIGEST_LENGTH, '\0');
  for (std::size_t i = 0; i < stage1.size(); ++i) {
    stage1[i] = static_cast<char>(token[i] ^ mask[i]);
  }
  return sha1(stage1) == hash;
}

std::string to_hex(std::string_view bytes) {
  static const char* const k_digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += k_digits[c >> 4];
    out += k_digits[c & 0xF];
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) {
    return std::nullopt;
  }
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

} // namespace srsim::server::wire
