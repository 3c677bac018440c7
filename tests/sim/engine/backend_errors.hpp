#pragma once

// MariaDB errors -> the StarRocks error a client would have seen for the same statement.

#include "backend.hpp"
#include "sim_api.hpp"

namespace srsim::engine {

// True when MariaDB rejected a row the way StarRocks filters unqualified rows (no partition,
// bad value, NULL into NOT NULL, ...).
bool is_row_quality_error(unsigned code);
bool is_interrupted(unsigned code);
ErrorReply filtered_data_error(int http_port, std::int64_t txn_id);
// Best-effort translation of any other MariaDB error during a query.
ErrorReply translate_backend_error(const BackendError& e, const Version& version);

} // namespace srsim::engine
