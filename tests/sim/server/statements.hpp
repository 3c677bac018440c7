#pragma once

// The statement families the front answers itself. Each handler looks at the tokens of one
// statement and answers nullopt when the statement is not of its family.

#include <optional>

#include "server/sql_text.hpp"
#include "sim_api.hpp"

namespace srsim::server {

class Front;
struct ConnectionState;

// ADMIN SET SIM ..., ADMIN SHOW SIM ..., ADMIN CLEAR SIM QUERY LOG (sim_statements.cpp).
std::optional<Reply> handle_sim_statement(Front& front, ConnectionState& conn, TokenCursor c);
// Applies an `ADMIN SET SIM` tail given on the command line (--fault); throws on bad syntax.
void apply_fault_option(Front& front, const std::string& tail);
// CREATE/DROP/ALTER USER, GRANT, REVOKE, SHOW GRANTS (account_statements.cpp).
std::optional<Reply> handle_account_statement(Front& front, ConnectionState& conn, TokenCursor c);
// SET, SHOW VARIABLES, SELECT @@x / current_version() / ... (variable_statements.cpp).
std::optional<Reply> handle_variable_statement(Front& front, ConnectionState& conn, TokenCursor c);
// SHOW BACKENDS/COMPUTE NODES/FRONTENDS/PROCESSLIST, ADMIN SHOW/SET FRONTEND CONFIG, KILL
// (system_statements.cpp).
std::optional<Reply> handle_system_statement(Front& front, ConnectionState& conn, TokenCursor c);

// Helpers shared by the handlers.
ErrorReply access_denied(const std::string& privilege, const std::string& on);
ErrorReply syntax_error(const std::string& detail);
ResultSet single_column(const std::string& column, const std::vector<std::string>& values);

} // namespace srsim::server
