// SET, SHOW VARIABLES and the constant SELECTs clients send on their own
// (SELECT @@version_comment LIMIT 1, SELECT current_version(), SELECT @@session.query_timeout AS
// t). starrocks-surface.md §8 (Variables, Version); docs:
// sql-functions/utility-functions/current_version.md.

#include "server/front.hpp"
#include "server/statements.hpp"

namespace srsim::server {
namespace {

enum class Scope { Session, Global };

std::optional<Scope> take_scope_word(TokenCursor& c) {
  if (c.accept("GLOBAL")) {
    return Scope::Global;
  }
  if (c.accept("SESSION") || c.accept("LOCAL")) {
    return Scope::Session;
  }
  return std::nullopt;
}

// A value after `=`: a literal, a word (ON, true, DEFAULT, utf8) or a negative number.
std::optional<std::string> take_value(TokenCursor& c) {
  bool negative = c.accept_symbol("-");
  const Token& t = c.peek();
  if (t.kind == Token::Kind::Symbol || (negative && t.kind != Token::Kind::Number)) {
    return std::nullopt;
  }
  return (negative ? "-" : "") + c.next().text;
}

Reply set_one(Front& front, ConnectionState& conn, Scope scope, const std::string& name,
              const std::string& raw) {
  const VariableDef* def = front.variables().find(name);
  if (def == nullptr) {
    return unknown_variable(name);
  }
  std::string value = to_upper(raw) == "DEFAULT" ? def->default_value : raw;
  auto normalized = front.variables().normalize(*def, value);
  if (auto* err = std::get_if<ErrorReply>(&normalized)) {
    return *err;
  }
  if (scope == Scope::Global) {
    if (!conn.session.allowed("ADMIN", "")) {
      return access_denied("OPERATE", "SYSTEM");
    }
    front.variables().set_global(def->name, std::get<std::string>(normalized));
  } else {
    conn.session.variables[def->name] = std::get<std::string>(normalized);
  }
  return OkReply{};
}

// One `[GLOBAL|SESSION] name = value` / `@@[scope.]name = value` / `@user = value` item.
std::optional<Reply> set_item(Front& front, ConnectionState& conn, TokenCursor& c) {
  Scope scope = take_scope_word(c).value_or(Scope::Session);
  if (c.accept_symbol("@")) {
    c.next(); // user variable: accepted and not kept
    if (!c.accept_symbol("=") && !c.accept_symbol(":=")) {
      return std::nullopt;
    }
    return take_value(c) ? std::optional<Reply>(OkReply{}) : std::nullopt;
  }
  if (c.accept_symbol("@@")) {
    if (c.peek(1).is_symbol(".")) {
      scope = c.peek().is("GLOBAL") ? Scope::Global : Scope::Session;
      c.next();
      c.next();
    }
  }
  if (!c.peek().is_name()) {
    return std::nullopt;
  }
  std::string name = c.next().text;
  if (!c.accept_symbol("=") && !c.accept_symbol(":=")) {
    return std::nullopt;
  }
  auto value = take_value(c);
  if (!value) {
    return syntax_error("SET " + name + " = <value>");
  }
  return set_one(front, conn, scope, name, *value);
}

std::optional<Reply> set_statement(Front& front, ConnectionState& conn, TokenCursor& c) {
  if (c.accept("NAMES") || c.accept_words({"CHARACTER", "SET"}) || c.accept("CHARSET")) {
    return OkReply{}; // StarRocks accepts and ignores them: everything is utf8
  }
  if (c.accept("TRANSACTION") || c.accept_words({"SESSION", "TRANSACTION"})) {
    return OkReply{};
  }
  while (true) {
    auto r = set_item(front, conn, c);
    if (!r || std::holds_alternative<ErrorReply>(*r)) {
      return r;
    }
    if (c.at_end()) {
      return r;
    }
    if (!c.accept_symbol(",")) {
      return syntax_error("unexpected '" + c.peek().text + "' in SET");
    }
  }
}

Reply show_variables(Front& front, ConnectionState& conn, TokenCursor& c, Scope scope,
                     bool verbose) {
  std::optional<std::string> like, exact;
  if (c.accept("LIKE") && c.peek().kind == Token::Kind::String) {
    like = c.next().text;
  } else if (c.accept("WHERE") && c.accept("variable_name")) {
    bool is_like = c.accept("LIKE");
    if ((is_like || c.accept_symbol("=")) && c.peek().kind == Token::Kind::String) {
      (is_like ? like : exact) = c.next().text;
    }
  }
  if (!c.at_end()) {
    return syntax_error("SHOW VARIABLES [LIKE '<pattern>' | WHERE variable_name = '<name>']");
  }
  ResultSet rs;
  rs.columns = {"Variable_name", "Value"};
  if (verbose) { // ShowVariablesStmt: VERBOSE adds the default and whether it changed
    rs.columns.insert(rs.columns.end(), {"Default_value", "Is_changed"});
  }
  for (const VariableDef* def : front.variables().all()) {
    if ((like && !like_match(*like, def->name)) || (exact && to_lower(*exact) != def->name)) {
      continue;
    }
    std::string value = scope == Scope::Global ? front.variables().global_value(*def)
                                               : conn.session.variables[def->name];
    if (verbose) {
      rs.rows.push_back(
          {def->name, value, def->default_value, value == def->default_value ? "0" : "1"});
    } else {
      rs.rows.push_back({def->name, value});
    }
  }
  return rs;
}

// The value of one select item, or nullopt when srsim does not answer it itself.
std::optional<std::variant<std::optional<std::string>, ErrorReply>>
select_item(Front& front, ConnectionState& conn, TokenCursor& c, std::string& column) {
  if (c.accept_symbol("@@")) {
    Scope scope = Scope::Session;
    column = "@@";
    if (c.peek(1).is_symbol(".") &&
        (c.peek().is("GLOBAL") || c.peek().is("SESSION") || c.peek().is("LOCAL"))) {
      scope = c.peek().is("GLOBAL") ? Scope::Global : Scope::Session;
      column += c.next().text + ".";
      c.next();
    }
    if (!c.peek().is_name()) {
      return std::nullopt;
    }
    std::string name = c.next().text;
    column += name;
    const VariableDef* def = front.variables().find(name);
    if (def == nullptr) {
      return std::variant<std::optional<std::string>, ErrorReply>(unknown_variable(name));
    }
    std::string v = scope == Scope::Global ? front.variables().global_value(*def)
                                           : conn.session.variables[def->name];
    return std::variant<std::optional<std::string>, ErrorReply>(std::optional<std::string>(v));
  }
  if (c.peek().kind != Token::Kind::Word || !c.peek(1).is_symbol("(") ||
      !c.peek(2).is_symbol(")")) {
    return std::nullopt;
  }
  std::string fn = to_lower(c.peek().text);
  std::optional<std::string> value;
  const std::string& user = conn.session.user;
  if (fn == "current_version") {
    value = front.current_version();
  } else if (fn == "version") {
    value = k_mysql_server_version;
  } else if (fn == "database" || fn == "schema") {
    value = conn.session.current_db.empty() ? std::nullopt
                                            : std::optional<std::string>(conn.session.current_db);
  } else if (fn == "connection_id") {
    value = std::to_string(conn.id);
  } else if (fn == "user" || fn == "session_user") {
    value = "'" + user + "'@'" + conn.host + "'";
  } else if (fn == "current_user") {
    value = "'" + user + "'@'%'";
  } else {
    return std::nullopt;
  }
  column = c.next().text + "()";
  c.next();
  c.next();
  return std::variant<std::optional<std::string>, ErrorReply>(value);
}

std::optional<Reply> select_statement(Front& front, ConnectionState& conn, TokenCursor& c) {
  ResultSet rs;
  rs.rows.emplace_back();
  do {
    std::string column;
    auto item = select_item(front, conn, c, column);
    if (!item) {
      return std::nullopt;
    }
    if (auto* err = std::get_if<ErrorReply>(&*item)) {
      return *err;
    }
    if (c.accept("AS") || (c.peek().is_name() && !c.peek().is("LIMIT") && !c.peek().is("FROM"))) {
      if (!c.peek().is_name() && c.peek().kind != Token::Kind::String) {
        return std::nullopt;
      }
      column = c.next().text;
    }
    rs.columns.push_back(column);
    rs.rows[0].push_back(std::get<std::optional<std::string>>(*item));
  } while (c.accept_symbol(","));
  if (c.accept("LIMIT")) {
    if (c.peek().kind != Token::Kind::Number) {
      return std::nullopt;
    }
    if (c.next().text == "0") {
      rs.rows.clear();
    }
  }
  return c.at_end() ? std::optional<Reply>(rs) : std::nullopt;
}

} // namespace

std::optional<Reply> handle_variable_statement(Front& front, ConnectionState& conn, TokenCursor c) {
  if (c.accept("SET")) {
    return set_statement(front, conn, c);
  }
  if (c.accept("SHOW")) {
    bool verbose = c.accept("VERBOSE");
    Scope scope = take_scope_word(c).value_or(Scope::Session);
    if (!c.accept("VARIABLES")) {
      return std::nullopt;
    }
    return show_variables(front, conn, c, scope, verbose);
  }
  if (c.accept("SELECT")) {
    return select_statement(front, conn, c);
  }
  return std::nullopt;
}

} // namespace srsim::server
