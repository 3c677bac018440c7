#include "storage/sigv4.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>
#include <stdexcept>

namespace exl::storage {
namespace {

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &n) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::string digest_of(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  if (EVP_Digest(data.data(), data.size(), out, &n, md, nullptr) != 1) {
    throw std::runtime_error("EVP_Digest failed");
  }
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Leading and trailing blanks removed, inner runs of blanks folded to one (SigV4 Trimall).
std::string trim_all(std::string_view s) {
  std::string out;
  bool blank = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) {
      out += ' ';
      blank = false;
    }
    out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>>
sorted_headers(const std::vector<std::pair<std::string, std::string>>& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    out.emplace_back(lower(name), trim_all(value));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string signed_header_names(const std::vector<std::pair<std::string, std::string>>& sorted) {
  std::string out;
  for (const auto& [name, value] : sorted) {
    out += (out.empty() ? "" : ";") + name;
  }
  return out;
}

std::string scope_of(const std::string& amz_date, const std::string& region) {
  return amz_date.substr(0, 8) + "/" + region + "/s3/aws4_request";
}

} // namespace

std::string to_hex(const std::uint8_t* bytes, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = digits[bytes[i] >> 4];
    out[2 * i + 1] = digits[bytes[i] & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  const std::string d = digest_of(EVP_sha256(), data);
  return to_hex(reinterpret_cast<const std::uint8_t*>(d.data()), d.size());
}

Md5Digest md5_digest(std::string_view data) {
  const std::string d = digest_of(EVP_md5(), data);
  Md5Digest out{};
  std::copy(d.begin(), d.end(), out.begin());
  return out;
}

std::string md5_hex(std::string_view data) {
  const Md5Digest d = md5_digest(data);
  return to_hex(d.data(), d.size());
}

Md5Stream::Md5Stream() : m_ctx(EVP_MD_CTX_new()) {
  if (m_ctx == nullptr ||
      EVP_DigestInit_ex(static_cast<EVP_MD_CTX*>(m_ctx), EVP_md5(), nullptr) != 1) {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
    throw std::runtime_error("MD5 init failed");
  }
}

Md5Stream::~Md5Stream() {
  EVP_MD_CTX_free(static_cast<EVP_MD_CTX*>(m_ctx));
}

void Md5Stream::update(std::string_view data) {
  EVP_DigestUpdate(static_cast<EVP_MD_CTX*>(m_ctx), data.data(), data.size());
}

Md5Digest Md5Stream::finish() {
  Md5Digest out{};
  unsigned int n = 0;
  EVP_DigestFinal_ex(static_cast<EVP_MD_CTX*>(m_ctx), out.data(), &n);
  return out;
}

std::string Md5Stream::finish_hex() {
  const Md5Digest d = finish();
  return to_hex(d.data(), d.size());
}

std::string uri_encode(std::string_view text, bool encode_slash) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved || (c == '/' && !encode_slash)) {
      out += ch;
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 0xf];
    }
  }
  return out;
}

std::string amz_date(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

std::string canonical_query(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) {
    encoded.emplace_back(uri_encode(name, true), uri_encode(value, true));
  }
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [name, value] : encoded) {
    out += (out.empty() ? "" : "&") + name + "=" + value;
  }
  return out;
}

std::string canonical_request(const SignableRequest& request) {
  const auto headers = sorted_headers(request.headers);
  std::string out =
      request.method + "\n" + request.canonical_uri + "\n" + canonical_query(request.query) + "\n";
  for (const auto& [name, value] : headers) {
    out += name + ":" + value + "\n";
  }
  out += "\n" + signed_header_names(headers) + "\n" + request.payload_sha256;
  return out;
}

std::string string_to_sign(const SignableRequest& request, const std::string& amz_date,
                           const std::string& region) {
  return "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope_of(amz_date, region) + "\n" +
         sha256_hex(canonical_request(request));
}

std::string signature(const SignableRequest& request, const Credentials& credentials,
                      const std::string& amz_date) {
  const std::string date_key = hmac_sha256("AWS4" + credentials.secret_key, amz_date.substr(0, 8));
  const std::string region_key = hmac_sha256(date_key, credentials.region);
  const std::string service_key = hmac_sha256(region_key, "s3");
  const std::string signing_key = hmac_sha256(service_key, "aws4_request");
  const std::string sig =
      hmac_sha256(signing_key, string_to_sign(request, amz_date, credentials.region));
  return to_hex(reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size());
}

std::string authorization(const SignableRequest& request, const Credentials& credentials,
                          const std::string& amz_date) {
  return "AWS4-HMAC-SHA256 Credential=" + credentials.access_key + "/" +
         scope_of(amz_date, credentials.region) +
         ",SignedHeaders=" + signed_header_names(sorted_headers(request.headers)) +
         ",Signature=" + signature(request, credentials, amz_date);
}

} // namespace exl::storage
