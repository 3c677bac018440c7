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

// An S3 error answer or a failure on this side. `http_status` is the answer's status (200 for a
// CompleteMultipartUpload answered with an <Error> body; "BadAnswer": an answer that cannot be
// read, e.g. a truncated listing without a token); 0 when there was no answer or the failure is
// on this side: then `code` is "NoAnswer" (connection refused, reset, timeout: the request may
// or may not have taken effect), "Stopped" (get_stream's sink stopped), "Cancelled"
// (copy_prefix's cancelled()) or "CopyMismatch" (a copy's size or MD5 differs).
// The message names the operation, s3://bucket/key and the endpoint, never a key's secret.
class S3Error : public std::runtime_error {
public:
  S3Error(const std::string& what, long http_status, std::string code)
      : std::runtime_error(what), m_status(http_status), m_code(std::move(code)) {}
  long http_status() const { return m_status; }
  const std::string& code() const { return m_code; } // "NoSuchKey", "AccessDenied", ...
  // Worth sending again: no answer, a 5xx, or S3's transient codes (also in a 200 <Error> body).
  bool retryable() const {
    return m_status >= 500 || m_code == "NoAnswer" || m_code == "InternalError" ||
           m_code == "SlowDown" || m_code == "ServiceUnavailable" || m_code == "RequestTimeout";
  }

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
  // Writes `body` as `key` (one PUT, with Content-MD5 so the server checks what it got); returns
  // the object as stored (size of `body`, the answer's ETag).
  ObjectInfo put(const std::string& key, std::string_view body) const;
  // The whole object (small objects: tests, markers).
  std::string get(const std::string& key) const;
  // Streams the object to `sink` in pieces; `sink` returns false to stop (then throws S3Error
  // code "Stopped").
  void get_stream(const std::string& key, const std::function<bool(std::string_view)>& sink) const;
  // `count` bytes from `first_byte` (a ranged GET); throws when fewer come back.
  std::string get_range(const std::string& key, std::uint64_t first_byte,
                        std::uint64_t count) const;
  // Deletes `key` (no error when it does not exist).
  void remove(const std::string& key) const;
  // Deletes every object under `key_prefix`; returns how many. An empty prefix (the whole
  // bucket) is refused with std::invalid_argument.
  std::size_t remove_prefix(const std::string& key_prefix) const;

  // Multipart upload (large objects): start, one part (1..10000, Content-MD5 sent), complete
  // (parts in order; an <Error> body in a 200 answer throws; the object is then HEADed for its
  // size and ETag).
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
  std::size_t part_size = 16u << 20;        // bytes per multipart part and per read (S3: >= 5 MiB)
  std::size_t single_put_limit = 16u << 20; // objects up to this size go in one PUT
  std::function<bool()> cancelled;          // polled between pieces; may be empty
};

// Copies every object under `from_prefix` in `from` to `to`, the key's part after `from_prefix`
// kept under `to_prefix`, streamed through this host one part at a time (a ranged GET, then a
// PUT or UploadPart: memory about one to two parts). Objects up to `single_put_limit` go in one
// PUT, larger ones as a multipart upload of `part_size` parts (aborted, best effort, on failure).
// Each copy is verified (docs/storage.md): what was read has the source's MD5 when the source
// ETag is a plain MD5; the copy's size equals the source's; the copy's ETag matches what was
// sent (plain MD5, AWS's md5-of-md5s-N, or s3rver's plain MD5 of a multipart object), or, when
// that ETag says nothing checkable, the copy is read back and its MD5 compared. Throws S3Error
// on any failure ("CopyMismatch" for a verification, "Cancelled" when `cancelled()` said so).
// Returns the objects written in `to`, in source key order.
std::vector<ObjectInfo> copy_prefix(const S3Client& from, const std::string& from_prefix,
                                    const S3Client& to, const std::string& to_prefix,
                                    const CopyOptions& options = {});

} // namespace exl::storage
