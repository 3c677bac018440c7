#include "exlschema/starrocks/ddl_rewrite.hpp"

#include "query_names.hpp"

#include <map>
#include <set>

// View / MV queries re-pointed at renamed databases and tables. The query is SHOW CREATE's
// rendering (tables `db`.`tbl`, columns `tbl`.`col` or `db`.`tbl`.`col`, reference §1); every
// replacement is a token of that text, so strings, comments and the layout stay as written.
namespace exl::starrocks {
namespace {

using detail::describe;
using detail::NameChain;
using detail::QueryNames;
using detail::Token;

class QueryRewriter {
public:
  QueryRewriter(const QueryNames& names, const QueryRenames& renames)
      : m_names(names), m_renames(renames) {
    collect_implicit_names();
  }

  // The token replacements in query order, or why the query cannot be rewritten exactly.
  std::optional<ParseError> run() {
    for (const NameChain& chain : m_names.chains) {
      if (detail::is_external(chain, m_names.tokens)) {
        continue; // `catalog`.`db`.`tbl`[.`col`] of an external catalog
      }
      if (auto error = visit(chain, detail::internal_parts(chain, m_names.tokens))) {
        return error;
      }
    }
    return std::nullopt;
  }

  std::string apply(std::string_view query) const {
    std::string out;
    std::size_t copied = 0;
    for (const auto& [index, text] : m_replacements) {
      const Token& token = m_names.tokens[index];
      out.append(query.substr(copied, token.begin - copied));
      out += text;
      copied = token.end;
    }
    out.append(query.substr(copied));
    return out;
  }

private:
  const std::string* mapped_database(const Token& token) const {
    const std::string name = detail::database_name(token);
    for (const auto& [from, to] : m_renames.databases) {
      if (from == name) {
        return &to;
      }
    }
    return nullptr;
  }

  const ObjectName* mapped_table(const Token& database, const Token& table) const {
    const ObjectName name{detail::database_name(database), table.text};
    for (const auto& [from, to] : m_renames.tables) {
      if (from == name) {
        return &to;
      }
    }
    return nullptr;
  }

  void replace(std::size_t token, const std::string& name) {
    m_replacements[token] = quoted_name(name);
  }

  static std::string quoted_name(const std::string& name) {
    std::string out = "`";
    for (char c : name) {
      out += c == '`' ? std::string("``") : std::string(1, c);
    }
    return out + "`";
  }

  // The table at `parts[0]`.`parts[1]` (a table reference, or the qualifier of a column):
  // renamed as a table, else its database renamed, else nothing. Returns false when unmapped.
  bool rename_table(const std::vector<std::size_t>& parts) {
    const Token& database = m_names.tokens[parts[0]];
    if (const ObjectName* target = mapped_table(database, m_names.tokens[parts[1]])) {
      replace(parts[0], target->database);
      replace(parts[1], target->table);
      return true;
    }
    if (const std::string* target = mapped_database(database)) {
      replace(parts[0], *target);
      return true;
    }
    return false;
  }

  // Unaliased tables are referred to by their own name: `tbl`.`col`. For each such name, the
  // names it has after the rewrite (one per distinct table it may stand for).
  void collect_implicit_names() {
    for (const NameChain& chain : m_names.chains) {
      const auto parts = detail::internal_parts(chain, m_names.tokens);
      if (!chain.table_position || chain.called || chain.alias || parts.size() != 2 ||
          detail::is_external(chain, m_names.tokens)) {
        continue;
      }
      const Token& table = m_names.tokens[parts[1]];
      const ObjectName* target = mapped_table(m_names.tokens[parts[0]], table);
      m_implicit[table.text].insert(target != nullptr ? target->table : table.text);
    }
  }

  std::optional<ParseError> visit(const NameChain& chain, const std::vector<std::size_t>& parts) {
    const Token& first = m_names.tokens[parts[0]];
    if (chain.called) {
      if (parts.size() >= 2 && mapped_database(first) != nullptr) {
        return ParseError{first.begin, "no function of a copied database", describe(first)};
      }
      return std::nullopt;
    }
    if (chain.table_position) {
      if (parts.size() == 1 && m_names.ctes.count(first.text) == 0) {
        return ParseError{first.begin, "a table qualified by its database", describe(first)};
      }
      if (parts.size() >= 2) {
        rename_table(parts);
      }
      return std::nullopt;
    }
    if (parts.size() == 2) {
      return visit_qualified_column(parts);
    }
    if (parts.size() >= 3) {
      return visit_full_column(parts);
    }
    return std::nullopt;
  }

  // `x`.`y` outside FROM: a column of table (or alias, or CTE) x.
  std::optional<ParseError> visit_qualified_column(const std::vector<std::size_t>& parts) {
    const Token& first = m_names.tokens[parts[0]];
    const auto implicit = m_implicit.find(first.text);
    const bool renamed_here =
        implicit != m_implicit.end() &&
        (implicit->second.size() > 1 || *implicit->second.begin() != first.text);
    if (renamed_here) {
      if (implicit->second.size() > 1 || m_names.aliases.count(first.text) != 0 ||
          m_names.ctes.count(first.text) != 0) {
        return ParseError{first.begin, "a qualifier that names one table of the query",
                          describe(first)};
      }
      replace(parts[0], *implicit->second.begin());
      return std::nullopt;
    }
    if (m_names.relations.count(first.text) != 0) {
      return std::nullopt; // `tbl`.`col`, also where tbl is named like a database
    }
    if (mapped_database(first) != nullptr ||
        mapped_table(first, m_names.tokens[parts[1]]) != nullptr) {
      return ParseError{first.begin, "a qualifier that names one table of the query",
                        describe(first)};
    }
    return std::nullopt;
  }

  // `db`.`tbl`.`col` (or a struct field `tbl`.`col`.`field`).
  std::optional<ParseError> visit_full_column(const std::vector<std::size_t>& parts) {
    const Token& first = m_names.tokens[parts[0]];
    const bool mapped = mapped_database(first) != nullptr ||
                        mapped_table(first, m_names.tokens[parts[1]]) != nullptr;
    if (!mapped) {
      return std::nullopt;
    }
    if (m_names.relations.count(first.text) != 0) {
      return ParseError{first.begin, "a qualifier that is either a database or a table",
                        describe(first)};
    }
    rename_table(parts);
    return std::nullopt;
  }

  const QueryNames& m_names;
  const QueryRenames& m_renames;
  std::map<std::string, std::set<std::string>> m_implicit;
  std::map<std::size_t, std::string> m_replacements; // token index -> quoted new name
};

} // namespace

Result<std::string> rewrite_query_names(std::string_view query, const QueryRenames& renames) {
  Result<QueryNames> names = detail::scan_query(query);
  if (!names) {
    return names.error();
  }
  QueryRewriter rewriter(names.value(), renames);
  if (auto error = rewriter.run()) {
    return *error;
  }
  return rewriter.apply(query);
}

Result<std::string> rewrite_query_databases(std::string_view query, const DatabaseMap& databases) {
  return rewrite_query_names(query, QueryRenames{databases, {}});
}

} // namespace exl::starrocks
