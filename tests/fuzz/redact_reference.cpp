#include "redact_reference.hpp"

#include <regex>

namespace exl::fuzz {
namespace {

// After the separator only blanks: a property written with an empty value does not take the next
// line as its value (the scanner's rule since issue #13).
const std::regex& property_pattern() {
  static const std::regex re(
      R"re((["']?[A-Za-z_.]*(?:password|passwd|pwd|secret|token|access_key|secret_key)["']?\s*[:=][ \t]*)("[^"]*"|'[^']*'|[^\s,;)}]+))re",
      std::regex::icase);
  return re;
}

const std::regex& identified_by_pattern() {
  static const std::regex re(R"re((IDENTIFIED\s+BY\s+(?:PASSWORD\s+)?)('[^']*'|"[^"]*"))re",
                             std::regex::icase);
  return re;
}

const std::regex& url_credentials_pattern() {
  static const std::regex re(R"re((\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@)re",
                             std::regex::icase);
  return re;
}

const std::regex& webhook_key_pattern() {
  static const std::regex re(R"re((/open-apis/bot/v2/hook/)[A-Za-z0-9-]+)re");
  return re;
}

std::string quote_like(const std::string& value) {
  if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
    return std::string(1, value.front()) + "***" + std::string(1, value.front());
  }
  return "***";
}

std::string redact_properties(const std::string& text) {
  std::string out;
  auto begin = std::sregex_iterator(text.begin(), text.end(), property_pattern());
  std::size_t last = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    out.append(text, last, static_cast<std::size_t>(m.position(0)) - last);
    out += m.str(1) + quote_like(m.str(2));
    last = static_cast<std::size_t>(m.position(0) + m.length(0));
  }
  out.append(text, last, std::string::npos);
  return out;
}

} // namespace

std::string reference_redact(std::string_view text, const std::vector<std::string>& secrets) {
  std::string out(text);
  for (const auto& s : secrets) {
    for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 3)) {
      out.replace(pos, s.size(), "***");
    }
  }
  out = redact_properties(out);
  out = std::regex_replace(out, identified_by_pattern(), "$1'***'");
  out = std::regex_replace(out, url_credentials_pattern(), "$1***@");
  out = std::regex_replace(out, webhook_key_pattern(), "$1***");
  return out;
}

} // namespace exl::fuzz
