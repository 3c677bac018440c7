#pragma once

#include "exlschema/db/connection.hpp"
#include "exlschema/db/connection_params.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

// A pool of connections to one cluster, at most `size` open at once (sized from -thread, plus
// what the mode needs for its own reads). Connections are opened lazily and handed out as
// leases; a lease returns its connection on destruction, or discards it when marked broken.
// The pool must outlive its leases.
namespace exl::db {

// Thrown by Pool::lease when its stop token is stopped while it waits for a free slot (the run
// was cancelled), or when its wait limit passes.
class LeaseCancelled : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Pool {
public:
  class Lease {
  public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

    Connection& operator*() const noexcept { return *m_connection; }
    Connection* operator->() const noexcept { return m_connection.get(); }
    Connection& connection() const noexcept { return *m_connection; }

    // The connection will be closed instead of returned (after a lost connection, a timeout in
    // the middle of a result, or any state the next user must not inherit). A connection that
    // knows it is broken (Connection::broken) is discarded without this.
    void mark_broken() noexcept { m_broken = true; }

  private:
    friend class Pool;
    Lease(Pool* pool, std::unique_ptr<Connection> connection);
    void give_back() noexcept;

    Pool* m_pool;
    std::unique_ptr<Connection> m_connection;
    bool m_broken = false;
  };

  // `name` (the cluster alias) only appears in log lines.
  Pool(ConnectionParams params, int size, std::string name);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;
  ~Pool();

  // Waits for a free slot, then returns an idle connection or opens a new one. Throws SqlError
  // when opening fails (the slot is freed again), LeaseCancelled when `stop` is stopped (pass
  // CancelToken::stop_token) or `max_wait` passes before a slot is free.
  Lease lease(std::stop_token stop = {},
              std::chrono::milliseconds max_wait = std::chrono::hours(24));

  // As lease(), but gives up after `timeout` (nullopt). Throws LeaseCancelled when `stop` is
  // stopped.
  std::optional<Lease> try_lease(std::chrono::milliseconds timeout, std::stop_token stop = {});

  // Sends `KILL QUERY <id>` (over a separate, short-lived connection) for every connection now
  // leased, so that running statements stop at once; for SIGINT/SIGTERM (wire it to
  // CancelToken::on_cancel). The leased connections stay open; their statements fail with
  // ER_QUERY_INTERRUPTED (1317), which is not retried. Returns how many were interrupted; never
  // throws (failures are logged). StarRocks: `KILL QUERY <connection id>` (starrocks-surface.md).
  int interrupt_running() noexcept;

  int size() const noexcept { return m_size; }
  int in_use() const;
  int max_in_use() const;   // the most leases ever out at once (for tests and the report)
  int opened() const;       // connections opened so far (reconnects included)
  int failed_opens() const; // attempts to open a connection that failed
  const ConnectionParams& params() const noexcept { return m_params; }
  const std::string& name() const noexcept { return m_name; }

private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    std::chrono::steady_clock::time_point since;
  };

  // Waits until a slot is free (true), `timeout` passes (false) or `stop` is stopped (throws).
  bool wait_for_slot(std::unique_lock<std::mutex>& lock, const std::stop_token& stop,
                     std::chrono::milliseconds timeout);
  Lease take_slot_and_connect(std::unique_lock<std::mutex>& lock);
  std::unique_ptr<Connection> reuse_or_open(std::optional<Idle> idle);
  void release(std::unique_ptr<Connection> connection, bool broken) noexcept;

  const ConnectionParams m_params;
  const int m_size;
  const std::string m_name;
  mutable std::mutex m_mutex;
  std::condition_variable_any m_cv; // _any: its waits can also end on a std::stop_token
  std::vector<Idle> m_idle;         // used as a stack: the most recently returned connection first
  std::vector<unsigned long> m_leased_ids; // server connection ids of the leased connections
  int m_in_use = 0;
  int m_max_in_use = 0;
  int m_opened = 0;
  int m_failed_opens = 0;
};

} // namespace exl::db
