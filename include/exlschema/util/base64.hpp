#pragma once

#include <optional>
#include <string>
#include <string_view>

// Standard base64 (RFC 4648, with '=' padding), through OpenSSL's EVP_EncodeBlock /
// EVP_DecodeBlock: the one implementation for the Feishu signature and password_enc values.
namespace exl::util {

// `bytes` as one line of base64 (no line breaks).
std::string base64_encode(std::string_view bytes);

// The bytes `text` encodes; whitespace (MariaDB's TO_BASE64 wraps lines at 76 characters) is
// ignored. nullopt when `text` is empty or not base64.
std::optional<std::string> base64_decode(std::string_view text);

} // namespace exl::util
