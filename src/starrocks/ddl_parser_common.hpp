#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "tokenizer.hpp"

// Pieces of grammar the table, view and MV parsers share (private to src/starrocks).
namespace exl::starrocks::detail {

ColumnType parse_type(Cursor& cursor, int depth = 0);
Literal parse_literal(Cursor& cursor);
Tuple parse_tuple(Cursor& cursor);                        // ( lit, lit ) or a bare MAXVALUE
std::vector<std::string> parse_name_list(Cursor& cursor); // ( `a`, `b` )
Properties parse_properties_body(Cursor& cursor);         // ( "k" = "v", ... )
Distribution parse_distribution(Cursor& cursor);          // after DISTRIBUTED BY
std::vector<ViewColumn> parse_view_columns(Cursor& cursor);
std::string parse_qualified_name(Cursor& cursor); // db.t -> t

// Runs `parse` over `ddl`, turning a ParseFailure (or any other exception) into a ParseError.
template <class T, class F> Result<T> run_parser(std::string_view ddl, F&& parse) {
  try {
    Cursor cursor(ddl, tokenize(ddl));
    return parse(cursor);
  } catch (const ParseFailure& failure) {
    return failure.error;
  } catch (...) {
    return ParseError{0, "parsable input", "an internal error"};
  }
}

} // namespace exl::starrocks::detail
