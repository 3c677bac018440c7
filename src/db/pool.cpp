#include "exlschema/db/pool.hpp"

#include "exlschema/db/sql_error.hpp"
#include "exlschema/util/log.hpp"

#include <algorithm>
#include <utility>

namespace exl::db {
namespace {

// An idle connection older than this is pinged before it is handed out: the server may have
// closed it (wait_timeout, FE restart) and auto-reconnect is off. Fresher ones are trusted, so a
// busy pool pays no extra round trip; if one died anyway, the retry loop replaces it.
constexpr std::chrono::seconds k_check_idle_after{30};

} // namespace

Pool::Lease::Lease(Pool* pool, std::unique_ptr<Connection> connection)
    : m_pool(pool), m_connection(std::move(connection)) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : m_pool(std::exchange(other.m_pool, nullptr)), m_connection(std::move(other.m_connection)),
      m_broken(other.m_broken) {}

Pool::Lease& Pool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    give_back();
    m_pool = std::exchange(other.m_pool, nullptr);
    m_connection = std::move(other.m_connection);
    m_broken = other.m_broken;
  }
  return *this;
}

Pool::Lease::~Lease() {
  give_back();
}

void Pool::Lease::give_back() noexcept {
  if (m_pool != nullptr) {
    m_pool->release(std::move(m_connection), m_broken);
    m_pool = nullptr;
  }
}

Pool::Pool(ConnectionParams params, int size, std::string name)
    : m_params(std::move(params)), m_size(std::max(size, 1)), m_name(std::move(name)) {}

Pool::~Pool() {
  std::lock_guard lock(m_mutex);
  if (m_in_use != 0) {
    util::log().error("pool {} destroyed with {} connections still leased", m_name, m_in_use);
  }
}

Pool::Lease Pool::lease(std::stop_token stop, std::chrono::milliseconds max_wait) {
  std::unique_lock lock(m_mutex);
  if (!wait_for_slot(lock, stop, max_wait)) {
    throw LeaseCancelled("pool " + m_name + ": no free connection after " +
                         std::to_string(max_wait.count()) + " ms");
  }
  return take_slot_and_connect(lock);
}

std::optional<Pool::Lease> Pool::try_lease(std::chrono::milliseconds timeout,
                                           std::stop_token stop) {
  std::unique_lock lock(m_mutex);
  if (!wait_for_slot(lock, stop, timeout)) {
    return std::nullopt;
  }
  return take_slot_and_connect(lock);
}

bool Pool::wait_for_slot(std::unique_lock<std::mutex>& lock, const std::stop_token& stop,
                         std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const bool free = m_cv.wait_until(lock, stop, deadline, [this] { return m_in_use < m_size; });
  if (!free && stop.stop_requested()) {
    throw LeaseCancelled("pool " + m_name + ": cancelled while waiting for a free connection");
  }
  return free;
}

// Called with the lock held and a free slot; connects without the lock so that a slow FE does not
// block the other leases.
Pool::Lease Pool::take_slot_and_connect(std::unique_lock<std::mutex>& lock) {
  ++m_in_use;
  m_max_in_use = std::max(m_max_in_use, m_in_use);
  std::optional<Idle> idle;
  if (!m_idle.empty()) {
    idle = std::move(m_idle.back());
    m_idle.pop_back();
  }
  lock.unlock();
  try {
    return {this, reuse_or_open(std::move(idle))};
  } catch (...) {
    release(nullptr, true);
    throw;
  }
}

std::unique_ptr<Connection> Pool::reuse_or_open(std::optional<Idle> idle) {
  if (idle && std::chrono::steady_clock::now() - idle->since > k_check_idle_after) {
    try {
      idle->connection->ping();
    } catch (const SqlError& e) {
      util::log().debug("pool {}: idle connection is dead ({}), opening a new one", m_name,
                        e.what());
      idle.reset();
    }
  }
  std::unique_ptr<Connection> connection;
  try {
    connection = idle ? std::move(idle->connection) : std::make_unique<Connection>(m_params);
  } catch (const SqlError&) {
    const std::lock_guard lock(m_mutex);
    ++m_failed_opens;
    throw;
  }
  std::lock_guard lock(m_mutex);
  m_opened += idle ? 0 : 1;
  m_leased_ids.push_back(connection->thread_id());
  return connection;
}

void Pool::release(std::unique_ptr<Connection> connection, bool broken) noexcept {
  {
    std::lock_guard lock(m_mutex);
    --m_in_use;
    if (connection) {
      std::erase(m_leased_ids, connection->thread_id());
    }
    if (connection && !broken && !connection->broken()) {
      m_idle.push_back(Idle{std::move(connection), std::chrono::steady_clock::now()});
    }
  }
  // A broken connection is closed here, outside the lock (mysql_close may wait on the socket).
  connection.reset();
  m_cv.notify_one();
}

int Pool::interrupt_running() noexcept {
  std::vector<unsigned long> ids;
  {
    std::lock_guard lock(m_mutex);
    ids = m_leased_ids;
  }
  if (ids.empty()) {
    return 0;
  }
  int killed = 0;
  try {
    ConnectionParams side = m_params;
    side.connect_timeout_s = std::min(side.connect_timeout_s, 5);
    side.read_timeout_s = 10;
    side.query_timeout_s = 0; // no session variables: one round trip fewer
    Connection admin(side);
    for (const auto id : ids) {
      try {
        admin.execute("KILL QUERY " + std::to_string(id));
        ++killed;
      } catch (const SqlError& e) {
        util::log().debug("pool {}: KILL QUERY {} failed: {}", m_name, id, e.what());
      }
    }
  } catch (const std::exception& e) {
    util::log().warn("pool {}: could not interrupt running statements: {}", m_name, e.what());
  }
  util::log().info("pool {}: interrupted {} running statement(s)", m_name, killed);
  return killed;
}

int Pool::in_use() const {
  std::lock_guard lock(m_mutex);
  return m_in_use;
}

int Pool::max_in_use() const {
  std::lock_guard lock(m_mutex);
  return m_max_in_use;
}

int Pool::opened() const {
  std::lock_guard lock(m_mutex);
  return m_opened;
}

int Pool::failed_opens() const {
  std::lock_guard lock(m_mutex);
  return m_failed_opens;
}

} // namespace exl::db
