#include "exlschema/config/password_cipher.hpp"

#include <gtest/gtest.h>

namespace exl::config {
namespace {

// Vectors computed by MariaDB 10.11.19 (tests/support/mariadb.sh start DIR, then
//   mariadb --no-defaults -h127.0.0.1 -P$MARIADB_PORT -uroot -p$MARIADB_PASSWORD
//     -e "SELECT TO_BASE64(AES_ENCRYPT('<password>','<key>'))"
// with character_set_client utf8mb3, so the literals are their UTF-8 bytes). MariaDB, MySQL and
// StarRocks share the algorithm (AES-128-ECB, MySQL key folding, PKCS#7), which is what
// starrocks-cluster-sync stores as password_enc. The last vector keeps MariaDB's line break:
// its TO_BASE64 wraps at 76 characters.
struct Vector {
  const char* password;
  const char* key;
  const char* encoded;
};

constexpr Vector k_vectors[] = {
    {"pw", "key", "Hneh+Ta30dEepK6ecJJymw=="},
    {"Secr3t!", "exl-key-2024", "WfxsfQk/twJ1lJacRZU2Zg=="},
    {"migrator-pass", "this key is much longer than sixteen bytes", "tiSYYHq17drVOpTwq9fcAQ=="},
    {"0123456789abcdef", "k", "pdbR3NBwgZdRvjG0fwQcyZMvGx6RiVNrk4prZ2ZtQDE="},
    {"x", "k", "x8WUymaQo/1oYREZRanB9Q=="},
    {"", "k", "ky8bHpGJU2uTimtnZm1AMQ=="},
    {"p\xc3\xa4ssw\xc3\xb6rd\xe5\xaf\x86\xe7\xa0\x81", "schl\xc3\xbcssel",
     "4wHg/J4ayggvngx/p8GoqzRrzqgJmn+J8mOu6wBmCwY="},
    {"root", "abcdefghijklmnop", "b80Etv9c2bluPvPPQUrkMg=="},
    {"root", "abcdefghijklmnopq", "hAQ5Sew8B8Iw9s3P08Rt/Q=="},
};

constexpr const char* k_long_password =
    "a password that is longer than forty-eight bytes in total!!";
constexpr const char* k_long_encoded = "0SWEvY45YbbHk9Zl8LC3ZVwpWwA5v/BYMSYhJIh2p/k4KB8Dv5D5I+6rV"
                                       "c6/lMWAdvaXiOOG4wcV\n4aaZScNsjg==";

TEST(PasswordCipherTest, EncryptMatchesMariaDb) {
  for (const Vector& v : k_vectors) {
    SCOPED_TRACE(v.encoded);
    EXPECT_EQ(mysql_aes_encrypt_base64(v.password, v.key), v.encoded);
  }
}

TEST(PasswordCipherTest, DecryptMatchesMariaDb) {
  for (const Vector& v : k_vectors) {
    SCOPED_TRACE(v.encoded);
    EXPECT_EQ(mysql_aes_decrypt_base64(v.encoded, v.key), std::string(v.password));
  }
}

TEST(PasswordCipherTest, DecryptIgnoresMariaDbLineBreaks) {
  EXPECT_EQ(mysql_aes_decrypt_base64(k_long_encoded, "k"), std::string(k_long_password));
  std::string unwrapped = k_long_encoded;
  unwrapped.erase(unwrapped.find('\n'), 1);
  EXPECT_EQ(mysql_aes_encrypt_base64(k_long_password, "k"), unwrapped);
}

TEST(PasswordCipherTest, WrongKeyOrGarbageIsRefused) {
  // A wrong key almost always leaves invalid padding; this pair is known to.
  EXPECT_EQ(mysql_aes_decrypt_base64("Hneh+Ta30dEepK6ecJJymw==", "other"), std::nullopt);
  EXPECT_EQ(mysql_aes_decrypt_base64("not base64!", "key"), std::nullopt);
  EXPECT_EQ(mysql_aes_decrypt_base64("", "key"), std::nullopt);
  EXPECT_EQ(mysql_aes_decrypt_base64("YWJj", "key"), std::nullopt); // 3 bytes: not a block
}

} // namespace
} // namespace exl::config
