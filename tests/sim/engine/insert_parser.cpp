#include "insert_parser.hpp"

#include "create_table_parser.hpp"
#include "errors.hpp"

#include <regex>

namespace srsim::engine {

namespace {

// The `k = v` pairs of every `set_var(..)` in one hint comment (names lower-case, quotes off).
void add_set_var_pairs(const std::string& hint, Properties& out) {
  static const std::regex k_set_var(R"(set_var\s*\(([^)]*)\))", std::regex::icase);
  static const std::regex k_pair(R"(\s*(\w+)\s*=\s*['"]?([^,'"]*?)['"]?\s*(,|$))");
  for (std::sregex_iterator h(hint.begin(), hint.end(), k_set_var), end; h != end; ++h) {
    std::string body = (*h)[1].str();
    for (std::sregex_iterator it(body.begin(), body.end(), k_pair); it != end; ++it) {
      out.emplace_back(to_lower((*it)[1].str()), (*it)[2].str());
    }
  }
}

} // namespace

// StmtExecutor before 3.1.7 / 3.2.3 applies a statement's set_var hints only when it is a plain
// SELECT (`parsedStmt instanceof QueryStatement`, then the SelectRelation's optHints), so a hint
// after an INSERT's SELECT parses and changes nothing. From those releases the parser collects
// every hint of the statement (HintCollector) and StmtExecutor.processQueryScopeHint applies all
// SetVarHints to a clone of the session variables for this statement, INSERT included.

Properties statement_hint_variables(const Cursor& cur) {
  const std::vector<Token>& t = cur.tokens();
  if (!cur.allows(SyntaxForm::InsertHintAnywhere)) {
    // Older StmtExecutor: a plain SELECT's own hint (SelectRelation optHints), nothing else.
    bool select = !t.empty() && t[0].kind == TokenKind::Word && t[0].upper == "SELECT";
    return select ? hint_set_vars(cur, 1) : Properties{};
  }
  Properties out;
  for (std::size_t i = 1; i < t.size(); ++i) {
    for (auto& kv : hint_set_vars(cur, i)) {
      out.push_back(std::move(kv));
    }
  }
  return out;
}

Properties hint_set_vars(const Cursor& cur, std::size_t index) {
  Properties out;
  const std::vector<Token>& t = cur.tokens();
  if (cur.hint_before(index)) {
    std::size_t to = t[index].kind == TokenKind::End ? cur.sql().size() : t[index].begin;
    add_set_var_pairs(cur.sql().substr(t[index - 1].end, to - t[index - 1].end), out);
  }
  return out;
}

void check_hint_places(const Cursor& cur) {
  const std::vector<Token>& t = cur.tokens();
  auto is = [&](std::size_t i, const char* word) {
    return t[i].kind == TokenKind::Word && t[i].upper == word;
  };
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (!cur.hint_before(i) || is(i - 1, "SELECT") || (is(i - 1, "SUBMIT") && is(i, "TASK"))) {
      continue;
    }
    bool before_into = is(i - 1, "INSERT") && is(i, "INTO");
    if (cur.allows(SyntaxForm::InsertHintAnywhere) ||
        (before_into && cur.allows(SyntaxForm::InsertHintBeforeInto))) {
      continue;
    }
    cur.syntax_error_at(i);
  }
}

InsertStmt parse_insert(Cursor& cur) {
  check_hint_places(cur);
  InsertStmt st;
  cur.expect_kw("INSERT");
  if (cur.accept_kw("OVERWRITE")) {
    st.overwrite = true;
  } else {
    cur.expect_kw("INTO");
  }
  cur.accept_kw("TABLE");
  st.target = cur.qualified_name();
  for (;;) {
    if (cur.accept_kw("TEMPORARY")) {
      st.temporary = true;
      if (!cur.is_kw("PARTITION") && !cur.is_kw("PARTITIONS")) {
        cur.syntax_error();
      }
    }
    if (cur.accept_kw("PARTITION") || cur.accept_kw("PARTITIONS")) {
      cur.expect_sym("(");
      do {
        if (cur.is_sym("=", 1)) {
          fail_unsupported("INSERT ... PARTITION (col = value)");
        }
        const Token& t = cur.peek();
        st.partitions.push_back(t.kind == TokenKind::String ? cur.string_literal()
                                                            : cur.identifier());
      } while (cur.accept_sym(","));
      cur.expect_sym(")");
    } else if (cur.accept_kws({"WITH", "LABEL"})) {
      st.label = cur.peek().kind == TokenKind::String ? cur.string_literal() : cur.identifier();
    } else if (cur.is_sym("(") && !cur.is_kw("SELECT", 1) && !cur.is_kw("WITH", 1)) {
      st.columns = cur.ident_list();
    } else if (cur.is_kw("BY") && cur.is_kw("NAME", 1)) {
      cur.require(SyntaxForm::InsertByName);
      cur.next();
      cur.next();
      st.by_name = true;
    } else if (cur.is_kw("PROPERTIES")) {
      cur.require(SyntaxForm::InsertProperties);
      cur.next();
      st.properties = parse_properties(cur);
    } else {
      break;
    }
  }
  if (cur.at_end()) {
    cur.syntax_error();
  }
  st.source = cur.rest_from(cur.position());
  return st;
}

} // namespace srsim::engine
