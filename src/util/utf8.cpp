#include "exlschema/util/utf8.hpp"

namespace exl::util {

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) {
    return text;
  }
  std::size_t cut = max_bytes;
  // Continuation bytes are 10xxxxxx; a character has at most three of them.
  for (int back = 0;
       back < 3 && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U; ++back) {
    --cut;
  }
  return text.substr(0, cut);
}

} // namespace exl::util
