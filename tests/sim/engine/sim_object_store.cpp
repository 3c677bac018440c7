#include "sim_object_store.hpp"

#include <curl/curl.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>
#include <mutex>

namespace srsim::engine {

namespace {

std::string sha256_hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  std::string out;
  char buf[3];
  for (unsigned char c : digest) {
    std::snprintf(buf, sizeof buf, "%02x", c);
    out += buf;
  }
  return out;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

struct UploadState {
  const std::string* body;
  std::size_t offset = 0;
};

std::size_t feed_body(char* dest, std::size_t size, std::size_t n, void* in) {
  auto* st = static_cast<UploadState*>(in);
  std::size_t left = st->body->size() - st->offset;
  std::size_t take = std::min(left, size * n);
  std::copy_n(st->body->data() + st->offset, take, dest);
  st->offset += take;
  return take;
}

std::string xml_unescape(std::string s) {
  static const std::pair<const char*, const char*> k_entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : k_entities) {
    std::string f = from;
    for (std::size_t p = s.find(f); p != std::string::npos; p = s.find(f, p + 1)) {
      s.replace(p, f.size(), to);
    }
  }
  return s;
}

// Every <tag>value</tag> in `xml` (flat: ListObjectsV2's elements do not nest in themselves).
std::vector<std::string> xml_values(const std::string& xml, const std::string& tag,
                                    bool unescape = true) {
  std::vector<std::string> out;
  std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t p = xml.find(open); p != std::string::npos; p = xml.find(open, p)) {
    std::size_t b = p + open.size(), e = xml.find(close, b);
    if (e == std::string::npos) {
      break;
    }
    std::string v = xml.substr(b, e - b);
    out.push_back(unescape ? xml_unescape(v) : v);
    p = e + close.size();
  }
  return out;
}

void curl_global() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

} // namespace

std::string uri_encode(const std::string& text, bool keep_slash) {
  std::string out;
  char buf[4];
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
        (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

SimObjectStore::SimObjectStore(ObjectStoreAccess access, std::string bucket)
    : m_access(std::move(access)), m_bucket(std::move(bucket)) {
  curl_global();
}

std::string SimObjectStore::url(const std::string& key, const std::string& query) const {
  std::string ep = m_access.endpoint;
  std::string scheme = m_access.ssl ? "https://" : "http://";
  if (auto p = ep.find("://"); p != std::string::npos) {
    scheme = ep.substr(0, p + 3);
    ep = ep.substr(p + 3);
  }
  while (!ep.empty() && ep.back() == '/') {
    ep.pop_back();
  }
  std::string path = "/" + uri_encode(key, true);
  std::string base = m_access.path_style ? scheme + ep + "/" + m_bucket + path
                                         : scheme + m_bucket + "." + ep + path;
  return query.empty() ? base : base + "?" + query;
}

SimObjectStore::Response SimObjectStore::request(const std::string& method, const std::string& key,
                                                 const std::string& query,
                                                 const std::string& body) {
  std::unique_ptr<CURL, void (*)(CURL*)> h(curl_easy_init(), curl_easy_cleanup);
  if (!h) {
    throw ObjectStoreError(0, "curl_easy_init failed");
  }
  Response r;
  std::string target = url(key, query);
  std::string sigv4 = "aws:amz:" + m_access.region + ":s3";
  std::string userpwd = m_access.access_key + ":" + m_access.secret_key;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, ("x-amz-content-sha256: " + sha256_hex(body)).c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_guard(headers, curl_slist_free_all);
  UploadState upload{&body};
  curl_easy_setopt(h.get(), CURLOPT_URL, target.c_str());
  curl_easy_setopt(h.get(), CURLOPT_AWS_SIGV4, sigv4.c_str());
  curl_easy_setopt(h.get(), CURLOPT_USERPWD, userpwd.c_str());
  curl_easy_setopt(h.get(), CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h.get(), CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(h.get(), CURLOPT_WRITEDATA, &r.body);
  curl_easy_setopt(h.get(), CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
  if (method == "PUT") {
    curl_easy_setopt(h.get(), CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h.get(), CURLOPT_READFUNCTION, feed_body);
    curl_easy_setopt(h.get(), CURLOPT_READDATA, &upload);
    curl_easy_setopt(h.get(), CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(body.size()));
  } else if (method != "GET") {
    curl_easy_setopt(h.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  CURLcode rc = curl_easy_perform(h.get());
  if (rc != CURLE_OK) {
    throw ObjectStoreError(0, std::string(curl_easy_strerror(rc)) + " (" + method + " " + target +
                                  ")");
  }
  curl_easy_getinfo(h.get(), CURLINFO_RESPONSE_CODE, &r.status);
  if (r.status >= 300) {
    auto code = xml_values(r.body, "Code");
    auto msg = xml_values(r.body, "Message");
    throw ObjectStoreError(r.status, "HTTP " + std::to_string(r.status) + " " +
                                         (code.empty() ? "" : code[0]) +
                                         (msg.empty() ? "" : ": " + msg[0]) + " (" + method +
                                         " s3://" + m_bucket + "/" + key + ")");
  }
  return r;
}

void SimObjectStore::put(const std::string& key, const std::string& body) {
  request("PUT", key, "", body);
}

std::string SimObjectStore::get(const std::string& key) {
  return request("GET", key, "", "").body;
}

void SimObjectStore::remove(const std::string& key) {
  request("DELETE", key, "", "");
}

std::vector<StoredObject> SimObjectStore::list(const std::string& prefix, int page_keys) {
  std::vector<StoredObject> out;
  std::string token;
  for (;;) {
    // Query parameters in canonical (sorted) order.
    std::string q = (token.empty() ? "" : "continuation-token=" + uri_encode(token, false) + "&") +
                    "list-type=2&max-keys=" + std::to_string(page_keys) +
                    "&prefix=" + uri_encode(prefix, false);
    Response r = request("GET", "", q, "");
    // Each <Contents> holds one Key and one Size.
    for (const std::string& c : xml_values(r.body, "Contents", false)) {
      auto k = xml_values(c, "Key");
      auto s = xml_values(c, "Size");
      if (!k.empty()) {
        out.push_back({k[0], s.empty() ? 0 : std::stoull(s[0])});
      }
    }
    auto truncated = xml_values(r.body, "IsTruncated");
    auto next = xml_values(r.body, "NextContinuationToken");
    if (truncated.empty() || truncated[0] != "true" || next.empty()) {
      break;
    }
    token = next[0];
  }
  return out;
}

} // namespace srsim::engine
