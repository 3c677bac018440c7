#include "insert_parser.hpp"

#include "create_table_parser.hpp"
#include "errors.hpp"

#include <regex>

namespace srsim::engine {

namespace {

// Hints are comments to the tokenizer; the one INSERT hint srsim honours is read from the text.
bool has_dynamic_overwrite_hint(const std::string& sql) {
  static const std::regex k_hint(R"(/\*\+[^*]*dynamic_overwrite\s*=\s*['"]?true)",
                                 std::regex::icase);
  return std::regex_search(sql, k_hint);
}

} // namespace

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
  st.dynamic_overwrite_hint = has_dynamic_overwrite_hint(cur.sql());
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
