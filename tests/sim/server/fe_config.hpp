#pragma once

// FE configuration items that ADMIN SHOW/SET FRONTEND CONFIG expose (starrocks-surface.md §8):
// a subset of fe.conf keys with their StarRocks defaults, types and mutability. Changes are not
// persisted, as in StarRocks without WITH PERSISTENT.

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sim_api.hpp"

namespace srsim::server {

struct FeConfigItem {
  std::string key;
  std::string value;
  std::string type; // boolean, int, long, double, String
  bool mutable_ = true;
  bool master_only = false;
  std::string comment;
};

class FeConfig {
public:
  explicit FeConfig(const ClusterConfig& cluster);

  std::vector<FeConfigItem> items() const;
  std::optional<std::string> get(const std::string& key) const;
  // An ErrorReply when the key is unknown or immutable or the value has the wrong type.
  std::optional<ErrorReply> set(const std::string& key, const std::string& value);

private:
  mutable std::mutex m_mutex;
  std::vector<FeConfigItem> m_items;
  std::shared_ptr<LiveSettings> m_live; // items the engine reads while it runs
};

} // namespace srsim::server
