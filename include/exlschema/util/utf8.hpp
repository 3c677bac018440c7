#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace exl::util {

// The longest prefix of `text` of at most `max_bytes` bytes that does not end inside a UTF-8
// character: a cut falling on a continuation byte moves back to the start of that character.
// Text that is not UTF-8 is cut the same way, byte-wise.
std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes);

// `text` with every byte that does not belong to a well-formed UTF-8 sequence (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

} // namespace exl::util
