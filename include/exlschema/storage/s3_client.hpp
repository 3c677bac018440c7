#pragma once

#include "exlschema/storage/storage_location.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// A small S3 client (issue #17) over libcurl: path-style or virtual-host requests signed with
// AWS Signature Version 4 (x-amz-content-sha256 always sent and signed). Keys are full object
// keys inside the location's bucket (the caller joins StorageLocation::prefix in).
namespace exl::storage {

struct ObjectInfo {
  std::string key;
  std::uint64_t size = 0;
  std::string etag; // without quotes
  bool operator==(const ObjectInfo&) const = default;
};

// An S3 error answer or a transport failure. `http_status` 0: no answer (connection refused,
// reset, timeout): the request may or may not have taken effect.
class S3Error : public std::runtime_error {
public:
  S3Error(const std::string& what, long http_status, std::string code)
      : std::runtime_error(what), m_status(http_status), m_code(std::move(code)) {}
  long http_status() const { return m_status; }
  const std::string& code() const { return m_code; } // "NoSuchKey", "AccessDenied", ...
  bool retryable() const { return m_status == 0 || m_status >= 500; }

private:
  long m_status;
  std::string m_code;
};

class S3Client {
public:
  explicit S3Client(StorageLocation location);

  const StorageLocation& location() const { return m_location; }

  // Every object whose key starts with `key_prefix`, in key order (ListObjectsV2, all pages).
  std::vector<ObjectInfo> list(const std::string& key_prefix) const;
  // Size and ETag of `key`; nullopt when it does not exist.
  std::optional<ObjectInfo> head(const std::string& key) const;
  // Writes `body` as `key` (one PUT); returns the object as stored.
  ObjectInfo put(const std::string& key, std::string_view body) const;
  // The whole object (small objects: tests, markers).
  std::string get(const std::string& key) const;
  // Streams the object to `sink` in pieces; `sink` returns false to stop (then throws S3Error
  // "stopped"). `first_byte` for a ranged GET.
  void get_stream(const std::string& key,
                  const std::function<bool(std::string_view)>& sink) const;
  // Deletes `key` (no error when it does not exist).
  void remove(const std::string& key) const;
  // Deletes every object under `key_prefix`; returns how many.
  std::size_t remove_prefix(const std::string& key_prefix) const;

  // Multipart upload (large objects): start, one part (1..10000), complete (parts in order).
  std::string start_multipart(const std::string& key) const;
  std::string upload_part(const std::string& key, const std::string& upload_id, int part_number,
                          std::string_view body) const; // returns the part's ETag
  ObjectInfo complete_multipart(const std::string& key, const std::string& upload_id,
                                const std::vector<std::string>& part_etags) const;
  // Best effort (some servers answer 405): never throws.
  void abort_multipart(const std::string& key, const std::string& upload_id) const noexcept;

  // "s3://bucket/key" as StarRocks's FILES() 'path' names it.
  std::string s3_url(const std::string& key) const;

private:
  StorageLocation m_location;
};

struct CopyOptions {
  std::size_t part_size = 16u << 20;  // bytes per multipart part and per read buffer
  std::size_t single_put_limit = 16u << 20; // objects up to this size go in one PUT
  std::function<bool()> cancelled;    // polled between pieces; may be empty
};

// Copies every object under `from_prefix` in `from` to `to`, the key's part after `from_prefix`
// kept under `to_prefix`, streamed through this host with memory bounded by about two parts.
// Each copy is verified: its size equals the source's, and its content's MD5 (computed while
// streaming) equals the source's ETag when that ETag is a plain MD5 (a single-part upload), else
// the copy is read back and compared by size and MD5 of what was sent. Throws S3Error on any
// failure or mismatch. Returns the objects written in `to`.
std::vector<ObjectInfo> copy_prefix(const S3Client& from, const std::string& from_prefix,
                                    const S3Client& to, const std::string& to_prefix,
                                    const CopyOptions& options = {});

} // namespace exl::storage
