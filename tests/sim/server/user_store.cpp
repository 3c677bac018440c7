#include "server/user_store.hpp"

#include <fstream>
#include <sstream>
#include <sys/stat.h>

#include "server/wire.hpp"

namespace srsim::server {

UserStore::UserStore(std::string file, const std::string& root_password) : m_file(std::move(file)) {
  load();
  Account& root = m_accounts["root"];
  root.name = "root";
  root.password_hash = wire::native_password_hash(root_password);
}

// File format, one record per line: `user NAME HEXHASH` and `grant NAME SCOPE PRIV` (SCOPE `*`
// = global). Names are restricted to [A-Za-z0-9_.-] by the statement parser, so no quoting.
void UserStore::load() {
  if (m_file.empty()) {
    return;
  }
  std::ifstream in(m_file);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string kind, name, a, b;
    fields >> kind >> name >> a >> b;
    if (kind == "user") {
      Account& acc = m_accounts[name];
      acc.name = name;
      acc.password_hash = a == "-" ? "" : wire::from_hex(a).value_or("");
    } else if (kind == "grant" && m_accounts.count(name)) {
      m_accounts[name].privileges[a == "*" ? "" : a].insert(b);
    }
  }
}

void UserStore::save() const {
  if (m_file.empty()) {
    return;
  }
  std::string tmp = m_file + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    for (const auto& [name, acc] : m_accounts) {
      if (name == "root") {
        continue; // root's password always comes from the options
      }
      std::string hash = acc.password_hash.empty() ? "-" : wire::to_hex(acc.password_hash);
      out << "user " << name << ' ' << hash << '\n';
      for (const auto& [scope, privs] : acc.privileges) {
        for (const auto& p : privs) {
          out << "grant " << name << ' ' << (scope.empty() ? "*" : scope) << ' ' << p << '\n';
        }
      }
    }
  }
  ::chmod(tmp.c_str(), 0600);
  std::rename(tmp.c_str(), m_file.c_str());
}

std::optional<Account> UserStore::find(const std::string& user) const {
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end()) {
    return std::nullopt;
  }
  return it->second;
}

bool UserStore::verify(const std::string& user, const std::string& scramble,
                       const std::string& token) const {
  auto acc = find(user);
  return acc && wire::check_native_password(scramble, token, acc->password_hash);
}

bool UserStore::allowed(const std::string& user, const std::string& privilege,
                        const std::string& db) const {
  if (user == "root") {
    return true;
  }
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end()) {
    return false;
  }
  const auto& privs = it->second.privileges;
  auto has = [&](const std::string& scope) {
    auto s = privs.find(scope);
    return s != privs.end() && s->second.count(privilege) > 0;
  };
  return has("") || (!db.empty() && has(db));
}

bool UserStore::create(const std::string& user, const std::string& password) {
  std::lock_guard lock(m_mutex);
  if (m_accounts.count(user)) {
    return false;
  }
  m_accounts[user] = Account{user, wire::native_password_hash(password), {}};
  save();
  return true;
}

bool UserStore::drop(const std::string& user) {
  std::lock_guard lock(m_mutex);
  if (user == "root" || m_accounts.erase(user) == 0) {
    return false;
  }
  save();
  return true;
}

bool UserStore::set_password(const std::string& user, const std::string& password) {
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end() || user == "root") {
    return false;
  }
  it->second.password_hash = wire::native_password_hash(password);
  save();
  return true;
}

bool UserStore::grant(const std::string& user, const std::string& scope,
                      const std::set<std::string>& privs) {
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end()) {
    return false;
  }
  it->second.privileges[scope].insert(privs.begin(), privs.end());
  save();
  return true;
}

bool UserStore::revoke(const std::string& user, const std::string& scope,
                       const std::set<std::string>& privs) {
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end()) {
    return false;
  }
  auto& set = it->second.privileges[scope];
  for (const auto& p : privs) {
    set.erase(p);
  }
  if (set.empty()) {
    it->second.privileges.erase(scope);
  }
  save();
  return true;
}

bool UserStore::check_password(const std::string& user, const std::string& password) const {
  std::lock_guard lock(m_mutex);
  auto it = m_accounts.find(user);
  if (it == m_accounts.end()) {
    return false;
  }
  const std::string& hash = it->second.password_hash;
  return hash.empty() ? password.empty() : wire::native_password_hash(password) == hash;
}

} // namespace srsim::server
