#include "exlschema/util/base64.hpp"

#include <openssl/evp.h>

namespace exl::util {

std::string base64_encode(std::string_view bytes) {
  // EVP_EncodeBlock writes 4 characters per 3 bytes (rounded up) and a terminating NUL.
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::string compact;
  compact.reserve(text.size());
  for (const char c : text) {
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
      compact += c;
    }
  }
  if (compact.empty() || compact.size() % 4 != 0) {
    return std::nullopt;
  }
  // '=' is padding: only as the last one or two characters.
  const std::size_t padding = compact.ends_with("==") ? 2 : compact.ends_with("=") ? 1 : 0;
  if (compact.find('=') < compact.size() - padding) {
    return std::nullopt;
  }
  std::string out(compact.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(compact.data()),
                                static_cast<int>(compact.size()));
  if (n < 0) {
    return std::nullopt;
  }
  // EVP_DecodeBlock counts the padding as zero bytes; drop them.
  out.resize(static_cast<std::size_t>(n) - padding);
  return out;
}

} // namespace exl::util
