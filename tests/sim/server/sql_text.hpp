#pragma once

// Small text helpers for the statements the front answers itself: a tokenizer, SQL LIKE, the
// cleaning applied before dispatch, and the password redaction used by the query log.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace srsim::server {

struct Token {
  enum class Kind { Word, QuotedName, String, Number, Symbol };
  Kind kind = Kind::Symbol;
  std::string text; // strings and quoted names unquoted, words as written

  // True for an unquoted word equal to `word` (case-insensitive).
  bool is(std::string_view word) const;
  bool is_symbol(std::string_view symbol) const { return kind == Kind::Symbol && text == symbol; }
  // A name: a word or a backquoted identifier.
  bool is_name() const { return kind == Kind::Word || kind == Kind::QuotedName; }
};

// Splits `sql` into tokens; comments (including optimizer hints) are skipped.
std::vector<Token> tokenize(std::string_view sql);

// Walks a token list; every accessor is safe at the end (it answers an empty symbol token).
class TokenCursor {
public:
  explicit TokenCursor(std::vector<Token> tokens) : m_tokens(std::move(tokens)) {}

  const Token& peek(std::size_t ahead = 0) const;
  const Token& next();
  bool at_end() const { return m_pos >= m_tokens.size(); }
  // Consumes the next token when it is the unquoted word `word` / the symbol `symbol`.
  bool accept(std::string_view word);
  bool accept_symbol(std::string_view symbol);
  // Consumes a sequence of words when all of them match, e.g. accept_words({"IF", "EXISTS"}).
  bool accept_words(std::initializer_list<std::string_view> words);
  std::size_t position() const { return m_pos; }

private:
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string trim(std::string_view text);

// The statement as the engine receives it: surrounding whitespace and trailing `;` removed.
std::string strip_statement(std::string_view sql);

// True when `sql` holds a second statement after a `;` outside quotes and comments.
bool has_multiple_statements(std::string_view sql);

// SQL LIKE with `%` and `_`, case-insensitive (StarRocks's SHOW ... LIKE behaves so for
// variable and config names).
bool like_match(std::string_view pattern, std::string_view text);

// Replaces passwords in `sql` by `***` (IDENTIFIED BY '...', "password" = "...", PASSWORD('...')).
std::string redact_passwords(std::string_view sql);

// Parses a decimal integer (optional leading `-`); nullopt when `text` is not one.
std::optional<long long> parse_integer(std::string_view text);

} // namespace srsim::server
