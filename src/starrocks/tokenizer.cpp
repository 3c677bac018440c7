#include "tokenizer.hpp"

#include <charconv>

namespace exl::starrocks::detail {
namespace {

bool is_word_start(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
}
bool is_digit(unsigned char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(unsigned char c) {
  return is_word_start(c) || is_digit(c);
}
bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char unescape(char c) {
  switch (c) {
  case 'n':
    return '\n';
  case 't':
    return '\t';
  case 'r':
    return '\r';
  case '0':
    return '\0';
  case 'b':
    return '\b';
  case 'Z':
    return '\x1a';
  default:
    return c;
  }
}

// Reads a quoted run starting at `pos` (the opening quote). Strings take backslash escapes and
// doubled quotes; `quoted` names only doubled backticks.
std::size_t read_quoted(std::string_view in, std::size_t pos, std::string& out) {
  char quote = in[pos];
  std::size_t i = pos + 1;
  while (i < in.size()) {
    char c = in[i];
    if (c == '\\' && quote != '`' && i + 1 < in.size()) {
      out += unescape(in[i + 1]);
      i += 2;
    } else if (c == quote) {
      if (i + 1 < in.size() && in[i + 1] == quote) {
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
  throw ParseFailure{{pos, std::string("closing ") + quote, "end of input"}};
}

std::size_t skip_comment(std::string_view in, std::size_t i) {
  if (in.compare(i, 2, "--") == 0 || in[i] == '#') {
    while (i < in.size() && in[i] != '\n') {
      ++i;
    }
    return i;
  }
  if (in.compare(i, 2, "/*") == 0) {
    std::size_t close = in.find("*/", i + 2);
    return close == std::string_view::npos ? in.size() : close + 2;
  }
  return i;
}

} // namespace

std::vector<Token> tokenize(std::string_view in) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < in.size()) {
    auto c = static_cast<unsigned char>(in[i]);
    if (is_space(c)) {
      ++i;
      continue;
    }
    std::size_t after_comment = skip_comment(in, i);
    if (after_comment != i) {
      i = after_comment;
      continue;
    }
    Token token;
    token.begin = i;
    if (c == '`' || c == '"' || c == '\'') {
      token.kind = c == '`' ? Token::Kind::QuotedName : Token::Kind::String;
      i = read_quoted(in, i, token.text);
    } else if (is_digit(c)) {
      token.kind = Token::Kind::Number;
      while (i < in.size() && (is_digit(in[i]) || in[i] == '.')) {
        ++i;
      }
      token.text = std::string(in.substr(token.begin, i - token.begin));
    } else if (is_word_start(c)) {
      token.kind = Token::Kind::Word;
      while (i < in.size() && is_word_char(in[i])) {
        ++i;
      }
      token.text = std::string(in.substr(token.begin, i - token.begin));
    } else {
      token.kind = Token::Kind::Symbol;
      token.text = std::string(1, in[i]);
      ++i;
    }
    token.end = i;
    tokens.push_back(std::move(token));
  }
  Token end;
  end.begin = end.end = in.size();
  tokens.push_back(end);
  return tokens;
}

std::string describe(const Token& token) {
  switch (token.kind) {
  case Token::Kind::End:
    return "";
  case Token::Kind::String:
    return "string '" + token.text.substr(0, 40) + "'";
  case Token::Kind::QuotedName:
    return "`" + token.text.substr(0, 40) + "`";
  default:
    return "'" + token.text.substr(0, 40) + "'";
  }
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') {
      x = char(x - 'A' + 'a');
    }
    if (y >= 'A' && y <= 'Z') {
      y = char(y - 'A' + 'a');
    }
    if (x != y) {
      return false;
    }
  }
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = char(c - 'A' + 'a');
    }
  }
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = char(c - 'a' + 'A');
    }
  }
  return out;
}

Cursor::Cursor(std::string_view input, std::vector<Token> tokens)
    : m_input(input), m_tokens(std::move(tokens)) {}

const Token& Cursor::peek(std::size_t ahead) const {
  std::size_t i = m_index + ahead;
  return i < m_tokens.size() ? m_tokens[i] : m_tokens.back();
}

const Token& Cursor::next() {
  const Token& token = peek();
  if (m_index + 1 < m_tokens.size()) {
    ++m_index;
  }
  return token;
}

bool Cursor::at_keyword(std::string_view word, std::size_t ahead) const {
  const Token& token = peek(ahead);
  return token.kind == Token::Kind::Word && iequals(token.text, word);
}

bool Cursor::accept_keyword(std::string_view word) {
  if (!at_keyword(word)) {
    return false;
  }
  next();
  return true;
}

void Cursor::expect_keyword(std::string_view word) {
  if (!accept_keyword(word)) {
    fail(std::string(word));
  }
}

bool Cursor::at_symbol(char symbol, std::size_t ahead) const {
  const Token& token = peek(ahead);
  return token.kind == Token::Kind::Symbol && token.text[0] == symbol;
}

bool Cursor::accept_symbol(char symbol) {
  if (!at_symbol(symbol)) {
    return false;
  }
  next();
  return true;
}

void Cursor::expect_symbol(char symbol) {
  if (!accept_symbol(symbol)) {
    fail(std::string("'") + symbol + "'");
  }
}

std::string Cursor::expect_name() {
  const Token& token = peek();
  if (token.kind != Token::Kind::Word && token.kind != Token::Kind::QuotedName) {
    fail("a name");
  }
  return next().text;
}

std::string Cursor::expect_word() {
  if (peek().kind != Token::Kind::Word) {
    fail("a word");
  }
  return next().text;
}

std::string Cursor::expect_string() {
  if (peek().kind != Token::Kind::String) {
    fail("a quoted string");
  }
  return next().text;
}

long long Cursor::expect_integer() {
  bool negative = accept_symbol('-');
  const Token& token = peek();
  long long value = 0;
  auto [ptr, ec] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
  if (token.kind != Token::Kind::Number || ec != std::errc() ||
      ptr != token.text.data() + token.text.size()) {
    fail("an integer");
  }
  next();
  return negative ? -value : value;
}

std::string Cursor::take_balanced() {
  std::size_t from = m_index;
  int depth = 0;
  do {
    if (at_end()) {
      fail("')'");
    }
    if (at_symbol('(')) {
      ++depth;
    } else if (at_symbol(')')) {
      --depth;
    }
    next();
  } while (depth > 0);
  return source_since(from);
}

std::string Cursor::source_since(std::size_t from) const {
  // Each token's own source text, joined by one space where the source had whitespace or a
  // comment between them: comments vanish and the text is stable under print -> parse.
  std::string out;
  for (std::size_t i = from; i < m_index && i < m_tokens.size(); ++i) {
    if (i > from && m_tokens[i].begin != m_tokens[i - 1].end) {
      out += ' ';
    }
    out += m_input.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin);
  }
  return out;
}

void Cursor::fail(std::string expected) const {
  throw ParseFailure{{peek().begin, std::move(expected), describe(peek())}};
}

} // namespace exl::starrocks::detail
