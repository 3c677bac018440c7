#pragma once

#include <string>
#include <string_view>

// The one quoting and escaping of exlSchema: every identifier and every literal in every SQL
// statement goes through these.
namespace exl::starrocks {

// `name` in backticks, embedded backticks doubled: a`b -> `a``b`.
std::string quote_identifier(std::string_view name);

// `db`.`table`
std::string quote_qualified(std::string_view db, std::string_view table);

// A string literal in double quotes as StarRocks (MySQL dialect) reads it: backslash, quotes,
// NUL, newline, carriage return, tab and Ctrl-Z escaped with a backslash.
std::string quote_string(std::string_view value);

} // namespace exl::starrocks
