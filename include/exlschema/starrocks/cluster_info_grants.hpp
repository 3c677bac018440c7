#pragma once

#include "exlschema/starrocks/partition_info.hpp"

#include <string>
#include <string_view>
#include <vector>

// The current user's privileges as SHOW GRANTS shows them, read for `exlSchema check`. v3.0+
// prints one GRANT statement per row in the `Grants` column (docs:
// account-management/SHOW_GRANTS.md): `GRANT SELECT ON ALL TABLES IN DATABASE db TO USER 'u'@'%'`,
// `GRANT CREATE EXTERNAL CATALOG ON SYSTEM TO USER ...`, and role grants such as
// `GRANT 'db_admin' TO 'u'@'%'`. Older and coarser forms (`GRANT SELECT_PRIV ON db.* TO u`, srsim's
// `GRANT INSERT, SELECT ON db.* TO 'u'@'%'`) are read too. Privileges held through a role are
// known for the built-in `root` and `db_admin` only; other roles make the answer Unknown.
namespace exl::starrocks {

// What the modes need: SELECT on the source tables; CREATE, INSERT, DROP (and SELECT, for the
// audit) on the target, and CREATE EXTERNAL CATALOG there for the JDBC-catalog modes.
enum class Privilege { Select, Create, Insert, Drop, CreateCatalog };

struct Grants {
  std::vector<std::string> roles;      // roles granted to the user, unquoted
  std::vector<std::string> statements; // the GRANT texts as read (without role grants)
  bool readable = true;                // false: no `Grants` column (pre-3.0 layout)
};

Grants parse_show_grants(const std::vector<std::string>& column_names,
                         const std::vector<ResultRow>& rows);

enum class Holding { Yes, No, Unknown };

struct PrivilegeCheck {
  Holding holding = Holding::Unknown;
  std::vector<std::string>
      objects; // where it is held, e.g. `ALL TABLES IN DATABASE db`, `role root`
};

PrivilegeCheck check_privilege(const Grants& grants, Privilege privilege);

// "SELECT", "CREATE TABLE", "INSERT", "DROP", "CREATE EXTERNAL CATALOG"
std::string_view privilege_name(Privilege privilege);

// The v3.x statement an administrator runs to give `user` (`'u'@'%'` as current_user() prints it)
// `privilege` everywhere, for check's "what to do" lines; never sent by exlSchema.
std::string grant_hint(Privilege privilege, std::string_view user);

} // namespace exl::starrocks
