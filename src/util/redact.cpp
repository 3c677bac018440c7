#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <mutex>
#include <regex>
#include <vector>

namespace exl::util {
namespace {

std::mutex& secrets_mutex() {
  static std::mutex m;
  return m;
}

std::vector<std::string>& secrets() {
  static std::vector<std::string> s;
  return s;
}

// Property-style secrets: `"password" = "x"`, `password: x`, `password=x`, `secret_key="x"`.
const std::regex& property_pattern() {
  static const std::regex re(
      R"re((["']?[A-Za-z_.]*(?:password|passwd|pwd|secret|token|access_key|secret_key)["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;)}]+))re",
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

void register_secret(std::string_view secret) {
  if (secret.size() < 3) {
    return;
  }
  std::lock_guard lock(secrets_mutex());
  auto& list = secrets();
  if (std::find(list.begin(), list.end(), secret) == list.end()) {
    list.emplace_back(secret);
    // Longest first, so that a secret containing another is replaced whole.
    std::sort(list.begin(), list.end(),
              [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  }
}

std::string redact(std::string_view text) {
  std::string out(text);
  {
    std::lock_guard lock(secrets_mutex());
    for (const auto& s : secrets()) {
      for (auto pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos + 3)) {
        out.replace(pos, s.size(), "***");
      }
    }
  }
  out = redact_properties(out);
  out = std::regex_replace(out, identified_by_pattern(), "$1'***'");
  out = std::regex_replace(out, url_credentials_pattern(), "$1***@");
  out = std::regex_replace(out, webhook_key_pattern(), "$1***");
  return out;
}

} // namespace exl::util
