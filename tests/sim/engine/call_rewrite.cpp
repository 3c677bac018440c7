#include "call_rewrite.hpp"

#include "errors.hpp"
#include "hash_functions.hpp"
#include "sql_lexer.hpp"

#include <limits>
#include <vector>

namespace srsim::engine {

namespace {

using Args = std::vector<std::string>;

bool is_symbol(const Token& t, const char* text) {
  return t.kind == TokenKind::Symbol && t.text == text;
}

bool no_args(const Args& args) {
  return args.size() == 1 && args[0].find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string join(const Args& args) {
  std::string out;
  for (const std::string& a : args) {
    out += (out.empty() ? "" : ",") + a;
  }
  return out;
}

// StarRocks's IntLiteral takes the smallest integer type that holds the value
// (fe/fe-core/.../analysis/IntLiteral.java); beyond BIGINT it is a LargeIntLiteral.
std::string integer_literal_type(const std::string& digits) {
  try {
    long long v = std::stoll(digits);
    if (v <= std::numeric_limits<signed char>::max()) {
      return "tinyint(4)";
    }
    if (v <= std::numeric_limits<short>::max()) {
      return "smallint(6)";
    }
    return v <= std::numeric_limits<int>::max() ? "int(11)" : "bigint(20)";
  } catch (const std::out_of_range&) {
    return "largeint(40)";
  }
}

// The argument's type as StarRocks's ScalarType.toSql prints it in an analyzer error
// (fe/fe-core/.../catalog/ScalarType.java): a string literal is a VARCHAR without length, NULL is
// NULL_TYPE (the default branch). srsim does not type other expressions: they print as varchar,
// the type every argument of the hash functions is cast to.
std::string argument_type(const std::string& arg) {
  std::vector<Token> t = tokenize(arg);
  if (t.size() == 2 && t[0].kind == TokenKind::Number &&
      t[0].text.find_first_not_of("0123456789") == std::string::npos) {
    return integer_literal_type(t[0].text);
  }
  if (t.size() == 2 && t[0].kind == TokenKind::Word && t[0].upper == "NULL") {
    return "unknown type: NULL_TYPE";
  }
  return "varchar";
}

// ExpressionAnalyzer.visitFunctionCall: "No matching function with signature: %s(%s)" with the
// lower-cased name and the argument types, wrapped as every analyzer error.
[[noreturn]] void fail_no_matching_function(const std::string& name, const Args& args) {
  std::string types;
  if (!no_args(args)) {
    for (const std::string& a : args) {
      types += (types.empty() ? "" : ", ") + argument_type(a);
    }
  }
  fail_analyzing("No matching function with signature: " + name + "(" + types + ")");
}

// xx_hash3_64 is in gensrc/script/functions.py from 3.2.0 (PR #28910, merged to main in August
// 2023 after branch-3.1 was cut; docs: "This function is supported from v3.2.0").
std::string xxh3_call(const Args& args, const Version& version) {
  if (!version.at_least(3, 2) || no_args(args)) {
    fail_no_matching_function("xx_hash3_64", args);
  }
  return std::string(k_xxh3_udf) + "(" + join(args) + ")";
}

std::string murmur_call(const Args& args, const Version&) {
  if (no_args(args)) {
    fail_no_matching_function("murmur_hash3_32", args);
  }
  return std::string(k_murmur_udf) + "(" + join(args) + ")";
}

// StarRocks: BOOLEAN sleep(INT x), 1 when the sleep completed, 0 when interrupted, NULL for a
// NULL argument without sleeping (docs sql-functions/utility-functions/sleep.md). MariaDB's
// SLEEP returns 0 when completed and 1 when interrupted, and 0 for NULL.
std::string sleep_call(const Args& args, const Version&) {
  if (args.size() != 1) {
    return "";
  }
  return "IF((" + args[0] + ") IS NULL, NULL, 1 - SLEEP(" + args[0] + "))";
}

// The MariaDB type for a StarRocks CAST target, or "" when MariaDB takes it as written
// (DECIMAL(p,s), DATE, DATETIME, DOUBLE, FLOAT, CHAR(n), ...).
std::string mariadb_cast_type(const Token& type) {
  const std::string& t = type.upper;
  if (t == "VARCHAR" || t == "STRING") {
    return "CHAR"; // no length: StarRocks does not cut the text at VARCHAR(n)
  }
  if (t == "LARGEINT") {
    return "DECIMAL(39,0)"; // 128-bit range; MariaDB sums DECIMAL exactly
  }
  if (t == "TINYINT" || t == "SMALLINT" || t == "INT" || t == "INTEGER" || t == "BIGINT") {
    return "SIGNED";
  }
  return "";
}

// CAST(<expr> AS <type>): the type follows the last AS outside parentheses.
std::string cast_call(const Args& args, const Version&) {
  if (args.size() != 1) {
    return "";
  }
  std::vector<Token> t = tokenize(args[0]);
  std::size_t as = t.size();
  int depth = 0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    depth += is_symbol(t[i], "(") ? 1 : is_symbol(t[i], ")") ? -1 : 0;
    if (depth == 0 && t[i].kind == TokenKind::Word && t[i].upper == "AS") {
      as = i;
    }
  }
  if (as + 1 >= t.size()) {
    return "";
  }
  if (t[as + 1].upper == "BOOLEAN" || t[as + 1].upper == "BOOL") {
    // MariaDB has no BOOLEAN cast (its BOOLEAN is TINYINT(1)). StarRocks reads a string as a
    // boolean from "true"/"false" in any case, and a numeric string as number <> 0 ('2', '-1'
    // true, '+0' false); other text is NULL (StarRocks's SQL tests "CAST(VARCHAR AS BOOLEAN) on
    // numeric strings", be/src/util/string_parser.hpp).
    const std::string v = "(" + args[0].substr(0, t[as].begin) + ")";
    return "(CASE WHEN " + v + " IS NULL THEN NULL WHEN LOWER(TRIM(" + v +
           ")) IN ('true', '1') THEN 1 WHEN LOWER(TRIM(" + v + ")) IN ('false', '0') THEN 0 WHEN " +
           v + " REGEXP '^[-+]?[0-9]+([.][0-9]*)?$' THEN (" + v + " <> 0) ELSE NULL END)";
  }
  std::string type = mariadb_cast_type(t[as + 1]);
  if (type.empty()) {
    return "";
  }
  return "CAST(" + args[0].substr(0, t[as].begin) + "AS " + type + ")";
}

using CallRewrite = std::string (*)(const Args& args, const Version& version);

CallRewrite rewrite_for(const Token& name) {
  if (name.kind != TokenKind::Word) {
    return nullptr;
  }
  if (name.upper == "XX_HASH3_64") {
    return xxh3_call;
  }
  if (name.upper == "MURMUR_HASH3_32") {
    return murmur_call;
  }
  if (name.upper == "SLEEP") {
    return sleep_call;
  }
  return name.upper == "CAST" ? cast_call : nullptr;
}

// The top-level argument texts of the call whose '(' is tokens[open], each rewritten; `close`
// receives the index of the matching ')'.
Args call_arguments(const std::string& sql, const std::vector<Token>& tokens, std::size_t open,
                    std::size_t& close, const Version& version) {
  Args args;
  std::size_t arg_begin = tokens[open].end;
  int depth = 0;
  for (close = open; close < tokens.size() && tokens[close].kind != TokenKind::End; ++close) {
    const Token& t = tokens[close];
    if (is_symbol(t, "(")) {
      ++depth;
    } else if ((is_symbol(t, ")") && --depth == 0) || (is_symbol(t, ",") && depth == 1)) {
      args.push_back(rewrite_function_calls(sql.substr(arg_begin, t.begin - arg_begin), version));
      arg_begin = t.end;
      if (depth == 0) {
        break;
      }
    }
  }
  return args;
}

// ` AS `<the call as written>`` when the call is a whole select item without an alias.
std::string header_alias(const std::string& sql, const std::vector<Token>& tokens, std::size_t name,
                         std::size_t close) {
  const Token& before = name > 0 ? tokens[name - 1] : tokens.back();
  const Token& after = tokens[close + 1 < tokens.size() ? close + 1 : close];
  bool item_start = name > 0 && (before.upper == "SELECT" || before.text == ",");
  bool item_end = after.kind == TokenKind::End || after.text == "," || after.upper == "FROM";
  if (!item_start || !item_end) {
    return "";
  }
  std::string header = sql.substr(tokens[name].begin, tokens[close].end - tokens[name].begin);
  std::string quoted;
  for (char c : header) {
    quoted += c == '`' ? std::string("``") : std::string(1, c);
  }
  return " AS `" + quoted + "`";
}

} // namespace

std::string rewrite_function_calls(const std::string& sql, const Version& version) {
  std::vector<Token> tokens = tokenize(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    CallRewrite rewrite = rewrite_for(tokens[i]);
    if (rewrite == nullptr || !is_symbol(tokens[i + 1], "(") ||
        (i > 0 && is_symbol(tokens[i - 1], "."))) {
      continue;
    }
    std::size_t close = i + 1;
    Args args = call_arguments(sql, tokens, i + 1, close, version);
    if (close >= tokens.size() || tokens[close].kind == TokenKind::End) {
      continue; // unbalanced: MariaDB reports the syntax error
    }
    std::string expr = rewrite(args, version);
    if (expr.empty()) {
      continue; // a form left to MariaDB as written
    }
    out +=
        sql.substr(copied, tokens[i].begin - copied) + expr + header_alias(sql, tokens, i, close);
    copied = tokens[close].end;
    i = close;
  }
  return out + sql.substr(copied);
}

} // namespace srsim::engine
