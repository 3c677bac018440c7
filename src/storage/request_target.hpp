#pragma once

#include "exlschema/storage/storage_location.hpp"

#include <string>

// Where a request for `key` (empty: the bucket itself) goes: path-style
// `http://endpoint/bucket/key` or virtual-host `http://bucket.endpoint/key`, the key's segments
// URI-encoded once with '/' kept (S3 does not double-encode), the Host header and the canonical
// URI SigV4 signs: the path exactly as sent.
namespace exl::storage {

struct RequestTarget {
  std::string url;  // without the query
  std::string host; // the Host header
  std::string path; // the canonical URI
};

RequestTarget request_target(const StorageLocation& location, const std::string& key);

} // namespace exl::storage
