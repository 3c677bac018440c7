#pragma once

// A cursor over a tokenized statement with the small vocabulary a recursive-descent parser
// needs. Syntax errors are thrown as EngineError in StarRocks's "Getting syntax error" shape.

#include "sql_lexer.hpp"
#include "syntax_gate.hpp"

#include <optional>
#include <string>
#include <vector>

namespace srsim::engine {

struct QualifiedName {
  std::string catalog; // empty unless three parts were given
  std::string db;      // empty when not given
  std::string name;
};

class Cursor {
public:
  // A statement from a client, parsed as a cluster of `version` parses it: require() refuses
  // the forms that version's grammar lacks.
  Cursor(std::string sql, const Version& version);
  // Text srsim made itself (generated DDL, type names): no version gate.
  explicit Cursor(std::string sql);

  const Token& peek(std::size_t ahead = 0) const;
  const Token& next();
  bool at_end() const { return peek().kind == TokenKind::End; }
  std::size_t position() const { return m_pos; }
  void seek(std::size_t pos) { m_pos = pos; }
  const std::string& sql() const { return m_sql; }

  bool is_kw(const char* word, std::size_t ahead = 0) const;
  bool accept_kw(const char* word);
  bool accept_kws(std::initializer_list<const char*> words); // all or nothing
  void expect_kw(const char* word);
  bool is_sym(const char* sym, std::size_t ahead = 0) const;
  bool accept_sym(const char* sym);
  void expect_sym(const char* sym);

  std::string identifier();       // word or `quoted`
  QualifiedName qualified_name(); // a, a.b or a.b.c
  std::string string_literal();   // '...' or "..."
  std::string literal_text();     // string, number, or a word such as MAXVALUE; signs allowed
  std::vector<std::string> ident_list(); // ( a, b, ... )
  // Text from token index `from` to the end of the statement, verbatim.
  std::string rest_from(std::size_t token_index) const;
  std::string text_between(std::size_t from, std::size_t to) const;
  // Skips a balanced parenthesised group starting at the current '('.
  void skip_group();

  [[noreturn]] void syntax_error() const;
  // StarRocks's syntax error at token `index` (as syntax_error() would report it there).
  [[noreturn]] void syntax_error_at(std::size_t index) const;
  // The syntax error at the current token unless this cursor's version parses `form`.
  void require(SyntaxForm form) const;
  // True when this cursor's version parses `form` (always, without a version).
  bool allows(SyntaxForm form) const;
  // True when a `/*+ ... */` hint stands right before token `index` (hints are not tokens).
  bool hint_before(std::size_t index) const;
  // Every token, the End token last.
  const std::vector<Token>& tokens() const { return m_tokens; }

private:
  std::string m_sql;
  std::optional<Version> m_version;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

} // namespace srsim::engine
