#include "exlschema/config/password_cipher.hpp"

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

std::string to_base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string compact;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
      compact += c;
    }
  }
  if (compact.empty() || compact.size() % 4 != 0) {
    return std::nullopt;
  }
  std::string out(compact.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(compact.data()),
                                static_cast<int>(compact.size()));
  if (n < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts the '=' padding as zero bytes; drop them.
  const std::size_t padding = compact.ends_with("==") ? 2 : compact.ends_with("=") ? 1 : 0;
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

} // namespace

std::string mysql_aes_encrypt_base64(std::string_view plain, std::string_view key) {
  return to_base64(run_cipher(plain, key, true).value_or(std::string()));
}

std::optional<std::string> mysql_aes_decrypt_base64(std::string_view encoded,
                                                    std::string_view key) {
  const auto bytes = from_base64(encoded);
  if (!bytes || bytes->empty() || bytes->size() % 16 != 0) {
    return std::nullopt;
  }
  return run_cipher(*bytes, key, false);
}

} // namespace exl::config
