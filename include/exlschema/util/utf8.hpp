#pragma once

#include <cstddef>
#include <string_view>

namespace exl::util {

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// character: a cut falling on a continuation byte moves back to the start of that character.
// Text that is not UTF-8 is cut the same way, byte-wise.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

} // namespace exl::util
