#include "storage/etag.hpp"

#include <algorithm>
#include <cctype>

namespace exl::storage {
namespace {

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

std::string lower_hex(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

} // namespace

EtagKind etag_kind(std::string_view etag) {
  if (etag.size() == 32 && all_hex(etag)) {
    return EtagKind::PlainMd5;
  }
  const std::size_t dash = etag.find('-');
  if (dash == 32 && all_hex(etag.substr(0, 32)) && etag.size() > 33) {
    const std::string_view count = etag.substr(33);
    if (std::all_of(count.begin(), count.end(), [](unsigned char c) { return std::isdigit(c); }) &&
        count.front() != '0') {
      return EtagKind::Multipart;
    }
  }
  return EtagKind::Opaque;
}

std::string multipart_etag(const std::vector<Md5Digest>& part_md5s) {
  std::string joined;
  joined.reserve(part_md5s.size() * 16);
  for (const Md5Digest& d : part_md5s) {
    joined.append(reinterpret_cast<const char*>(d.data()), d.size());
  }
  return md5_hex(joined) + "-" + std::to_string(part_md5s.size());
}

EtagVerdict check_etag(std::string_view stored, const SentDigest& sent) {
  switch (etag_kind(stored)) {
  case EtagKind::PlainMd5:
    return lower_hex(stored) == lower_hex(sent.whole_md5) ? EtagVerdict::Match
                                                          : EtagVerdict::Mismatch;
  case EtagKind::Multipart:
    if (sent.part_md5s.empty()) {
      return EtagVerdict::Unknown;
    }
    return lower_hex(stored) == multipart_etag(sent.part_md5s) ? EtagVerdict::Match
                                                               : EtagVerdict::Mismatch;
  case EtagKind::Opaque:
    break;
  }
  return EtagVerdict::Unknown;
}

} // namespace exl::storage
