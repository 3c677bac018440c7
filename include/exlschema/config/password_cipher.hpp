#pragma once

#include <optional>
#include <string>
#include <string_view>

// `password_enc` as starrocks-cluster-sync stores it: TO_BASE64(AES_ENCRYPT(password, key)) as
// MySQL, MariaDB and StarRocks compute it. AES-128-ECB with PKCS#7 padding; the key is folded to
// 16 bytes the MySQL way (a zeroed 16-byte buffer, key byte i XORed into position i % 16), so
// keys of any length work, exactly as in SQL.
namespace exl::config {

// TO_BASE64(AES_ENCRYPT(`plain`, `key`)), without line breaks.
std::string mysql_aes_encrypt_base64(std::string_view plain, std::string_view key);

// AES_DECRYPT(FROM_BASE64(`encoded`), `key`); whitespace in `encoded` (MariaDB's TO_BASE64
// wraps lines at 76 characters) is ignored. nullopt when `encoded` is not base64 or the
// padding is wrong (a wrong key, almost always).
std::optional<std::string> mysql_aes_decrypt_base64(std::string_view encoded, std::string_view key);

} // namespace exl::config
