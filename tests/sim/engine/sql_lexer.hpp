#pragma once

// A small SQL tokenizer for the StarRocks statements the engine interprets. It keeps each
// token's byte offsets so that parts of a statement (a SELECT body) can be passed on verbatim.

#include <cstddef>
#include <string>
#include <vector>

namespace srsim::engine {

enum class TokenKind { Word, QuotedIdent, String, Number, Symbol, End };

struct Token {
  TokenKind kind = TokenKind::End;
  std::string text; // unquoted value for QuotedIdent/String, upper-cased copy in `upper`
  std::string upper;
  std::size_t begin = 0; // byte offsets into the statement
  std::size_t end = 0;
};

// Splits `sql` into tokens (comments dropped; `/*+ ... */` hints dropped too). Throws
// std::invalid_argument on an unterminated string or quoted identifier.
std::vector<Token> tokenize(const std::string& sql);

std::string to_upper(std::string text);
std::string to_lower(std::string text);

} // namespace srsim::engine
