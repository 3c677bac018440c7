#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// AWS Signature Version 4 for S3 header authentication, computed here with OpenSSL so that every
// step can be tested against AWS's published examples
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html, "Transferring
// Payload in a Single Chunk"). Chunked (streaming) signing is not used: s3rver stores such bodies
// undecoded (docs/research/files-mode-facts.md §5).
namespace exl::storage {

using Md5Digest = std::array<std::uint8_t, 16>;

std::string to_hex(const std::uint8_t* bytes, std::size_t n);
std::string sha256_hex(std::string_view data);
Md5Digest md5_digest(std::string_view data);
std::string md5_hex(std::string_view data);

// An incremental MD5 (whole objects streamed piece by piece).
class Md5Stream {
public:
  Md5Stream();
  ~Md5Stream();
  Md5Stream(const Md5Stream&) = delete;
  Md5Stream& operator=(const Md5Stream&) = delete;
  void update(std::string_view data);
  Md5Digest finish(); // once
  std::string finish_hex();

private:
  void* m_ctx; // EVP_MD_CTX
};

// RFC 3986 unreserved characters kept, every other byte %XX (upper case); '/' kept unless
// `encode_slash` (query names and values).
std::string uri_encode(std::string_view text, bool encode_slash);

// "20130524T000000Z" for a Unix time.
std::string amz_date(std::int64_t unix_seconds);

struct SignableRequest {
  std::string method;        // "GET", "PUT", ...
  std::string canonical_uri; // the path as sent, already URI-encoded ("/bucket/a%20b")
  std::vector<std::pair<std::string, std::string>> query;   // raw names and values
  std::vector<std::pair<std::string, std::string>> headers; // every signed header, raw
  std::string payload_sha256; // hex, the value of x-amz-content-sha256
};

struct Credentials {
  std::string access_key;
  std::string secret_key;
  std::string region;
};

// The query string in canonical form (names and values encoded, sorted); also what is sent.
std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& query);
std::string canonical_request(const SignableRequest& request);
std::string string_to_sign(const SignableRequest& request, const std::string& amz_date,
                           const std::string& region);
std::string signature(const SignableRequest& request, const Credentials& credentials,
                      const std::string& amz_date);
// The value of the Authorization header.
std::string authorization(const SignableRequest& request, const Credentials& credentials,
                          const std::string& amz_date);

} // namespace exl::storage
