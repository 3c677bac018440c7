#pragma once

// Errors the engine answers to the client. Anything thrown as EngineError becomes exactly that
// ERR packet; texts follow the reference (starrocks-surface.md §0, §10).

#include "sim_api.hpp"

#include <stdexcept>
#include <string>

namespace srsim::engine {

class EngineError : public std::runtime_error {
public:
  explicit EngineError(ErrorReply reply)
      : std::runtime_error(reply.message), m_reply(std::move(reply)) {}
  const ErrorReply& reply() const { return m_reply; }

private:
  ErrorReply m_reply;
};

[[noreturn]] inline void fail_analyzing(const std::string& detail) {
  throw EngineError(analyzing_error(detail));
}
[[noreturn]] inline void fail_plain(std::uint16_t code, const std::string& message) {
  throw EngineError(ErrorReply{code, "HY000", message});
}
// Statement forms srsim does not imitate: never a silent success (SANDBOX.md).
[[noreturn]] inline void fail_unsupported(const std::string& what) {
  throw EngineError(ErrorReply{1064, "HY000", "srsim does not support: " + what});
}

// §10 texts.
inline std::string unknown_db_text(const std::string& db) {
  return "Unknown database '" + db + "'";
}
inline std::string unknown_table_text(const std::string& db, const std::string& table) {
  return "Unknown table '" + db + "." + table + "'";
}

} // namespace srsim::engine
