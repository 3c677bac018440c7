#include "server/sql_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <regex>

namespace srsim::server {
namespace {

bool is_word_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Skips a comment starting at `i`; returns the index after it, or `i` when none starts there.
std::size_t skip_comment(std::string_view sql, std::size_t i) {
  if (sql.compare(i, 2, "/*") == 0) {
    std::size_t end = sql.find("*/", i + 2);
    return end == std::string_view::npos ? sql.size() : end + 2;
  }
  bool dash = sql.compare(i, 2, "--") == 0 &&
              (i + 2 >= sql.size() || std::isspace(static_cast<unsigned char>(sql[i + 2])));
  if (dash || sql[i] == '#') {
    std::size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  return i;
}

// Reads a quoted literal starting at `i` (the quote); returns the index after the closing quote.
std::size_t read_quoted(std::string_view sql, std::size_t i, std::string& out) {
  char quote = sql[i++];
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\\' && quote != '`' && i + 1 < sql.size()) {
      char e = sql[i + 1];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e == '0' ? '\0' : e;
      i += 2;
    } else if (c == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        out += quote;
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      out += c;
      ++i;
    }
  }
  return i;
}

std::size_t read_symbol(std::string_view sql, std::size_t i, std::string& out) {
  static const char* const k_two_char[] = {"@@", ":=", "!=", "<=", ">=", "<>"};
  for (const char* s : k_two_char) {
    if (sql.compare(i, 2, s) == 0) {
      out = s;
      return i + 2;
    }
  }
  out = std::string(1, sql[i]);
  return i + 1;
}

} // namespace

bool Token::is(std::string_view word) const {
  return kind == Kind::Word && text.size() == word.size() &&
         std::equal(text.begin(), text.end(), word.begin(), [](char a, char b) {
           return std::toupper(static_cast<unsigned char>(a)) ==
                  std::toupper(static_cast<unsigned char>(b));
         });
}

std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    if (std::size_t after = skip_comment(sql, i); after != i) {
      i = after;
      continue;
    }
    Token t;
    if (c == '\'' || c == '"' || c == '`') {
      t.kind = c == '`' ? Token::Kind::QuotedName : Token::Kind::String;
      i = read_quoted(sql, i, t.text);
    } else if (is_digit(c)) {
      t.kind = Token::Kind::Number;
      std::size_t start = i;
      while (i < sql.size() && (is_digit(sql[i]) || sql[i] == '.')) {
        ++i;
      }
      t.text = std::string(sql.substr(start, i - start));
    } else if (is_word_start(c)) {
      t.kind = Token::Kind::Word;
      std::size_t start = i;
      while (i < sql.size() && is_word_char(sql[i])) {
        ++i;
      }
      t.text = std::string(sql.substr(start, i - start));
    } else {
      i = read_symbol(sql, i, t.text);
    }
    tokens.push_back(std::move(t));
  }
  return tokens;
}

const Token& TokenCursor::peek(std::size_t ahead) const {
  static const Token k_end{Token::Kind::Symbol, ""};
  return m_pos + ahead < m_tokens.size() ? m_tokens[m_pos + ahead] : k_end;
}

const Token& TokenCursor::next() {
  const Token& t = peek();
  if (!at_end()) {
    ++m_pos;
  }
  return t;
}

bool TokenCursor::accept(std::string_view word) {
  if (!peek().is(word)) {
    return false;
  }
  ++m_pos;
  return true;
}

bool TokenCursor::accept_symbol(std::string_view symbol) {
  if (!peek().is_symbol(symbol)) {
    return false;
  }
  ++m_pos;
  return true;
}

bool TokenCursor::accept_words(std::initializer_list<std::string_view> words) {
  std::size_t k = 0;
  for (std::string_view w : words) {
    if (!peek(k++).is(w)) {
      return false;
    }
  }
  m_pos += words.size();
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string trim(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && space(text.back())) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

std::string strip_statement(std::string_view sql) {
  std::string s = trim(sql);
  while (!s.empty() && s.back() == ';') {
    s.pop_back();
    s = trim(s);
  }
  return s;
}

bool has_multiple_statements(std::string_view sql) {
  std::string stripped = strip_statement(sql);
  std::string_view s = stripped;
  std::size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::size_t after = skip_comment(s, i); after != i) {
      i = after;
    } else if (c == '\'' || c == '"' || c == '`') {
      std::string ignored;
      i = read_quoted(s, i, ignored);
    } else if (c == ';') {
      return true;
    } else {
      ++i;
    }
  }
  return false;
}

bool like_match(std::string_view pattern, std::string_view text) {
  // Iterative wildcard matching with backtracking on the last `%`.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto eq = [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '\\' && p + 1 < pattern.size() &&
        eq(pattern[p + 1], text[t])) {
      p += 2;
      ++t;
    } else if (p < pattern.size() &&
               (pattern[p] == '_' || (pattern[p] != '%' && eq(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '%') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '%') {
    ++p;
  }
  return p == pattern.size();
}

std::string redact_passwords(std::string_view sql) {
  static const std::regex k_identified(
      R"((IDENTIFIED\s+(WITH\s+\S+\s+)?(BY|AS)\s+(PASSWORD\s+)?)('[^']*'|"[^"]*"))",
      std::regex::icase);
  static const std::regex k_property(R"((["']?password["']?\s*[=:]\s*)('[^']*'|"[^"]*"))",
                                     std::regex::icase);
  static const std::regex k_function(R"(PASSWORD\s*\(\s*('[^']*'|"[^"]*")\s*\))",
                                     std::regex::icase);
  std::string out = std::regex_replace(std::string(sql), k_identified, "$1'***'");
  out = std::regex_replace(out, k_property, "$1\"***\"");
  return std::regex_replace(out, k_function, "PASSWORD('***')");
}

std::optional<long long> parse_integer(std::string_view text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) {
    return std::nullopt;
  }
  return value;
}

} // namespace srsim::server
