#include "exlschema/starrocks/cluster_info_grants.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

namespace exl::starrocks {
namespace {

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// Trims blanks and one pair of quotes or backticks: `'db_admin'` -> `db_admin`.
std::string unquote(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) {
    text.remove_suffix(1);
  }
  if (text.size() >= 2 && (text.front() == '\'' || text.front() == '"' || text.front() == '`') &&
      text.back() == text.front()) {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

// A comma list, each item trimmed, unquoted and with single blanks, case kept.
std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string item;
  auto flush = [&] {
    std::string value = unquote(item);
    if (!value.empty()) {
      items.push_back(value);
    }
    item.clear();
  };
  for (char c : text) {
    const bool blank = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (c == ',') {
      flush();
    } else if (!blank || (!item.empty() && item.back() != ' ')) {
      item += blank ? ' ' : c;
    }
  }
  flush();
  return items;
}

// Upper-cased privilege names: `SELECT_PRIV, create  table` -> {SELECT, CREATE TABLE}; the 2.x
// `_PRIV` suffix is dropped.
std::set<std::string> privilege_items(std::string_view text) {
  std::set<std::string> items;
  for (const std::string& item : split_list(text)) {
    std::string word = upper(item);
    if (word.size() > 5 && word.ends_with("_PRIV")) {
      word.resize(word.size() - 5);
    }
    items.insert(word);
  }
  return items;
}

// Position of ` WORD ` (upper-case `word`) in `upper_text`, outside quotes; npos when absent.
std::size_t find_word(const std::string& upper_text, std::string_view word, std::size_t from = 0) {
  char quote = 0;
  for (std::size_t i = from; i < upper_text.size(); ++i) {
    const char c = upper_text[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == ' ' && upper_text.compare(i + 1, word.size(), word) == 0 &&
               i + 1 + word.size() < upper_text.size() && upper_text[i + 1 + word.size()] == ' ') {
      return i;
    }
  }
  return std::string::npos;
}

// One parsed GRANT statement.
struct GrantLine {
  std::set<std::string> privileges; // empty for a role grant
  std::vector<std::string> roles;
  std::string object; // upper-cased, e.g. `ALL TABLES IN DATABASE DB`, `*.*`, `SYSTEM`
  std::string object_text;
};

std::optional<GrantLine> parse_grant(const std::string& text) {
  const std::string up = upper(text);
  if (up.rfind("GRANT ", 0) != 0) {
    return std::nullopt;
  }
  const std::size_t to = find_word(up, "TO");
  if (to == std::string::npos) {
    return std::nullopt;
  }
  GrantLine line;
  const std::size_t on = find_word(up, "ON");
  if (on == std::string::npos || on > to) {
    line.roles = split_list(std::string_view(text).substr(6, to - 6));
    return line;
  }
  line.privileges = privilege_items(std::string_view(text).substr(6, on - 6));
  line.object_text = unquote(std::string_view(text).substr(on + 4, to - on - 4));
  line.object = upper(line.object_text);
  return line;
}

bool is_global(const GrantLine& line) {
  return line.object == "*.*" || line.object == "SYSTEM";
}

bool gives(const GrantLine& line, Privilege privilege) {
  const auto has = [&](std::string_view p) { return line.privileges.contains(std::string(p)); };
  const bool all = has("ALL") || has("ALL PRIVILEGES") || has("ADMIN");
  switch (privilege) {
  case Privilege::Select:
    return all || has("SELECT");
  case Privilege::Insert:
    return all || has("INSERT") || has("LOAD");
  case Privilege::Drop:
    return all || has("DROP");
  case Privilege::Create:
    return all || has("CREATE") || has("CREATE TABLE") || has("CREATE DATABASE");
  case Privilege::CreateCatalog:
    // v3.x: CREATE EXTERNAL CATALOG on SYSTEM; the coarse forms: CREATE (or everything) on *.*.
    return has("CREATE EXTERNAL CATALOG") || ((all || has("CREATE")) && is_global(line));
  }
  return false;
}

// The built-in roles whose privileges are documented (docs:
// administration/user_privs/authorization/built_in_roles.md): root holds everything; db_admin all
// database, table and catalog privileges, CREATE EXTERNAL CATALOG included.
bool role_gives(std::string_view role) {
  return role == "root" || role == "db_admin";
}

} // namespace

Grants parse_show_grants(const std::vector<std::string>& column_names,
                         const std::vector<ResultRow>& rows) {
  Grants grants;
  const auto column = std::find_if(column_names.begin(), column_names.end(),
                                   [](const std::string& name) { return upper(name) == "GRANTS"; });
  if (column == column_names.end()) {
    grants.readable = false;
    return grants;
  }
  const auto index = static_cast<std::size_t>(column - column_names.begin());
  for (const ResultRow& row : rows) {
    if (index >= row.size() || !row[index]) {
      continue;
    }
    const auto line = parse_grant(*row[index]);
    if (!line) {
      continue;
    }
    if (line->privileges.empty()) {
      grants.roles.insert(grants.roles.end(), line->roles.begin(), line->roles.end());
    } else {
      grants.statements.push_back(*row[index]);
    }
  }
  return grants;
}

PrivilegeCheck check_privilege(const Grants& grants, Privilege privilege) {
  PrivilegeCheck result;
  bool unknown_role = !grants.readable;
  for (const std::string& role : grants.roles) {
    if (role_gives(role)) {
      result.objects.push_back("role " + role);
    } else if (role != "public") {
      unknown_role = true;
    }
  }
  for (const std::string& statement : grants.statements) {
    const auto line = parse_grant(statement);
    if (line && gives(*line, privilege)) {
      result.objects.push_back(line->object_text);
    }
  }
  result.holding = !result.objects.empty() ? Holding::Yes
                   : unknown_role          ? Holding::Unknown
                                           : Holding::No;
  return result;
}

std::string_view privilege_name(Privilege privilege) {
  switch (privilege) {
  case Privilege::Select:
    return "SELECT";
  case Privilege::Create:
    return "CREATE TABLE";
  case Privilege::Insert:
    return "INSERT";
  case Privilege::Drop:
    return "DROP";
  case Privilege::CreateCatalog:
    return "CREATE EXTERNAL CATALOG";
  }
  return "";
}

std::string grant_hint(Privilege privilege, std::string_view user) {
  const std::string to = " TO USER " + std::string(user);
  switch (privilege) {
  case Privilege::Select:
  case Privilege::Insert:
  case Privilege::Drop:
    return "GRANT " + std::string(privilege_name(privilege)) + " ON ALL TABLES IN ALL DATABASES" +
           to;
  case Privilege::Create:
    return "GRANT CREATE TABLE ON ALL DATABASES" + to;
  case Privilege::CreateCatalog:
    return "GRANT CREATE EXTERNAL CATALOG ON SYSTEM" + to;
  }
  return {};
}

} // namespace exl::starrocks
