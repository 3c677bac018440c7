#include "server/statements.hpp"
namespace srsim {
std::optional<Reply> handle_sim_statement(Front&, ConnectionState&, TokenCursor) {
  return std::nullopt;
}
void apply_fault_option(Front&, const std::string&) {}
std::optional<Reply> handle_account_statement(Front&, ConnectionState&, TokenCursor) {
  return std::nullopt;
}
std::optional<Reply> handle_variable_statement(Front&, ConnectionState&, TokenCursor) {
  return std::nullopt;
}
std::optional<Reply> handle_system_statement(Front&, ConnectionState&, TokenCursor) {
  return std::nullopt;
}
} // namespace srsim
