#include "exlschema/starrocks/ddl_rewrite.hpp"

#include "tokenizer.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace exl::starrocks {
namespace {

constexpr std::array<std::string_view, 5> k_shared_data_only = {
    "storage_volume", "datacache.enable", "datacache.partition_duration", "enable_async_write_back",
    "persistent_index_type"};

void drop_with_warning(TableModel& table, std::string_view key, std::string_view why,
                       std::vector<std::string>& warnings) {
  if (const std::string* value = find_property(table.properties, key)) {
    warnings.push_back("dropped \"" + std::string(key) + "\" = \"" + *value +
                       "\": " + std::string(why));
    erase_property(table.properties, key);
  }
}

void set_replication(TableModel& table, int replication, std::vector<std::string>& warnings) {
  std::string value = std::to_string(replication);
  const std::string* old = find_property(table.properties, "replication_num");
  if (old == nullptr || *old != value) {
    warnings.push_back("replication_num set to " + value +
                       (old != nullptr ? " (source: " + *old + ")" : std::string()));
  }
  set_property(table.properties, "replication_num", value);
  if (find_property(table.properties, "dynamic_partition.replication_num") != nullptr) {
    set_property(table.properties, "dynamic_partition.replication_num", value);
  }
  for (PartitionDef& partition : table.partitioning.partitions) {
    if (find_property(partition.properties, "replication_num") != nullptr) {
      set_property(partition.properties, "replication_num", value);
    }
  }
}

void drop_replication(TableModel& table, std::vector<std::string>& warnings) {
  drop_with_warning(table, "replication_num", "a shared-data target manages replicas itself",
                    warnings);
  erase_property(table.properties, "replicated_storage");
  erase_property(table.properties, "dynamic_partition.replication_num");
  for (PartitionDef& partition : table.partitioning.partitions) {
    erase_property(partition.properties, "replication_num");
  }
}

} // namespace

RewriteResult rewrite_for_target(TableModel table, const TargetRewriteOptions& options) {
  RewriteResult result;
  std::vector<std::string>& warnings = result.warnings;
  drop_with_warning(table, "colocate_with", "colocation groups exist per cluster", warnings);
  if (options.target_shared_data) {
    drop_replication(table, warnings);
  } else {
    for (std::string_view key : k_shared_data_only) {
      drop_with_warning(table, key, "the target is not a shared-data cluster", warnings);
    }
    if (options.replication_num) {
      set_replication(table, *options.replication_num, warnings);
    }
  }
  const std::string* start = find_property(table.properties, "dynamic_partition.start");
  if (start != nullptr && *start != "-2147483648") {
    drop_with_warning(table, "dynamic_partition.start",
                      "the target would drop the history copied from the source", warnings);
  }
  result.table = std::move(table);
  return result;
}

} // namespace exl::starrocks

// ---- database qualifiers in a view / MV query ----------------------------------------------

namespace exl::starrocks {
namespace {

using detail::iequals;
using detail::Token;
using Tok = Token::Kind;

// A dotted name `a`.`b`.`c`: token indexes of its parts.
struct NameChain {
  std::vector<std::size_t> parts;
  bool table_position = false; // right after FROM / JOIN or a ',' of a FROM list
  bool called = false;         // followed by '(' (a function)
};

bool is_name(const Token& token) {
  return token.kind == Tok::Word || token.kind == Tok::QuotedName;
}

bool is_word(const Token& token, std::string_view word) {
  return token.kind == Tok::Word && iequals(token.text, word);
}

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

std::vector<NameChain> name_chains(const std::vector<Token>& tokens) {
  std::vector<NameChain> chains;
  std::vector<bool> in_from{false}; // per parenthesis depth
  // Per depth: a query level (top, or a '(' opening SELECT/WITH or a table list) where FROM and
  // JOIN introduce tables, unlike FROM inside EXTRACT(.. FROM ..), TRIM(.. FROM ..), ...
  std::vector<bool> query_level{true};
  bool next_is_table = false;
  for (std::size_t i = 0; i < tokens.size() && tokens[i].kind != Tok::End; ++i) {
    const Token& token = tokens[i];
    if (token.kind == Tok::Symbol) {
      if (token.text == "(") {
        const Token& after = tokens[i + 1];
        in_from.push_back(false);
        query_level.push_back(next_is_table || is_word(after, "SELECT") || is_word(after, "WITH"));
      } else if (token.text == ")" && in_from.size() > 1) {
        in_from.pop_back();
        query_level.pop_back();
      }
      next_is_table = token.text == "," && in_from.back();
      continue;
    }
    if ((is_word(token, "FROM") || is_word(token, "JOIN")) && query_level.back()) {
      in_from.back() = true;
      next_is_table = true;
      continue;
    }
    if (ends_from_clause(token)) {
      in_from.back() = false;
    }
    if (!is_name(token)) {
      next_is_table = false;
      continue;
    }
    NameChain chain;
    chain.table_position = next_is_table;
    chain.parts.push_back(i);
    while (tokens[i + 1].kind == Tok::Symbol && tokens[i + 1].text == "." &&
           is_name(tokens[i + 2])) {
      i += 2;
      chain.parts.push_back(i);
    }
    chain.called = tokens[i + 1].kind == Tok::Symbol && tokens[i + 1].text == "(";
    next_is_table = false;
    chains.push_back(std::move(chain));
  }
  return chains;
}

// The chain's parts without a leading `default_catalog` (the internal catalog).
std::vector<std::size_t> internal_parts(const NameChain& chain, const std::vector<Token>& tokens) {
  std::vector<std::size_t> parts = chain.parts;
  if (parts.size() > 1 && tokens[parts[0]].text == "default_catalog") {
    parts.erase(parts.begin());
  }
  return parts;
}

const std::string* mapped(const DatabaseMap& databases, const std::string& name) {
  for (const auto& [from, to] : databases) {
    if (from == name) {
      return &to;
    }
  }
  return nullptr;
}

std::string quoted_name(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out += c == '`' ? std::string("``") : std::string(1, c);
  }
  return out + "`";
}

} // namespace

Result<std::string> rewrite_query_databases(std::string_view query, const DatabaseMap& databases) {
  std::vector<Token> tokens;
  try {
    tokens = detail::tokenize(query);
  } catch (const detail::ParseFailure& failure) {
    return failure.error;
  }
  std::vector<NameChain> chains = name_chains(tokens);

  // Names a qualifier may stand for besides a database: tables, aliases and CTEs of the query.
  std::set<std::string> relations;
  std::set<std::string> ctes;
  for (std::size_t c = 0; c < chains.size(); ++c) {
    const NameChain& chain = chains[c];
    std::size_t last = chain.parts.back();
    if (chain.table_position && !chain.called) {
      relations.insert(tokens[last].text);
      std::size_t alias = last + 1;
      if (is_word(tokens[alias], "AS")) {
        ++alias;
      }
      if (is_name(tokens[alias]) && !is_clause_word(tokens[alias])) {
        relations.insert(tokens[alias].text);
      }
    }
    if (chain.parts.size() == 1 && is_word(tokens[last + 1], "AS") &&
        tokens[last + 2].kind == Tok::Symbol && tokens[last + 2].text == "(") {
      relations.insert(tokens[last].text); // WITH cte AS ( ... )
      ctes.insert(tokens[last].text);
    }
  }

  std::vector<std::pair<std::size_t, const std::string*>> replacements; // token -> new database
  for (const NameChain& chain : chains) {
    std::vector<std::size_t> parts = internal_parts(chain, tokens);
    bool external = parts.size() == chain.parts.size() && parts.size() >= 3 &&
                    (chain.table_position || parts.size() >= 4);
    if (external) {
      continue; // `catalog`.`db`.`tbl`[.`col`] of an external catalog
    }
    const Token& first = tokens[parts[0]];
    const std::string* target = mapped(databases, first.text);
    if (chain.called) {
      if (parts.size() >= 2 && target != nullptr) {
        return ParseError{first.begin, "no function of a copied database", detail::describe(first)};
      }
      continue;
    }
    if (chain.table_position) {
      if (parts.size() == 1 && ctes.count(first.text) == 0) {
        return ParseError{first.begin, "a table qualified by its database",
                          detail::describe(first)};
      }
      if (parts.size() >= 2 && target != nullptr) {
        replacements.emplace_back(parts[0], target);
      }
      continue;
    }
    if (target == nullptr || parts.size() < 2) {
      continue;
    }
    if (parts.size() == 2) {
      if (relations.count(first.text) == 0) {
        return ParseError{first.begin, "a qualifier that names one table of the query",
                          detail::describe(first)};
      }
      continue; // `tbl`.`col` where tbl is also a database name
    }
    if (relations.count(first.text) != 0) {
      return ParseError{first.begin, "a qualifier that is either a database or a table",
                        detail::describe(first)};
    }
    replacements.emplace_back(parts[0], target); // `db`.`tbl`.`col`
  }

  std::string out;
  std::size_t copied = 0;
  for (const auto& [index, target] : replacements) {
    out.append(query.substr(copied, tokens[index].begin - copied));
    out += quoted_name(*target);
    copied = tokens[index].end;
  }
  out.append(query.substr(copied));
  return out;
}

} // namespace exl::starrocks
