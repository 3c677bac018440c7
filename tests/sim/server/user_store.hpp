#pragma once

// Accounts and coarse privileges of one simulated cluster. `root` (password from srsim's options)
// may do everything; other users get privileges with GRANT. Passwords are kept only as
// SHA1(SHA1(password)) (what mysql_native_password needs); accounts persist in
// DATA_DIR/users.txt so that a restarted srsim keeps them.

#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace srsim::server {

// The privileges SessionContext::allowed knows.
inline const std::vector<std::string>& all_privileges() {
  static const std::vector<std::string> k_all{"SELECT", "INSERT", "ALTER",
                                              "CREATE", "DROP",   "ADMIN"};
  return k_all;
}

struct Account {
  std::string name;
  std::string password_hash; // raw SHA1(SHA1(pw)); empty = no password
  // scope -> privileges; scope "" is global (*.*), otherwise a database name.
  std::map<std::string, std::set<std::string>> privileges;
};

class UserStore {
public:
  // `file` may be empty (nothing persisted).
  UserStore(std::string file, const std::string& root_password);

  std::optional<Account> find(const std::string& user) const;
  bool verify(const std::string& user, const std::string& scramble, const std::string& token) const;
  bool allowed(const std::string& user, const std::string& privilege, const std::string& db) const;
  // A plain password (HTTP Basic auth of the REST API) against the stored hash.
  bool check_password(const std::string& user, const std::string& password) const;

  // false when the user exists already.
  bool create(const std::string& user, const std::string& password);
  bool drop(const std::string& user);
  bool set_password(const std::string& user, const std::string& password);
  bool grant(const std::string& user, const std::string& scope, const std::set<std::string>& privs);
  bool revoke(const std::string& user, const std::string& scope,
              const std::set<std::string>& privs);

private:
  void load();
  void save() const; // callers hold m_mutex

  std::string m_file;
  mutable std::mutex m_mutex;
  std::map<std::string, Account> m_accounts;
};

} // namespace srsim::server
