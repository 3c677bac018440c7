// libFuzzer target for exl::util::redact, which every statement, log line, report and message
// passes through: any input must come back without a crash, hang or sanitizer report; a
// registered secret never survives; and on inputs short enough for std::regex the result is the
// one the former regex implementation gave (redact_reference.cpp), so the scanner keeps every
// match the patterns had.
#include "exlschema/util/redact.hpp"
#include "redact_reference.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Longest first, as redact orders them; none contains '*' (the mask itself), the one case where
// "the secret does not appear in the output" is not a meaningful promise.
const std::vector<std::string> k_secrets = {"Zq9!longpass", "hunter22", "abcabc", "s3c"};

// std::regex recursion depth grows with the match length; well below its stack limit.
constexpr std::size_t k_reference_max = 512;

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  for (const auto& secret : k_secrets) {
    exl::util::register_secret(secret);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string out = exl::util::redact(text);
  for (const auto& secret : k_secrets) {
    if (out.find(secret) != std::string::npos) {
      __builtin_trap();
    }
  }
  if (size <= k_reference_max && out != exl::fuzz::reference_redact(text, k_secrets)) {
    __builtin_trap();
  }
  return 0;
}
