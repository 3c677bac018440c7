#pragma once

#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/retry.hpp"

#include <string>
#include <type_traits>

// Database work under the retry policy: each attempt leases a connection from `pool`; when an
// attempt fails with a connection-breaking SqlError the connection is discarded (so the next
// attempt reconnects) and, when the error is retryable (db::SqlError::is_retryable), the work is
// run again after the backoff. Header-only so that runner does not link db; callers (modes,
// tests) link both. `fn` must be safe to run again: a read, or a write the caller made
// idempotent (a labelled INSERT, an INSERT OVERWRITE of a partition).
namespace exl::runner {

template <class Fn>
auto with_retry(db::Pool& pool, const RetryPolicy& policy, const CancelToken* cancel,
                const std::string& what, Fn&& fn) -> std::invoke_result_t<Fn&, db::Connection&> {
  return with_retry(policy, cancel, what, db::is_retryable,
                    [&](int /*attempt*/) -> std::invoke_result_t<Fn&, db::Connection&> {
                      auto lease = pool.lease();
                      try {
                        return fn(*lease);
                      } catch (const db::SqlError& e) {
                        if (e.breaks_connection()) {
                          lease.mark_broken();
                        }
                        throw;
                      }
                    });
}

} // namespace exl::runner
