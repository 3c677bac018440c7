#include "exlschema/util/redact.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <vector>

// Hand-written scanners instead of std::regex: libstdc++'s regex executor recurses once per
// character of a match, so a long quoted value after a secret-like key overflowed the stack, and
// every statement is redacted. Each pass below reads the text left to right once (no backtracking)
// and keeps exactly the matches the former patterns had; they are written next to each pass.
namespace exl::util {
namespace {

using Secrets = std::vector<std::string>;

std::mutex& secrets_mutex() {
  static std::mutex m;
  return m;
}

// Replaced whole on registration, so that redact() copies a pointer under the lock and scans
// without holding it.
std::shared_ptr<const Secrets>& secrets() {
  static std::shared_ptr<const Secrets> s = std::make_shared<Secrets>();
  return s;
}

constexpr std::size_t k_npos = std::string_view::npos;

// ECMAScript `\s` in the classic locale.
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
bool is_quote(char c) {
  return c == '"' || c == '\'';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word(char c) {
  return is_alpha(c) || is_digit(c) || c == '_';
}
char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// `word` (lower case) at `pos` of `text`, ignoring ASCII case.
bool icase_at(std::string_view text, std::size_t pos, std::string_view word) {
  if (pos > text.size() || text.size() - pos < word.size()) {
    return false;
  }
  return std::equal(word.begin(), word.end(), text.begin() + static_cast<std::ptrdiff_t>(pos),
                    [](char w, char t) { return w == lower(t); });
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size() && is_space(text[pos])) {
    ++pos;
  }
  return pos;
}

// The end of the quoted string starting at `pos` (one past the closing quote), or k_npos when
// `text[pos]` is not a quote or the quote is never closed.
std::size_t quoted_end(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_quote(text[pos])) {
    return k_npos;
  }
  const std::size_t close = text.find(text[pos], pos + 1);
  return close == k_npos ? k_npos : close + 1;
}

// Builds the redacted copy of `text`: the spans between replacements are copied as they are.
class Rewriter {
public:
  explicit Rewriter(std::string_view text) : m_text(text) { m_out.reserve(text.size()); }
  void replace(std::size_t begin, std::size_t end, std::string_view with) {
    m_out.append(m_text.substr(m_copied, begin - m_copied));
    m_out.append(with);
    m_copied = end;
  }
  std::string finish() {
    m_out.append(m_text.substr(m_copied));
    return std::move(m_out);
  }

private:
  std::string_view m_text;
  std::string m_out;
  std::size_t m_copied = 0;
};

// Every non-overlapping occurrence of each registered secret, longest secret first.
std::string redact_registered(std::string_view text, const Secrets& list) {
  std::string current(text);
  for (const auto& secret : list) {
    if (current.find(secret) == k_npos) {
      continue;
    }
    Rewriter out(current);
    for (auto pos = current.find(secret); pos != k_npos;
         pos = current.find(secret, pos + secret.size())) {
      out.replace(pos, pos + secret.size(), "***");
    }
    current = out.finish();
  }
  return current;
}

// Was: (["']?[A-Za-z_.]*(?:password|passwd|pwd|secret|token|access_key|secret_key)["']?\s*[:=]\s*)
//      ("[^"]*"|'[^']*'|[^\s,;)}]+), case-insensitive; the value becomes *** (quoted like it).
// True when a secret-like key, an optional quote and spaces end right before the separator at
// `sep`, all at or after `floor` (the end of the previous match).
bool secret_key_before(std::string_view text, std::size_t sep, std::size_t floor) {
  static constexpr std::array<std::string_view, 7> k_keys = {
      "password", "passwd", "pwd", "secret", "token", "access_key", "secret_key"};
  std::size_t end = sep;
  while (end > floor && is_space(text[end - 1])) {
    --end;
  }
  if (end > floor && is_quote(text[end - 1])) {
    --end;
  }
  return std::any_of(k_keys.begin(), k_keys.end(), [&](std::string_view key) {
    return end - floor >= key.size() && icase_at(text, end - key.size(), key);
  });
}

// The end of the property value starting at `begin`: a closed quoted string, else a run up to a
// space or one of `,;)}` (`begin` itself when that run is empty).
std::size_t value_end(std::string_view text, std::size_t begin) {
  if (const std::size_t end = quoted_end(text, begin); end != k_npos) {
    return end;
  }
  std::size_t end = begin;
  while (end < text.size() && !is_space(text[end]) &&
         std::string_view(",;)}").find(text[end]) == k_npos) {
    ++end;
  }
  return end;
}

// `***`, quoted like a value whose first character is `first`.
std::string mask_like(char first) {
  return is_quote(first) ? std::string{first, '*', '*', '*', first} : std::string("***");
}

// Spaces and tabs only: a property written with an empty value (`token=` at the end of a line)
// must not take the next line as its value.
std::size_t skip_blanks(std::string_view text, std::size_t pos) {
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
    ++pos;
  }
  return pos;
}

std::string redact_properties(std::string_view text) {
  Rewriter out(text);
  std::size_t floor = 0;
  for (auto sep = text.find_first_of(":="); sep != k_npos;
       sep = text.find_first_of(":=", std::max(sep + 1, floor))) {
    if (!secret_key_before(text, sep, floor)) {
      continue;
    }
    const std::size_t begin = skip_blanks(text, sep + 1);
    const std::size_t end = value_end(text, begin);
    if (end == begin) {
      continue;
    }
    out.replace(begin, end, mask_like(text[begin]));
    floor = end;
  }
  return out.finish();
}

// Was: (IDENTIFIED\s+BY\s+(?:PASSWORD\s+)?)('[^']*'|"[^"]*"), case-insensitive -> $1'***'.
// Where the quoted password of an IDENTIFIED BY starting at `pos` begins, or k_npos.
std::size_t identified_by_value(std::string_view text, std::size_t pos) {
  std::size_t at = pos + std::string_view("identified").size();
  std::size_t next = skip_spaces(text, at);
  if (next == at || !icase_at(text, next, "by")) {
    return k_npos;
  }
  at = next + 2;
  next = skip_spaces(text, at);
  if (next == at) {
    return k_npos;
  }
  if (icase_at(text, next, "password")) {
    const std::size_t after = next + std::string_view("password").size();
    const std::size_t quote = skip_spaces(text, after);
    return quote > after && quoted_end(text, quote) != k_npos ? quote : k_npos;
  }
  return quoted_end(text, next) != k_npos ? next : k_npos;
}

std::string redact_identified_by(std::string_view text) {
  Rewriter out(text);
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (lower(text[pos]) != 'i' || !icase_at(text, pos, "identified")) {
      ++pos;
      continue;
    }
    const std::size_t value = identified_by_value(text, pos);
    if (value == k_npos) {
      ++pos;
      continue;
    }
    const std::size_t end = quoted_end(text, value);
    out.replace(value, end, "'***'");
    pos = end;
  }
  return out.finish();
}

// Was: (\b[a-z][a-z0-9+.-]*://[^/\s:@]+:)[^@\s/]+@, case-insensitive -> $1***@.
// True when a URL scheme (a letter at a word boundary, then letters, digits, `+.-`) ends right
// before the "://" at `sep` and starts at or after `floor`.
bool scheme_before(std::string_view text, std::size_t sep, std::size_t floor) {
  bool found = false;
  for (std::size_t i = sep; i > floor; --i) {
    const char c = text[i - 1];
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '.' && c != '-') {
      break;
    }
    found = found || (is_alpha(c) && (i == 1 || !is_word(text[i - 2])));
  }
  return found;
}

// The end of a run starting at `pos` of characters that are neither spaces nor in `stop`.
std::size_t run_end(std::string_view text, std::size_t pos, std::string_view stop) {
  while (pos < text.size() && !is_space(text[pos]) && stop.find(text[pos]) == k_npos) {
    ++pos;
  }
  return pos;
}

std::string redact_url_credentials(std::string_view text) {
  Rewriter out(text);
  std::size_t floor = 0;
  for (auto sep = text.find("://"); sep != k_npos; sep = text.find("://", sep + 1)) {
    if (sep < floor || !scheme_before(text, sep, floor)) {
      continue;
    }
    const std::size_t user_end = run_end(text, sep + 3, "/:@");
    if (user_end == sep + 3 || user_end == text.size() || text[user_end] != ':') {
      continue;
    }
    const std::size_t password_end = run_end(text, user_end + 1, "@/");
    if (password_end == user_end + 1 || password_end == text.size() || text[password_end] != '@') {
      continue;
    }
    out.replace(user_end + 1, password_end, "***");
    floor = password_end + 1;
  }
  return out.finish();
}

// Was: (/open-apis/bot/v2/hook/)[A-Za-z0-9-]+ -> $1***.
std::string redact_webhook_keys(std::string_view text) {
  static constexpr std::string_view k_hook = "/open-apis/bot/v2/hook/";
  Rewriter out(text);
  for (auto pos = text.find(k_hook); pos != k_npos; pos = text.find(k_hook, pos)) {
    const std::size_t begin = pos + k_hook.size();
    std::size_t end = begin;
    while (end < text.size() && (is_alpha(text[end]) || is_digit(text[end]) || text[end] == '-')) {
      ++end;
    }
    if (end > begin) {
      out.replace(begin, end, "***");
    }
    pos = std::max(end, pos + 1);
  }
  return out.finish();
}

} // namespace

void register_secret(std::string_view secret) {
  if (secret.size() < 3) {
    return;
  }
  std::lock_guard lock(secrets_mutex());
  const auto& current = *secrets();
  if (std::find(current.begin(), current.end(), secret) != current.end()) {
    return;
  }
  auto list = std::make_shared<Secrets>(current);
  list->emplace_back(secret);
  // Longest first, so that a secret containing another is replaced whole.
  std::stable_sort(list->begin(), list->end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  secrets() = std::move(list);
}

std::string redact(std::string_view text) {
  std::shared_ptr<const Secrets> list;
  {
    std::lock_guard lock(secrets_mutex());
    list = secrets();
  }
  std::string out = redact_registered(text, *list);
  out = redact_properties(out);
  out = redact_identified_by(out);
  out = redact_url_credentials(out);
  return redact_webhook_keys(out);
}

} // namespace exl::util
