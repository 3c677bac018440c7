#include "sql_lexer.hpp"

#include <cctype>
#include <stdexcept>

namespace srsim::engine {

std::string to_upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

std::string to_lower(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' ||
         (static_cast<unsigned char>(c) >= 0x80);
}

// Reads a quoted run starting at `i` (the opening quote); doubled quotes and (for strings)
// backslash escapes are decoded.
std::size_t read_quoted(const std::string& sql, std::size_t i, std::string& value) {
  char q = sql[i];
  ++i;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\\' && q != '`' && i + 1 < sql.size()) {
      char n = sql[i + 1];
      if (n == '%' || n == '_') {
        value += '\\'; // MySQL keeps \% and \_ as written, for LIKE patterns
      }
      value += n == 'n' ? '\n' : n == 't' ? '\t' : n == '0' ? '\0' : n;
      i += 2;
      continue;
    }
    if (c == q) {
      if (i + 1 < sql.size() && sql[i + 1] == q) {
        value += q;
        i += 2;
        continue;
      }
      return i + 1;
    }
    value += c;
    ++i;
  }
  throw std::invalid_argument("unterminated quoted text");
}

std::size_t skip_comment(const std::string& sql, std::size_t i) {
  if (sql.compare(i, 2, "--") == 0 || sql[i] == '#') {
    std::size_t e = sql.find('\n', i);
    return e == std::string::npos ? sql.size() : e + 1;
  }
  if (sql.compare(i, 2, "/*") == 0) {
    std::size_t e = sql.find("*/", i + 2);
    return e == std::string::npos ? sql.size() : e + 2;
  }
  return i;
}

} // namespace

std::vector<Token> tokenize(const std::string& sql) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    std::size_t after = skip_comment(sql, i);
    if (after != i) {
      i = after;
      continue;
    }
    Token t;
    t.begin = i;
    if (c == '\'' || c == '"') {
      t.kind = TokenKind::String;
      i = read_quoted(sql, i, t.text);
    } else if (c == '`') {
      t.kind = TokenKind::QuotedIdent;
      i = read_quoted(sql, i, t.text);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < sql.size() &&
                std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
      t.kind = TokenKind::Number;
      while (i < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '.')) {
        ++i;
      }
      t.text = sql.substr(t.begin, i - t.begin);
    } else if (is_word_char(c)) {
      t.kind = TokenKind::Word;
      while (i < sql.size() && is_word_char(sql[i])) {
        ++i;
      }
      t.text = sql.substr(t.begin, i - t.begin);
    } else {
      t.kind = TokenKind::Symbol;
      static const char* k_two[] = {"<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", ":="};
      t.text = std::string(1, c);
      for (const char* two : k_two) {
        if (sql.compare(i, 2, two) == 0) {
          t.text = two;
        }
      }
      i += t.text.size();
    }
    t.end = i;
    t.upper = to_upper(t.text);
    out.push_back(std::move(t));
  }
  Token end;
  end.begin = end.end = sql.size();
  out.push_back(end);
  return out;
}

} // namespace srsim::engine
