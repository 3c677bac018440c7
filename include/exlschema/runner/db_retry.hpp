#pragma once

#include "exlschema/db/pool.hpp"
#include "exlschema/db/sql_error.hpp"
#include "exlschema/runner/retry.hpp"
#include "exlschema/util/redact.hpp"

#include <stop_token>
#include <string>
#include <type_traits>

// Database work under the retry policy: each attempt leases a connection from `pool` (the wait
// for a free slot ends when `cancel` is set); when an attempt fails with a connection-breaking
// SqlError the connection is discarded (so the next attempt reconnects). Header-only so that
// runner does not link db; callers (modes, tests) link both.
//
// `kind` says what may be sent again (runner::Retry):
// - Retry::Idempotent: a retryable error (db::SqlError::is_retryable) runs `fn` again;
// - Retry::Never: the connection is pinged first, so that a dead connection is found (and
//   replaced, with a retry) before anything is sent; once `fn` has started, a lost connection
//   throws runner::OutcomeUnknownError and `fn` is not run again.
namespace exl::runner {
namespace detail {

inline db::Pool::Lease lease_for(db::Pool& pool, const CancelToken* cancel,
                                 const std::string& what) {
  try {
    return pool.lease(cancel != nullptr ? cancel->stop_token() : std::stop_token{});
  } catch (const db::LeaseCancelled&) {
    throw CancelledError("cancelled while waiting for a connection for " + util::redact(what));
  }
}

[[noreturn]] inline void throw_outcome_unknown(const std::string& what, const db::SqlError& e) {
  throw OutcomeUnknownError("outcome unknown: the connection was lost while running " +
                                util::redact(what) + " (" + e.what() + "); it is not sent again",
                            e.error_number());
}

} // namespace detail

template <class Fn>
auto with_retry(db::Pool& pool, const RetryPolicy& policy, const CancelToken* cancel,
                const std::string& what, Retry kind, Fn&& fn)
    -> std::invoke_result_t<Fn&, db::Connection&> {
  return with_retry(policy, cancel, what, db::is_retryable,
                    [&](int /*attempt*/) -> std::invoke_result_t<Fn&, db::Connection&> {
                      auto lease = detail::lease_for(pool, cancel, what);
                      if (kind == Retry::Never) {
                        try {
                          lease->ping(); // nothing sent yet: a failure here may be retried
                        } catch (const db::SqlError&) {
                          lease.mark_broken();
                          throw;
                        }
                      }
                      try {
                        return fn(*lease);
                      } catch (const db::SqlError& e) {
                        if (!e.breaks_connection()) {
                          throw;
                        }
                        lease.mark_broken();
                        if (kind == Retry::Never) {
                          detail::throw_outcome_unknown(what, e);
                        }
                        throw;
                      }
                    });
}

} // namespace exl::runner
