#pragma once

#include <optional>
#include <string>

// One S3-compatible object-storage location of `-o files` (issue #17): where a cluster writes or
// reads a run's files. Read from the config's `storage:` section (config_file.hpp); the keys come
// from environment variables named there and are never printed (util/redact).
namespace exl::storage {

struct StorageLocation {
  std::string name;     // "source" or "target": which entry of `storage:` it came from
  std::string endpoint; // "http://127.0.0.1:4568", "https://s3.eu-west-1.amazonaws.com"
  std::string bucket;
  std::string prefix; // key prefix of every run's files, no leading or trailing '/'
  std::string region = "us-east-1";
  bool path_style = true; // http://endpoint/bucket/key (false: http://bucket.endpoint/key)
  std::string access_key;
  std::string secret_key;
  std::string access_key_env; // the variables' names, for messages
  std::string secret_key_env;

  // The same bucket seen by both clusters: one location, no copy.
  bool same_bucket(const StorageLocation& other) const {
    return endpoint == other.endpoint && bucket == other.bucket;
  }
  // "s3://bucket/key", as StarRocks's FILES() 'path' and exlSchema's records name an object or
  // a prefix of this location; url_key is its inverse (nullopt: another bucket's URL).
  std::string url(const std::string& key) const { return "s3://" + bucket + "/" + key; }
  std::optional<std::string> url_key(const std::string& url) const {
    const std::string head = "s3://" + bucket + "/";
    return url.rfind(head, 0) == 0 ? std::optional(url.substr(head.size())) : std::nullopt;
  }
};

} // namespace exl::storage
