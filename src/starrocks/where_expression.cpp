#include "exlschema/starrocks/where_expression.hpp"

#include "tokenizer.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace exl::starrocks {
namespace {

using detail::Token;

// Words that start a clause of a SELECT rather than continue an expression. Inside parentheses
// they belong to a subquery or a function (`EXTRACT(YEAR FROM d)`, `k IN (SELECT ...)`), where
// they cannot change the statement around the filter.
constexpr std::array k_clause_words{"SELECT", "FROM",   "WHERE", "UNION",  "INTERSECT",
                                    "EXCEPT", "MINUS",  "GROUP", "HAVING", "ORDER",
                                    "LIMIT",  "OFFSET", "INTO",  "WINDOW", "QUALIFY"};

bool is_clause_word(const Token& token) {
  return token.kind == Token::Kind::Word &&
         std::any_of(k_clause_words.begin(), k_clause_words.end(),
                     [&](const char* word) { return detail::iequals(token.text, word); });
}

// The tokenizer drops comments; one was there when the text between two tokens is not blank.
bool has_comment(std::string_view text, const std::vector<Token>& tokens) {
  std::size_t previous_end = 0;
  for (const Token& token : tokens) {
    const auto gap = text.substr(previous_end, token.begin - previous_end);
    if (gap.find_first_not_of(" \t\r\n\f\v") != std::string_view::npos) {
      return true;
    }
    previous_end = token.end;
  }
  return false;
}

std::optional<std::string> check_tokens(const std::vector<Token>& tokens) {
  int depth = 0;
  for (const Token& token : tokens) {
    if (token.kind == Token::Kind::Symbol && token.text == ";") {
      return "contains ';', which would end the statement";
    }
    if (token.kind == Token::Kind::Symbol && token.text == "(") {
      ++depth;
    } else if (token.kind == Token::Kind::Symbol && token.text == ")" && --depth < 0) {
      return "has a ')' without its '(' (unbalanced parentheses)";
    } else if (depth == 0 && is_clause_word(token)) {
      return "is not one expression: '" + token.text +
             "' outside parentheses starts another clause";
    }
  }
  if (depth > 0) {
    return "has a '(' that is never closed (unbalanced parentheses)";
  }
  return std::nullopt;
}

} // namespace

std::optional<std::string> check_where_expression(std::string_view expression) {
  std::vector<Token> tokens;
  try {
    tokens = detail::tokenize(expression);
  } catch (const detail::ParseFailure& failure) {
    // `expected` is "closing '" (or quote / backquote): the text ends inside a quoted run.
    return "has an unterminated quote (" + failure.error.expected + " missing)";
  }
  if (has_comment(expression, tokens)) {
    return "contains a comment (--, # or /* */), which would hide the rest of the statement";
  }
  if (tokens.size() == 1) { // only the End token
    return "is empty";
  }
  return check_tokens(tokens);
}

} // namespace exl::starrocks
