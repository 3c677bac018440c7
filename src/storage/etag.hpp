#pragma once

#include "storage/sigv4.hpp"

#include <string>
#include <string_view>
#include <vector>

// What an S3 ETag says about an object's bytes (docs/storage.md). A single PUT's ETag is the MD5
// of the body; a multipart upload's is, on AWS, md5(the parts' binary MD5s) + "-<parts>", and on
// s3rver the plain MD5 of the whole object. Other ETags (SSE-KMS/SSE-C, some other servers) say
// nothing checkable. A multipart ETag is never compared with a plain MD5.
namespace exl::storage {

enum class EtagKind { PlainMd5, Multipart, Opaque };
EtagKind etag_kind(std::string_view etag);

// "md5hex-N" as AWS computes it for parts with these MD5s.
std::string multipart_etag(const std::vector<Md5Digest>& part_md5s);

// The bytes a copy sent: their MD5 and the MD5 of each part as uploaded (one part for a single
// PUT is not listed: `part_md5s` empty).
struct SentDigest {
  std::string whole_md5; // hex
  std::vector<Md5Digest> part_md5s;
};

enum class EtagVerdict { Match, Mismatch, Unknown };
// Whether `stored` (an ETag the server gave for what was sent) agrees with `sent`: a plain MD5
// against the whole MD5 (single PUT, or s3rver's multipart ETag), a multipart ETag against the
// md5-of-md5s of the parts sent (never against the whole MD5); Unknown for an opaque ETag or a
// multipart ETag of a single PUT.
EtagVerdict check_etag(std::string_view stored, const SentDigest& sent);

} // namespace exl::storage
