#include "ddl_parser_common.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"

#include <algorithm>
#include <array>

// SHOW CREATE VIEW: ``CREATE VIEW `v` (`c1` COMMENT "x", `c2`) [COMMENT "..."]
// [SECURITY {NONE | INVOKER}] AS <query>;`` (the SECURITY clause is printed from 3.4.1).
// SHOW CREATE MATERIALIZED VIEW: ``CREATE MATERIALIZED VIEW `mv` [(cols)] [COMMENT ..]
// [PARTITION BY ..] [DISTRIBUTED BY ..] [ORDER BY (..)] [REFRESH ..] [PROPERTIES (..)] AS
// <query>;`` (reference/starrocks-surface.md §1). The query text is kept verbatim.
namespace exl::starrocks {
namespace {

using detail::Cursor;

// Everything after the current token (the query after AS), trimmed, without a final ';'.
std::string rest_as_definition(Cursor& cursor) {
  if (cursor.at_end()) {
    cursor.fail("a query after AS");
  }
  std::string_view rest = cursor.input().substr(cursor.peek().begin);
  while (!rest.empty() && (rest.back() == ';' || rest.back() == ' ' || rest.back() == '\n' ||
                           rest.back() == '\r' || rest.back() == '\t')) {
    rest.remove_suffix(1);
  }
  return std::string(rest);
}

bool at_mv_clause(const Cursor& cursor) {
  static constexpr std::array<std::string_view, 7> k_clauses = {
      "COMMENT", "PARTITION", "DISTRIBUTED", "ORDER", "REFRESH", "PROPERTIES", "AS"};
  return std::any_of(k_clauses.begin(), k_clauses.end(),
                     [&](std::string_view word) { return cursor.at_keyword(word); });
}

// Tokens up to the next MV clause keyword outside parentheses, as normalised source text.
std::string take_until_clause(Cursor& cursor) {
  std::size_t from = cursor.index();
  while (!cursor.at_end() && !at_mv_clause(cursor)) {
    if (cursor.at_symbol('(')) {
      cursor.take_balanced();
    } else {
      cursor.next();
    }
  }
  if (cursor.index() == from) {
    cursor.fail("a clause body");
  }
  return cursor.source_since(from);
}

ViewModel parse_view(Cursor& cursor) {
  ViewModel view;
  cursor.expect_keyword("CREATE");
  if (cursor.accept_keyword("OR")) {
    cursor.expect_keyword("REPLACE");
  }
  cursor.expect_keyword("VIEW");
  view.name = detail::parse_qualified_name(cursor);
  if (cursor.at_symbol('(')) {
    view.columns = detail::parse_view_columns(cursor);
  }
  if (cursor.accept_keyword("COMMENT")) {
    view.comment = cursor.expect_string();
  }
  // From 3.4.1 SHOW CREATE VIEW always prints ` SECURITY NONE` or ` SECURITY INVOKER` here
  // (AstToStringBuilder.getDdlStmt, view branch; docs View/CREATE_VIEW.md).
  if (cursor.accept_keyword("SECURITY")) {
    if (cursor.accept_keyword("INVOKER")) {
      view.security_invoker = true;
    } else if (!cursor.accept_keyword("NONE")) {
      cursor.fail("NONE or INVOKER after SECURITY");
    }
  }
  cursor.expect_keyword("AS");
  view.definition = rest_as_definition(cursor);
  return view;
}

bool parse_mv_clause(Cursor& cursor, MaterializedViewModel& mv) {
  if (cursor.accept_keyword("COMMENT")) {
    mv.comment = cursor.expect_string();
  } else if (cursor.accept_keyword("PARTITION")) {
    cursor.expect_keyword("BY");
    mv.partition_by = take_until_clause(cursor);
  } else if (cursor.accept_keyword("DISTRIBUTED")) {
    cursor.expect_keyword("BY");
    mv.distribution = detail::parse_distribution(cursor);
  } else if (cursor.accept_keyword("ORDER")) {
    cursor.expect_keyword("BY");
    mv.order_by = detail::parse_name_list(cursor);
  } else if (cursor.accept_keyword("REFRESH")) {
    mv.refresh = take_until_clause(cursor);
  } else if (cursor.accept_keyword("PROPERTIES")) {
    mv.properties = detail::parse_properties_body(cursor);
  } else {
    return false;
  }
  return true;
}

MaterializedViewModel parse_mv(Cursor& cursor) {
  MaterializedViewModel mv;
  cursor.expect_keyword("CREATE");
  cursor.expect_keyword("MATERIALIZED");
  cursor.expect_keyword("VIEW");
  if (cursor.accept_keyword("IF")) {
    cursor.expect_keyword("NOT");
    cursor.expect_keyword("EXISTS");
  }
  mv.name = detail::parse_qualified_name(cursor);
  if (cursor.at_symbol('(')) {
    mv.columns = detail::parse_view_columns(cursor);
  }
  while (parse_mv_clause(cursor, mv)) {
  }
  cursor.expect_keyword("AS");
  mv.definition = rest_as_definition(cursor);
  return mv;
}

} // namespace

Result<ViewModel> parse_create_view(std::string_view ddl) {
  return detail::run_parser<ViewModel>(ddl, parse_view);
}

Result<MaterializedViewModel> parse_create_materialized_view(std::string_view ddl) {
  return detail::run_parser<MaterializedViewModel>(ddl, parse_mv);
}

Result<AnyModel> parse_show_create(std::string_view ddl) {
  Result<int> kind = detail::run_parser<int>(ddl, [](Cursor& cursor) {
    cursor.expect_keyword("CREATE");
    if (cursor.at_keyword("MATERIALIZED")) {
      return 2;
    }
    if (cursor.at_keyword("VIEW") || cursor.at_keyword("OR")) {
      return 1;
    }
    return 0;
  });
  if (!kind) {
    return kind.error();
  }
  auto lift = [](auto result) -> Result<AnyModel> {
    if (!result) {
      return result.error();
    }
    return AnyModel(std::move(result).value());
  };
  switch (kind.value()) {
  case 1:
    return lift(parse_create_view(ddl));
  case 2:
    return lift(parse_create_materialized_view(ddl));
  default:
    return lift(parse_create_table(ddl));
  }
}

} // namespace exl::starrocks
