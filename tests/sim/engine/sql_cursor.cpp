#include "sql_cursor.hpp"

#include "errors.hpp"

#include <stdexcept>

namespace srsim::engine {

Cursor::Cursor(std::string sql, const Version& version) : Cursor(std::move(sql)) {
  m_version = version;
}

Cursor::Cursor(std::string sql) : m_sql(std::move(sql)) {
  try {
    m_tokens = tokenize(m_sql);
  } catch (const std::invalid_argument&) {
    throw EngineError(ErrorReply{1064, "HY000",
                                 "Getting syntax error at line 1, column " +
                                     std::to_string(m_sql.size()) +
                                     ". Detail message: Unexpected input '<EOF>'."});
  }
}

const Token& Cursor::peek(std::size_t ahead) const {
  std::size_t i = m_pos + ahead;
  return i < m_tokens.size() ? m_tokens[i] : m_tokens.back();
}

const Token& Cursor::next() {
  const Token& t = peek();
  if (m_pos + 1 < m_tokens.size()) {
    ++m_pos;
  }
  return t;
}

bool Cursor::is_kw(const char* word, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Word && t.upper == word;
}

bool Cursor::accept_kw(const char* word) {
  if (!is_kw(word)) {
    return false;
  }
  next();
  return true;
}

bool Cursor::accept_kws(std::initializer_list<const char*> words) {
  std::size_t i = 0;
  for (const char* w : words) {
    if (!is_kw(w, i++)) {
      return false;
    }
  }
  m_pos += words.size();
  return true;
}

void Cursor::expect_kw(const char* word) {
  if (!accept_kw(word)) {
    syntax_error();
  }
}

bool Cursor::is_sym(const char* sym, std::size_t ahead) const {
  const Token& t = peek(ahead);
  return t.kind == TokenKind::Symbol && t.text == sym;
}

bool Cursor::accept_sym(const char* sym) {
  if (!is_sym(sym)) {
    return false;
  }
  next();
  return true;
}

void Cursor::expect_sym(const char* sym) {
  if (!accept_sym(sym)) {
    syntax_error();
  }
}

std::string Cursor::identifier() {
  const Token& t = peek();
  if (t.kind != TokenKind::Word && t.kind != TokenKind::QuotedIdent) {
    syntax_error();
  }
  return next().text;
}

QualifiedName Cursor::qualified_name() {
  std::vector<std::string> parts{identifier()};
  while (parts.size() < 3 && accept_sym(".")) {
    parts.push_back(identifier());
  }
  QualifiedName q;
  q.name = parts.back();
  if (parts.size() >= 2) {
    q.db = parts[parts.size() - 2];
  }
  if (parts.size() == 3) {
    q.catalog = parts[0];
  }
  return q;
}

std::string Cursor::string_literal() {
  if (peek().kind != TokenKind::String) {
    syntax_error();
  }
  return next().text;
}

std::string Cursor::literal_text() {
  std::string sign;
  if (is_sym("-") || is_sym("+")) {
    sign = next().text == "-" ? "-" : "";
  }
  const Token& t = peek();
  if (t.kind == TokenKind::String || t.kind == TokenKind::Number || t.kind == TokenKind::Word) {
    return sign + next().text;
  }
  syntax_error();
}

std::vector<std::string> Cursor::ident_list() {
  expect_sym("(");
  std::vector<std::string> out;
  if (accept_sym(")")) {
    return out;
  }
  do {
    out.push_back(identifier());
  } while (accept_sym(","));
  expect_sym(")");
  return out;
}

std::string Cursor::rest_from(std::size_t token_index) const {
  std::size_t b = token_index < m_tokens.size() ? m_tokens[token_index].begin : m_sql.size();
  return m_sql.substr(b);
}

std::string Cursor::text_between(std::size_t from, std::size_t to) const {
  std::size_t b = m_tokens[from].begin;
  std::size_t e = to == 0 ? b : m_tokens[to - 1].end;
  return e > b ? m_sql.substr(b, e - b) : std::string();
}

void Cursor::skip_group() {
  expect_sym("(");
  int depth = 1;
  while (depth > 0 && !at_end()) {
    const Token& t = next();
    if (t.kind == TokenKind::Symbol && t.text == "(") {
      ++depth;
    } else if (t.kind == TokenKind::Symbol && t.text == ")") {
      --depth;
    }
  }
}

void Cursor::syntax_error() const {
  syntax_error_at(m_pos);
}

void Cursor::require(SyntaxForm form) const {
  if (!allows(form)) {
    syntax_error();
  }
}

bool Cursor::allows(SyntaxForm form) const {
  return !m_version || syntax_valid(form, *m_version);
}

bool Cursor::hint_before(std::size_t index) const {
  if (index == 0 || index >= m_tokens.size()) {
    return false;
  }
  std::size_t from = m_tokens[index - 1].end;
  std::size_t to = m_tokens[index].kind == TokenKind::End ? m_sql.size() : m_tokens[index].begin;
  return to > from && m_sql.substr(from, to - from).find("/*+") != std::string::npos;
}

void Cursor::syntax_error_at(std::size_t index) const {
  const Token& t = index < m_tokens.size() ? m_tokens[index] : m_tokens.back();
  std::string input = t.kind == TokenKind::End ? "<EOF>" : m_sql.substr(t.begin, t.end - t.begin);
  throw EngineError(ErrorReply{1064, "HY000",
                               "Getting syntax error at line 1, column " + std::to_string(t.begin) +
                                   ". Detail message: Unexpected input '" + input + "'."});
}

} // namespace srsim::engine
