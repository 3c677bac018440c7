#include "exlschema/starrocks/insert_sql.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <stdexcept>

namespace exl::starrocks {
namespace {

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Variable names keep only identifier characters; a value that is a bare word or number is
// written bare (set_var(dynamic_overwrite = true), as documented), anything else as a literal.
std::string hint_assignment(const std::string& name, const std::string& value) {
  std::string clean_name;
  for (char c : name) {
    if (is_word(c)) {
      clean_name += c;
    }
  }
  bool bare = !value.empty();
  for (char c : value) {
    bare = bare && (is_word(c) || c == '.' || c == '-');
  }
  return clean_name + " = " + (bare ? value : quote_string(value));
}

std::string hint(const Properties& set_vars) {
  if (set_vars.empty()) {
    return "";
  }
  std::string out = " /*+set_var(";
  for (std::size_t i = 0; i < set_vars.size(); ++i) {
    out += (i > 0 ? ", " : "") + hint_assignment(set_vars[i].first, set_vars[i].second);
  }
  return out + ")*/";
}

// The hint's variables: `set_vars`, plus below v3.4 the `properties` as session variables.
Properties hint_variables(const InsertSpec& spec, const Version& version) {
  Properties vars = spec.set_vars;
  if (supports(version, Feature::InsertProperties)) {
    return vars;
  }
  for (const auto& [key, value] : spec.properties) {
    if (key != "timeout") {
      throw std::invalid_argument("INSERT property \"" + key +
                                  "\" needs StarRocks 3.4, target is " + version.text);
    }
    vars.emplace_back("query_timeout", value);
  }
  return vars;
}

std::string names(const std::vector<std::string>& list) {
  std::string out = "(";
  for (std::size_t i = 0; i < list.size(); ++i) {
    out += (i > 0 ? ", " : "") + quote_identifier(list[i]);
  }
  return out + ")";
}

} // namespace

std::string build_insert(const InsertSpec& spec, const Version& version) {
  const std::string hint_text = hint(hint_variables(spec, version));
  const bool hint_after_insert = supports(version, Feature::InsertHintAnywhere);
  if (!hint_after_insert && !hint_text.empty()) {
    // A SELECT's set_var hint parses in every release, but older StmtExecutors apply a query's
    // hints only when the statement is a plain SELECT (QueryStatement), never to an INSERT: the
    // variables would silently not be set.
    throw std::invalid_argument("session variables of an INSERT need StarRocks 3.1.7 / 3.2.3 "
                                "(target is " +
                                version.text + "): SET them on the session instead");
  }
  std::string out = spec.overwrite ? "INSERT OVERWRITE" : "INSERT INTO";
  out += (hint_after_insert ? hint_text : "") + " " + spec.target.sql();
  if (!spec.partitions.empty()) {
    out += std::string(spec.temporary ? " TEMPORARY" : "") + " PARTITION " + names(spec.partitions);
  }
  if (!spec.label.empty()) {
    out += " WITH LABEL " + quote_identifier(spec.label);
  }
  if (!spec.columns.empty()) {
    out += " " + names(spec.columns);
  }
  if (!spec.properties.empty() && supports(version, Feature::InsertProperties)) {
    out += " PROPERTIES (";
    for (std::size_t i = 0; i < spec.properties.size(); ++i) {
      out += (i > 0 ? ", " : "") + quote_string(spec.properties[i].first) + " = " +
             quote_string(spec.properties[i].second);
    }
    out += ")";
  }
  return out + " " + spec.query;
}

std::string and_predicates(const std::vector<std::string>& predicates) {
  std::string out;
  for (const std::string& predicate : predicates) {
    if (predicate.empty() || predicate == "TRUE") {
      continue;
    }
    out += (out.empty() ? "(" : " AND (") + predicate + ")";
  }
  return out;
}

std::string build_select_rows(const TableRef& source, const std::vector<std::string>& predicates) {
  std::string where = and_predicates(predicates);
  return "SELECT * FROM " + source.sql() + (where.empty() ? "" : " WHERE " + where);
}

std::string build_select_columns(const TableRef& source, const std::vector<std::string>& columns,
                                 const std::vector<std::string>& predicates) {
  if (columns.empty()) {
    return build_select_rows(source, predicates);
  }
  std::string list;
  for (const std::string& column : columns) {
    list += (list.empty() ? "" : ", ") + quote_identifier(column);
  }
  std::string where = and_predicates(predicates);
  return "SELECT " + list + " FROM " + source.sql() + (where.empty() ? "" : " WHERE " + where);
}

std::vector<std::string> insertable_columns(const TableModel& table) {
  std::vector<std::string> names;
  for (const Column& column : table.columns) {
    if (column.generated.empty()) {
      names.push_back(column.name);
    }
  }
  return names;
}

} // namespace exl::starrocks
