#include "mv_define_sql.hpp"

#include "backend.hpp"
#include "sql_lexer.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>
#include <vector>

namespace srsim::engine {
namespace {

bool is_name(const Token& t) {
  return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent;
}

bool is_word(const Token& t, std::string_view upper) {
  return t.kind == TokenKind::Word && t.upper == upper;
}

bool is_sym(const Token& t, std::string_view sym) {
  return t.kind == TokenKind::Symbol && t.text == sym;
}

bool ends_from_clause(const Token& t) {
  static constexpr std::array<std::string_view, 11> k_words = {
      "WHERE",  "GROUP",     "HAVING", "ORDER",   "LIMIT", "UNION",
      "EXCEPT", "INTERSECT", "WINDOW", "QUALIFY", "SELECT"};
  return std::any_of(k_words.begin(), k_words.end(),
                     [&](std::string_view w) { return is_word(t, w); });
}

} // namespace

std::string qualified_define_sql(const std::string& sql, const std::string& current_db) {
  std::vector<Token> t = tokenize(sql);
  std::set<std::string> ctes; // WITH name AS ( ... )
  for (std::size_t i = 0; i + 2 < t.size(); ++i) {
    if (is_name(t[i]) && is_word(t[i + 1], "AS") && is_sym(t[i + 2], "(") &&
        (i == 0 || !is_sym(t[i - 1], "."))) {
      ctes.insert(t[i].text);
    }
  }
  std::string out;
  std::size_t copied = 0;
  std::vector<bool> in_from{false}; // per parenthesis depth
  // Per depth: a query level (top, or a '(' opening SELECT/WITH or a table list) where FROM and
  // JOIN introduce tables, unlike FROM inside EXTRACT(.. FROM ..), TRIM(.. FROM ..), ...
  std::vector<bool> query_level{true};
  bool next_is_table = false;
  for (std::size_t i = 0; i < t.size() && t[i].kind != TokenKind::End; ++i) {
    if (t[i].kind == TokenKind::Symbol) {
      if (t[i].text == "(") {
        in_from.push_back(false);
        query_level.push_back(next_is_table || is_word(t[i + 1], "SELECT") ||
                              is_word(t[i + 1], "WITH"));
      } else if (t[i].text == ")" && in_from.size() > 1) {
        in_from.pop_back();
        query_level.pop_back();
      }
      next_is_table = t[i].text == "," && in_from.back();
      continue;
    }
    if ((is_word(t[i], "FROM") || is_word(t[i], "JOIN")) && query_level.back()) {
      in_from.back() = true;
      next_is_table = true;
      continue;
    }
    if (ends_from_clause(t[i])) {
      in_from.back() = false;
    }
    bool table = next_is_table && is_name(t[i]);
    next_is_table = false;
    if (!table) {
      continue;
    }
    std::vector<std::size_t> parts{i};
    while (i + 2 < t.size() && is_sym(t[i + 1], ".") && is_name(t[i + 2])) {
      i += 2;
      parts.push_back(i);
    }
    if (is_sym(t[i + 1], "(") || parts.size() > 3 ||
        (parts.size() == 1 && ctes.count(t[parts[0]].text) != 0) ||
        (parts.size() == 3 && t[parts[0]].text != "default_catalog")) {
      continue; // a table function, a CTE or a table of an external catalog
    }
    std::string db = parts.size() == 1 ? current_db : t[parts[parts.size() - 2]].text;
    out += sql.substr(copied, t[parts.front()].begin - copied) + quote_ident(db) + "." +
           quote_ident(t[parts.back()].text);
    copied = t[parts.back()].end;
  }
  return out + sql.substr(copied);
}

} // namespace srsim::engine
