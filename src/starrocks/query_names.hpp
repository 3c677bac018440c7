#pragma once

#include "exlschema/starrocks/result.hpp"
#include "tokenizer.hpp"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// The names of a view / MV query (private to src/starrocks): every dotted name with where it
// stands, and the names a qualifier may stand for besides a database. Shared by the query
// rewrite (ddl_rewrite.hpp) and the dependency order (dependency_order.hpp).
namespace exl::starrocks::detail {

// A dotted name `a`.`b`.`c`: token indexes of its parts.
struct NameChain {
  std::vector<std::size_t> parts;
  bool table_position = false;      // right after FROM / JOIN or a ',' of a FROM list
  bool called = false;              // followed by '(' (a function)
  std::optional<std::size_t> alias; // table position: the token of its alias, if any
};

struct QueryNames {
  std::vector<Token> tokens;
  std::vector<NameChain> chains;
  std::set<std::string> relations; // tables (last part), aliases and CTEs of the query
  std::set<std::string> aliases;   // aliases given to tables or subqueries
  std::set<std::string> ctes;      // WITH names
};

// Tokenises `query` and finds its names; an unterminated string or quoted name is the error.
Result<QueryNames> scan_query(std::string_view query);

// The chain's parts without a leading `default_catalog` (the internal catalog).
std::vector<std::size_t> internal_parts(const NameChain& chain, const std::vector<Token>& tokens);

// `catalog`.`db`.`tbl`[.`col`] of an external catalog, which no copy renames.
bool is_external(const NameChain& chain, const std::vector<Token>& tokens);

// A database qualifier as written, without the pre-3.0 `default_cluster:` prefix.
std::string database_name(const Token& token);

bool is_name(const Token& token);
bool is_word(const Token& token, std::string_view word);

} // namespace exl::starrocks::detail
