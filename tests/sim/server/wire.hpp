#pragma once

// Encoding and decoding of the MySQL protocol packets srsim uses (handshake v10, handshake
// response 41, OK/ERR/EOF, text result sets) and the mysql_native_password check.
// Reference: the MySQL client/server protocol documentation (Protocol::HandshakeV10,
// Protocol::HandshakeResponse41, Protocol::ColumnDefinition41, OK_Packet, ERR_Packet).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sim_api.hpp"

namespace srsim::server::wire {

// Capability flags.
constexpr std::uint32_t k_long_password = 0x1;
constexpr std::uint32_t k_found_rows = 0x2;
constexpr std::uint32_t k_long_flag = 0x4;
constexpr std::uint32_t k_connect_with_db = 0x8;
constexpr std::uint32_t k_protocol_41 = 0x200;
constexpr std::uint32_t k_ssl = 0x800;
constexpr std::uint32_t k_transactions = 0x2000;
constexpr std::uint32_t k_secure_connection = 0x8000;
constexpr std::uint32_t k_multi_results = 0x20000;
constexpr std::uint32_t k_plugin_auth = 0x80000;
constexpr std::uint32_t k_connect_attrs = 0x100000;
constexpr std::uint32_t k_plugin_auth_lenenc = 0x200000;
constexpr std::uint32_t k_deprecate_eof = 0x1000000;

// What srsim offers. No SSL, no multi statements, no session tracking.
constexpr std::uint32_t k_server_capabilities =
    k_long_password | k_found_rows | k_long_flag | k_connect_with_db | k_protocol_41 |
    k_transactions | k_secure_connection | k_plugin_auth | k_connect_attrs | k_plugin_auth_lenenc |
    k_deprecate_eof;

constexpr std::uint16_t k_status_autocommit = 0x2;
constexpr std::uint8_t k_charset_utf8_general_ci = 33;
constexpr const char* k_native_plugin = "mysql_native_password";

void put_u16(std::string& out, std::uint16_t v);
void put_u32(std::string& out, std::uint32_t v);
void put_lenenc_int(std::string& out, std::uint64_t v);
void put_lenenc_str(std::string& out, std::string_view s);

std::string handshake_packet(const std::string& server_version, std::uint32_t connection_id,
                             const std::string& scramble);

struct HandshakeResponse {
  std::uint32_t capabilities = 0;
  std::string user;
  std::string auth_response;
  std::string database;
  std::string plugin;
  std::map<std::string, std::string> attributes;
};

// nullopt when the packet is malformed or is an SSL request (srsim offers no SSL).
std::optional<HandshakeResponse> parse_handshake_response(std::string_view payload);

// AuthSwitchRequest to mysql_native_password with `scramble`.
std::string auth_switch_packet(const std::string& scramble);

std::string ok_packet(const OkReply& ok, std::uint16_t status = k_status_autocommit,
                      bool eof_header = false);
std::string err_packet(const ErrorReply& err);
std::string eof_packet(std::uint16_t status = k_status_autocommit);
std::string column_definition(const std::string& name);
std::string text_row(const std::vector<std::optional<std::string>>& row);

// 20 random printable bytes (no NUL, as clients treat the scramble as a C string).
std::string make_scramble();
// SHA1(SHA1(password)): what a server keeps instead of the password.
std::string native_password_hash(std::string_view password);
// Checks a client's token = SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))) against `hash`.
// An empty `hash` stands for an empty password and accepts only an empty token.
bool check_native_password(const std::string& scramble, std::string_view token,
                           const std::string& hash);

std::string to_hex(std::string_view bytes);
std::optional<std::string> from_hex(std::string_view hex);

} // namespace srsim::server::wire
