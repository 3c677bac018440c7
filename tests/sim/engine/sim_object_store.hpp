#pragma once

// srsim's own small S3 client (FILES() and INSERT INTO FILES, files_*.cpp): PUT, GET,
// ListObjectsV2 (prefix, paging) and DELETE over libcurl with SigV4 (CURLOPT_AWS_SIGV4
// "aws:amz:<region>:s3" plus a signed x-amz-content-sha256 header, which libcurl does not add
// itself). Written independently of exlSchema's src/storage on purpose: a client bug there must
// not be mirrored here.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace srsim::engine {

// Where and how to reach a bucket, from the aws.s3.* properties of FILES().
struct ObjectStoreAccess {
  std::string endpoint; // host[:port] or http(s)://host[:port]
  bool ssl = true;      // aws.s3.enable_ssl: the scheme when `endpoint` has none
  bool path_style = false;
  std::string region = "us-east-1";
  std::string access_key;
  std::string secret_key;
};

struct StoredObject {
  std::string key;
  std::uint64_t size = 0;
};

// Thrown for a failed request: HTTP status (0 = transport error) and S3's error text.
class ObjectStoreError : public std::runtime_error {
public:
  ObjectStoreError(long status, const std::string& message)
      : std::runtime_error(message), m_status(status) {}
  long status() const { return m_status; }

private:
  long m_status;
};

class SimObjectStore {
public:
  SimObjectStore(ObjectStoreAccess access, std::string bucket);
  void put(const std::string& key, const std::string& body);
  std::string get(const std::string& key);
  // Every object whose key starts with `prefix` (all pages of at most `page_keys` keys), in key
  // order.
  std::vector<StoredObject> list(const std::string& prefix, int page_keys = 1000);
  void remove(const std::string& key);
  const std::string& bucket() const { return m_bucket; }

private:
  struct Response {
    long status = 0;
    std::string body;
  };
  Response request(const std::string& method, const std::string& key, const std::string& query,
                   const std::string& body);
  std::string url(const std::string& key, const std::string& query) const;

  ObjectStoreAccess m_access;
  std::string m_bucket;
};

// Percent-encoding of RFC 3986 unreserved characters kept ('/' kept when `keep_slash`).
std::string uri_encode(const std::string& text, bool keep_slash);

} // namespace srsim::engine
