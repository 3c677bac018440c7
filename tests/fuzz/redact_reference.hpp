#pragma once

#include <string>
#include <string_view>
#include <vector>

// The std::regex redaction that exl::util::redact replaced, kept as the fuzzer's oracle: on short
// inputs (where std::regex does not overflow the stack) the scanner must give the same text.
namespace exl::fuzz {

// What redact returned with `secrets` registered (longest first, none containing '*').
std::string reference_redact(std::string_view text, const std::vector<std::string>& secrets);

} // namespace exl::fuzz
