#include "exlschema/storage/s3_client.hpp"

#include "exlschema/util/log.hpp"
#include "storage/etag.hpp"
#include "storage/sigv4.hpp"

#include <stdexcept>

// copy_prefix: bucket A -> this host -> bucket B, one object at a time, one part in memory at a
// time (ranged GET of a part, then its PUT or UploadPart). Verification (docs/storage.md):
//  1. what was read against the source: its MD5 equals the source ETag when that is a plain MD5;
//     a multipart source ETag is checked only when it was made with the same part size
//     (md5-of-md5s over our parts), never against a plain MD5;
//  2. what was written against what was read: the copy's size, and its ETag against the sent
//     bytes (plain MD5, md5-of-md5s, or s3rver's plain MD5 of a multipart object); when the copy's
//     ETag says nothing checkable, the copy is read back and its MD5 compared.
namespace exl::storage {
namespace {

[[noreturn]] void mismatch(const S3Client& to, const std::string& key, const std::string& what) {
  throw S3Error("S3 COPY " + to.s3_url(key) + ": " + what, 0, "CopyMismatch");
}

void check_cancel(const CopyOptions& options, const S3Client& to, const std::string& key) {
  if (options.cancelled && options.cancelled()) {
    throw S3Error("S3 COPY " + to.s3_url(key) + ": cancelled", 0, "Cancelled");
  }
}

std::string read_back_md5(const S3Client& to, const std::string& key, const CopyOptions& options) {
  Md5Stream md5;
  try {
    to.get_stream(key, [&](std::string_view piece) {
      md5.update(piece);
      return !(options.cancelled && options.cancelled());
    });
  } catch (const S3Error& e) {
    if (e.code() == "Stopped") {
      check_cancel(options, to, key); // throws "Cancelled"
    }
    throw;
  }
  return md5.finish_hex();
}

// Copies one object; returns it as stored in `to`.
ObjectInfo copy_object(const S3Client& from, const ObjectInfo& source, const S3Client& to,
                       const std::string& to_key, const CopyOptions& options) {
  // S3 allows 10,000 parts: a larger object gets larger parts.
  constexpr std::uint64_t max_parts = 10'000;
  const std::uint64_t part_size =
      std::max<std::uint64_t>({options.part_size, 1, (source.size + max_parts - 1) / max_parts});
  SentDigest sent;
  Md5Stream whole;
  ObjectInfo stored;
  if (source.size <= options.single_put_limit) {
    check_cancel(options, to, to_key);
    const std::string body = from.get_range(source.key, 0, source.size);
    whole.update(body);
    sent.whole_md5 = whole.finish_hex();
    if (etag_kind(source.etag) == EtagKind::PlainMd5 &&
        check_etag(source.etag, sent) != EtagVerdict::Match) {
      mismatch(to, to_key,
               "what was read from " + from.s3_url(source.key) + " has MD5 " + sent.whole_md5 +
                   ", its ETag is " + source.etag);
    }
    stored = to.put(to_key, body);
  } else {
    const std::string upload_id = to.start_multipart(to_key);
    try {
      std::vector<std::string> etags;
      for (std::uint64_t at = 0; at < source.size; at += part_size) {
        check_cancel(options, to, to_key);
        const std::uint64_t n = std::min<std::uint64_t>(part_size, source.size - at);
        const std::string part = from.get_range(source.key, at, n);
        whole.update(part);
        sent.part_md5s.push_back(md5_digest(part));
        etags.push_back(
            to.upload_part(to_key, upload_id, static_cast<int>(etags.size() + 1), part));
      }
      sent.whole_md5 = whole.finish_hex();
      // The source as read: a plain MD5 ETag is the whole MD5. A multipart one says nothing
      // here unless it was uploaded with the same part size, which cannot be told from the ETag,
      // so it is not checked (the copy is still checked against what was read, below).
      if (etag_kind(source.etag) == EtagKind::PlainMd5 &&
          check_etag(source.etag, sent) != EtagVerdict::Match) {
        mismatch(to, to_key,
                 "what was read from " + from.s3_url(source.key) + " has MD5 " + sent.whole_md5 +
                     ", its ETag is " + source.etag);
      }
      stored = to.complete_multipart(to_key, upload_id, etags);
    } catch (...) {
      to.abort_multipart(to_key, upload_id);
      throw;
    }
  }
  if (stored.size != source.size) {
    mismatch(to, to_key,
             "size " + std::to_string(stored.size) + ", the source's is " +
                 std::to_string(source.size));
  }
  switch (check_etag(stored.etag, sent)) {
  case EtagVerdict::Match:
    break;
  case EtagVerdict::Mismatch:
    mismatch(to, to_key,
             "ETag " + stored.etag + " does not match what was sent (MD5 " + sent.whole_md5 + ")");
  case EtagVerdict::Unknown: {
    const std::string back = read_back_md5(to, to_key, options);
    if (back != sent.whole_md5) {
      mismatch(to, to_key, "read back with MD5 " + back + ", sent " + sent.whole_md5);
    }
    break;
  }
  }
  util::log().debug("S3 COPY {} -> {}: {} bytes, ETag {}", from.s3_url(source.key),
                    to.s3_url(to_key), stored.size, stored.etag);
  return stored;
}

} // namespace

std::vector<ObjectInfo> copy_prefix(const S3Client& from, const std::string& from_prefix,
                                    const S3Client& to, const std::string& to_prefix,
                                    const CopyOptions& options) {
  std::vector<ObjectInfo> out;
  for (const ObjectInfo& source : from.list(from_prefix)) {
    check_cancel(options, to, to_prefix);
    const std::string to_key = to_prefix + source.key.substr(from_prefix.size());
    out.push_back(copy_object(from, source, to, to_key, options));
  }
  return out;
}

} // namespace exl::storage
