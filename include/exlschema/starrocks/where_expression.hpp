#pragma once

#include <optional>
#include <string>
#include <string_view>

// The `-where` filter is pasted into the SELECT of every load (`... WHERE <expr>`), so it must be
// one expression and nothing else: a `;` would end the statement and start another, a comment
// (`--`, `#`, `/* */`) would silence the rest of it (a batch range, a partition predicate), and an
// unbalanced parenthesis or quote would let the text escape the parentheses the builders put
// around it. Pure function on the text, using the tokenizer the DDL parsers use.
namespace exl::starrocks {

// nullopt when `expression` is one SQL expression as far as its tokens show (no `;`, no comment,
// balanced parentheses and quotes, no clause keyword such as UNION or ORDER outside parentheses),
// else a one-line reason such as "contains ';', which would end the statement".
std::optional<std::string> check_where_expression(std::string_view expression);

} // namespace exl::starrocks
