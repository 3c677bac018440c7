#pragma once

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
  bool uses_ssl() const { return endpoint.rfind("https://", 0) == 0; }
};

} // namespace exl::storage
