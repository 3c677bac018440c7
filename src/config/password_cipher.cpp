#include "exlschema/config/password_cipher.hpp"

#include "exlschema/util/base64.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <vector>

namespace exl::config {
namespace {

using Key = std::array<unsigned char, 16>;

// MySQL's my_aes_create_key: XOR the key bytes cyclically into 16 zero bytes.
Key fold_key(std::string_view key) {
  Key folded{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    folded[i % folded.size()] ^= static_cast<unsigned char>(key[i]);
  }
  return folded;
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// AES-128-ECB with PKCS#7 padding in either direction; nullopt when OpenSSL refuses (bad padding).
std::optional<std::string> run_cipher(std::string_view input, std::string_view key, bool encrypt) {
  CipherCtx ctx(EVP_CIPHER_CTX_new());
  const Key folded = fold_key(key);
  if (!ctx || EVP_CipherInit_ex(ctx.get(), EVP_aes_128_ecb(), nullptr, folded.data(), nullptr,
                                encrypt ? 1 : 0) != 1) {
    return std::nullopt;
  }
  std::vector<unsigned char> out(input.size() + 16);
  int written = 0;
  int tail = 0;
  const auto* in = reinterpret_cast<const unsigned char*>(input.data());
  if (EVP_CipherUpdate(ctx.get(), out.data(), &written, in, static_cast<int>(input.size())) != 1 ||
      EVP_CipherFinal_ex(ctx.get(), out.data() + written, &tail) != 1) {
    return std::nullopt;
  }
  return std::string(reinterpret_cast<const char*>(out.data()), written + tail);
}

} // namespace

std::string mysql_aes_encrypt_base64(std::string_view plain, std::string_view key) {
  return util::base64_encode(run_cipher(plain, key, true).value_or(std::string()));
}

std::optional<std::string> mysql_aes_decrypt_base64(std::string_view encoded,
                                                    std::string_view key) {
  const auto bytes = util::base64_decode(encoded);
  if (!bytes || bytes->empty() || bytes->size() % 16 != 0) {
    return std::nullopt;
  }
  return run_cipher(*bytes, key, false);
}

} // namespace exl::config
