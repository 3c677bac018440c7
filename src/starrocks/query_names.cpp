#include "query_names.hpp"

#include <algorithm>
#include <array>

namespace exl::starrocks::detail {
namespace {

using Tok = Token::Kind;

// Keywords that end a FROM clause at their parenthesis depth.
bool ends_from_clause(const Token& token) {
  static constexpr std::array<std::string_view, 11> k_words = {
      "WHERE",  "GROUP",     "HAVING", "ORDER",   "LIMIT", "UNION",
      "EXCEPT", "INTERSECT", "WINDOW", "QUALIFY", "SELECT"};
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view word) { return is_word(token, word); });
}

// Words that may follow a table reference and are not its alias.
bool is_clause_word(const Token& token) {
  static constexpr std::array<std::string_view, 12> k_words = {
      "JOIN",  "INNER", "LEFT",  "RIGHT", "FULL", "CROSS",
      "OUTER", "ON",    "USING", "SEMI",  "ANTI", "LATERAL"};
  return ends_from_clause(token) ||
         std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view word) { return is_word(token, word); });
}

// The alias after the token at `last` (`x AS a`, `x a`), if any.
std::optional<std::size_t> alias_after(const std::vector<Token>& tokens, std::size_t last) {
  std::size_t alias = last + 1;
  if (is_word(tokens[alias], "AS")) {
    ++alias;
  }
  if (is_name(tokens[alias]) && !is_clause_word(tokens[alias])) {
    return alias;
  }
  return std::nullopt;
}

// Parenthesis state of the scan, one entry per depth.
struct Depth {
  bool in_from = false;
  // A query level (top, or a '(' opening SELECT/WITH or a table list) where FROM and JOIN
  // introduce tables, unlike FROM inside EXTRACT(.. FROM ..), TRIM(.. FROM ..), ...
  bool query_level = false;
  bool table_position = false; // the '(' stands where a table would: a derived table
};

class Scanner {
public:
  explicit Scanner(QueryNames& names) : m_names(names) {}

  void run() {
    const auto& tokens = m_names.tokens;
    for (std::size_t i = 0; i < tokens.size() && tokens[i].kind != Tok::End; ++i) {
      if (tokens[i].kind == Tok::Symbol) {
        symbol(i);
      } else if ((is_word(tokens[i], "FROM") || is_word(tokens[i], "JOIN")) &&
                 m_depths.back().query_level) {
        m_depths.back().in_from = true;
        m_next_is_table = true;
      } else {
        if (ends_from_clause(tokens[i])) {
          m_depths.back().in_from = false;
        }
        i = name(i);
      }
    }
  }

private:
  void symbol(std::size_t i) {
    const auto& tokens = m_names.tokens;
    const Token& token = tokens[i];
    if (token.text == "(") {
      const Token& after = tokens[i + 1];
      m_depths.push_back({false,
                          m_next_is_table || is_word(after, "SELECT") || is_word(after, "WITH"),
                          m_next_is_table});
    } else if (token.text == ")" && m_depths.size() > 1) {
      const bool derived = m_depths.back().table_position;
      m_depths.pop_back();
      if (const auto alias = derived ? alias_after(tokens, i) : std::nullopt) {
        m_names.aliases.insert(tokens[*alias].text);
        m_names.relations.insert(tokens[*alias].text);
      }
    }
    m_next_is_table = token.text == "," && m_depths.back().in_from;
  }

  // A name chain starting at `i`; returns the index of its last part.
  std::size_t name(std::size_t i) {
    const auto& tokens = m_names.tokens;
    if (!is_name(tokens[i])) {
      m_next_is_table = false;
      return i;
    }
    NameChain chain;
    chain.table_position = m_next_is_table;
    chain.parts.push_back(i);
    while (tokens[i + 1].kind == Tok::Symbol && tokens[i + 1].text == "." &&
           is_name(tokens[i + 2])) {
      i += 2;
      chain.parts.push_back(i);
    }
    chain.called = tokens[i + 1].kind == Tok::Symbol && tokens[i + 1].text == "(";
    m_next_is_table = false;
    record(chain, i);
    m_names.chains.push_back(std::move(chain));
    return i;
  }

  void record(NameChain& chain, std::size_t last) {
    const auto& tokens = m_names.tokens;
    if (chain.table_position && !chain.called) {
      m_names.relations.insert(tokens[last].text);
      chain.alias = alias_after(tokens, last);
      if (chain.alias) {
        m_names.relations.insert(tokens[*chain.alias].text);
        m_names.aliases.insert(tokens[*chain.alias].text);
      }
    }
    if (chain.parts.size() == 1 && is_word(tokens[last + 1], "AS") &&
        tokens[last + 2].kind == Tok::Symbol && tokens[last + 2].text == "(") {
      m_names.relations.insert(tokens[last].text); // WITH cte AS ( ... )
      m_names.ctes.insert(tokens[last].text);
    }
  }

  QueryNames& m_names;
  std::vector<Depth> m_depths{Depth{false, true, false}};
  bool m_next_is_table = false;
};

} // namespace

bool is_name(const Token& token) {
  return token.kind == Tok::Word || token.kind == Tok::QuotedName;
}

bool is_word(const Token& token, std::string_view word) {
  return token.kind == Tok::Word && iequals(token.text, word);
}

Result<QueryNames> scan_query(std::string_view query) {
  QueryNames names;
  try {
    names.tokens = tokenize(query);
  } catch (const ParseFailure& failure) {
    return failure.error;
  }
  Scanner(names).run();
  return names;
}

std::vector<std::size_t> internal_parts(const NameChain& chain, const std::vector<Token>& tokens) {
  std::vector<std::size_t> parts = chain.parts;
  if (parts.size() > 1 && tokens[parts[0]].text == "default_catalog") {
    parts.erase(parts.begin());
  }
  return parts;
}

bool is_external(const NameChain& chain, const std::vector<Token>& tokens) {
  const std::size_t internal = internal_parts(chain, tokens).size();
  return internal == chain.parts.size() && internal >= 3 && (chain.table_position || internal >= 4);
}

std::string database_name(const Token& token) {
  constexpr std::string_view k_cluster = "default_cluster:";
  if (token.text.rfind(k_cluster, 0) == 0) {
    return token.text.substr(k_cluster.size());
  }
  return token.text;
}

} // namespace exl::starrocks::detail
