#pragma once

#include "exlschema/starrocks/result.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// The lexer and token cursor shared by the SHOW CREATE and SHOW PARTITIONS parsers (private to
// src/starrocks). Inside the parsers a mismatch throws ParseFailure; every public parser catches
// it at its boundary and returns it as a ParseError value.
namespace exl::starrocks::detail {

struct Token {
  enum class Kind { Word, QuotedName, String, Number, Symbol, End };
  Kind kind = Kind::End;
  std::string text; // words/numbers/symbols as written; quoted names and strings unescaped
  std::size_t begin = 0;
  std::size_t end = 0;
};

struct ParseFailure {
  ParseError error;
};

// Splits `input` into tokens; an unterminated string or quoted name throws ParseFailure.
std::vector<Token> tokenize(std::string_view input);

std::string describe(const Token& token);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);

class Cursor {
public:
  Cursor(std::string_view input, std::vector<Token> tokens);

  const Token& peek(std::size_t ahead = 0) const;
  const Token& next();
  bool at_end() const { return peek().kind == Token::Kind::End; }
  std::size_t index() const { return m_index; }
  void seek(std::size_t index) { m_index = index; }
  std::string_view input() const { return m_input; }

  bool at_keyword(std::string_view word, std::size_t ahead = 0) const;
  bool accept_keyword(std::string_view word);
  void expect_keyword(std::string_view word);
  bool at_symbol(char symbol, std::size_t ahead = 0) const;
  bool accept_symbol(char symbol);
  void expect_symbol(char symbol);

  std::string expect_name();   // a bare word or a `quoted` name
  std::string expect_word();   // a bare word only (a keyword-like value such as an engine)
  std::string expect_string(); // a quoted string literal, unescaped
  long long expect_integer();  // an optionally signed integer

  // Skips one balanced group starting at '(' (or a single token) and returns its text as
  // source_since does; used for expressions the model keeps as text.
  std::string take_balanced();
  // The tokens from `from` (inclusive) to the cursor (exclusive) as text: each token as written,
  // comments dropped and any whitespace between tokens reduced to one space.
  std::string source_since(std::size_t from) const;

  [[noreturn]] void fail(std::string expected) const;

private:
  std::string_view m_input;
  std::vector<Token> m_tokens;
  std::size_t m_index = 0;
};

} // namespace exl::starrocks::detail
