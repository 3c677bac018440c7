// CREATE/DROP/ALTER USER, GRANT, REVOKE and SHOW GRANTS, coarsely: privileges are kept per
// database (or globally) as SELECT, INSERT, ALTER, CREATE, DROP, ADMIN. Accepted forms: the 2.x
// `GRANT SELECT_PRIV ON db.* TO u` and the 3.x `GRANT SELECT ON ALL TABLES IN DATABASE db TO USER
// u` / `GRANT OPERATE ON SYSTEM TO USER u` (docs:
// sql-reference/sql-statements/account-management/GRANT.md).

#include <regex>

#include "server/front.hpp"
#include "server/statements.hpp"

namespace srsim::server {
namespace {

struct UserSpec {
  std::string name;
  bool ok = false;
};

// 'u'@'%', u@'host', `u`, "u"; the host part is accepted and ignored.
UserSpec take_user(TokenCursor& c) {
  const Token& t = c.peek();
  if (t.kind != Token::Kind::Word && t.kind != Token::Kind::String &&
      t.kind != Token::Kind::QuotedName) {
    return {};
  }
  UserSpec u{c.next().text, true};
  if (c.accept_symbol("@")) {
    c.next();
  }
  static const std::regex k_valid("[A-Za-z0-9_.-]{1,64}");
  u.ok = std::regex_match(u.name, k_valid);
  return u;
}

std::string identity(const std::string& user) {
  return "'" + user + "'@'%'";
}

ErrorReply operation_failed(const std::string& op, const std::string& user) {
  return ErrorReply{1396, "HY000", "Operation " + op + " failed for " + identity(user)};
}

// Maps one privilege word (after stripping _PRIV) to the coarse set; empty = no-op (USAGE).
std::optional<std::vector<std::string>> canonical_privilege(const std::string& word) {
  std::string w = to_upper(word);
  if (w.size() > 5 && w.substr(w.size() - 5) == "_PRIV") {
    w = w.substr(0, w.size() - 5);
  }
  if (w == "ALL") {
    return all_privileges();
  }
  if (w == "SELECT")
    return std::vector<std::string>{"SELECT"};
  if (w == "INSERT" || w == "LOAD" || w == "UPDATE" || w == "DELETE" || w == "EXPORT")
    return std::vector<std::string>{"INSERT"};
  if (w == "ALTER" || w == "REFRESH")
    return std::vector<std::string>{"ALTER"};
  if (w == "CREATE")
    return std::vector<std::string>{"CREATE"};
  if (w == "DROP")
    return std::vector<std::string>{"DROP"};
  if (w == "ADMIN" || w == "OPERATE" || w == "NODE" || w == "GRANT" || w == "REPOSITORY")
    return std::vector<std::string>{"ADMIN"};
  if (w == "USAGE" || w == "PRIVILEGES")
    return std::vector<std::string>{};
  return std::nullopt;
}

// Reads the privilege list up to ON; words after the first one of an item (`CREATE TABLE`,
// `ALL PRIVILEGES`) are ignored.
std::optional<std::set<std::string>> take_privileges(TokenCursor& c) {
  std::set<std::string> privs;
  while (!c.at_end() && !c.peek().is("ON")) {
    auto p = canonical_privilege(c.next().text);
    if (!p) {
      return std::nullopt;
    }
    privs.insert(p->begin(), p->end());
    while (!c.at_end() && !c.peek().is("ON") && !c.peek().is_symbol(",")) {
      c.next();
    }
    c.accept_symbol(",");
  }
  return privs;
}

// After ON: returns the scope ("" global, else a database) or nullopt.
std::optional<std::string> take_scope(TokenCursor& c) {
  if (c.accept("SYSTEM") || c.accept_words({"ALL", "DATABASES"}) ||
      c.accept_words({"ALL", "TABLES", "IN", "ALL", "DATABASES"})) {
    return std::string();
  }
  if (c.accept("CATALOG")) {
    c.next();
    return std::string();
  }
  if (c.accept_words({"ALL", "TABLES", "IN", "DATABASE"}) || c.accept("DATABASE")) {
    return c.peek().is_name() ? std::optional<std::string>(c.next().text) : std::nullopt;
  }
  c.accept("TABLE");
  if (c.accept_symbol("*")) {
    c.accept_symbol(".");
    c.accept_symbol("*");
    return std::string();
  }
  if (!c.peek().is_name()) {
    return std::nullopt;
  }
  std::string db = c.next().text;
  if (c.accept_symbol(".")) {
    c.next(); // table name or *: privileges stay per database
  }
  return db;
}

Reply create_user(Front& front, TokenCursor& c) {
  bool if_not_exists = c.accept_words({"IF", "NOT", "EXISTS"});
  UserSpec u = take_user(c);
  if (!u.ok) {
    return syntax_error("CREATE USER needs a user name of [A-Za-z0-9_.-]");
  }
  std::string password;
  if (c.accept("IDENTIFIED")) {
    if (c.accept("WITH")) {
      c.next();
    }
    if (!c.accept("BY") && !c.accept("AS")) {
      return syntax_error("IDENTIFIED BY '<password>'");
    }
    c.accept("PASSWORD");
    if (c.peek().kind != Token::Kind::String) {
      return syntax_error("IDENTIFIED BY '<password>'");
    }
    password = c.next().text;
  }
  if (!front.users().create(u.name, password)) {
    return if_not_exists ? Reply(OkReply{}) : Reply(operation_failed("CREATE USER", u.name));
  }
  return OkReply{};
}

Reply drop_user(Front& front, TokenCursor& c) {
  bool if_exists = c.accept_words({"IF", "EXISTS"});
  UserSpec u = take_user(c);
  if (!u.ok) {
    return syntax_error("DROP USER needs a user name");
  }
  if (!front.users().drop(u.name) && !(if_exists && u.name != "root")) {
    return operation_failed("DROP USER", u.name);
  }
  return OkReply{};
}

Reply alter_user(Front& front, TokenCursor& c) {
  UserSpec u = take_user(c);
  if (!u.ok || !c.accept_words({"IDENTIFIED", "BY"}) || c.peek().kind != Token::Kind::String) {
    return syntax_error("ALTER USER <user> IDENTIFIED BY '<password>'");
  }
  if (!front.users().set_password(u.name, c.next().text)) {
    return operation_failed("ALTER USER", u.name);
  }
  return OkReply{};
}

Reply grant_or_revoke(Front& front, TokenCursor& c, bool grant) {
  auto privs = take_privileges(c);
  if (!privs) {
    return syntax_error("unknown privilege in " + std::string(grant ? "GRANT" : "REVOKE"));
  }
  if (!c.accept("ON")) {
    return syntax_error(std::string(grant ? "GRANT" : "REVOKE") + " <privileges> ON <object>");
  }
  auto scope = take_scope(c);
  if (!scope || !c.accept(grant ? "TO" : "FROM")) {
    return syntax_error(
        std::string(grant ? "GRANT ... ON <db>.* TO <user>" : "REVOKE ... ON <db>.* FROM <user>"));
  }
  c.accept("USER");
  UserSpec u = take_user(c);
  if (!u.ok) {
    return syntax_error("missing user");
  }
  bool ok = grant ? front.users().grant(u.name, *scope, *privs)
                  : front.users().revoke(u.name, *scope, *privs);
  if (!ok) {
    return ErrorReply{1064, "HY000",
                      "Getting analyzing error. Detail message: cannot find user " +
                          identity(u.name) + "."};
  }
  return OkReply{};
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    out += (out.empty() ? "" : ", ") + i;
  }
  return out;
}

// Columns of the 3.x SHOW GRANTS (UserIdentity, Catalog, Grants); 2.x had a wider, per-level
// layout which srsim does not imitate (coarse).
Reply show_grants(Front& front, ConnectionState& conn, TokenCursor& c) {
  std::string user = conn.session.user;
  if (c.accept("FOR")) {
    UserSpec u = take_user(c);
    if (!u.ok) {
      return syntax_error("SHOW GRANTS FOR <user>");
    }
    user = u.name;
  }
  auto account = front.users().find(user);
  if (!account) {
    return ErrorReply{1064, "HY000",
                      "Getting analyzing error. Detail message: cannot find user " +
                          identity(user) + "."};
  }
  ResultSet rs;
  rs.columns = {"UserIdentity", "Catalog", "Grants"};
  if (user == "root") {
    rs.rows.push_back({identity(user), std::nullopt, "GRANT root TO " + identity(user)});
  }
  for (const auto& [scope, privs] : account->privileges) {
    std::string on = scope.empty() ? "*.*" : scope + ".*";
    rs.rows.push_back({identity(user), "default_catalog",
                       "GRANT " + join(privs) + " ON " + on + " TO " + identity(user)});
  }
  return rs;
}

} // namespace

std::optional<Reply> handle_account_statement(Front& front, ConnectionState& conn, TokenCursor c) {
  if (c.accept_words({"SHOW", "GRANTS"})) {
    return show_grants(front, conn, c);
  }
  enum class Kind { Create, Drop, Alter, Grant, Revoke } kind;
  if (c.accept_words({"CREATE", "USER"})) {
    kind = Kind::Create;
  } else if (c.accept_words({"DROP", "USER"})) {
    kind = Kind::Drop;
  } else if (c.accept_words({"ALTER", "USER"})) {
    kind = Kind::Alter;
  } else if (c.accept("GRANT")) {
    kind = Kind::Grant;
  } else if (c.accept("REVOKE")) {
    kind = Kind::Revoke;
  } else {
    return std::nullopt;
  }
  if (!conn.session.allowed("ADMIN", "")) {
    return access_denied("GRANT", "SYSTEM");
  }
  switch (kind) {
  case Kind::Create:
    return create_user(front, c);
  case Kind::Drop:
    return drop_user(front, c);
  case Kind::Alter:
    return alter_user(front, c);
  case Kind::Grant:
    return grant_or_revoke(front, c, true);
  case Kind::Revoke:
    return grant_or_revoke(front, c, false);
  }
  return std::nullopt;
}

} // namespace srsim::server
