#include "exlschema/storage/s3_client.hpp"

#include "exlschema/util/base64.hpp"
#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"
#include "storage/request_target.hpp"
#include "storage/s3_xml.hpp"
#include "storage/sigv4.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>

// Requests: https://docs.aws.amazon.com/AmazonS3/latest/API/ (ListObjectsV2, HeadObject,
// PutObject, GetObject, DeleteObject, CreateMultipartUpload, UploadPart,
// CompleteMultipartUpload, AbortMultipartUpload); facts checked against s3rver in
// docs/research/files-mode-facts.md §4-5.
namespace exl::storage {
namespace {

constexpr long connect_timeout_ms = 10'000;
// A transfer slower than 1 byte/s for a minute is abandoned (a stalled server or network).
constexpr long low_speed_bytes = 1;
constexpr long low_speed_seconds = 60;
constexpr std::size_t max_error_body = 64 * 1024;

struct S3CurlFree {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct S3SlistFree {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

void s3_curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

using Params = std::vector<std::pair<std::string, std::string>>;

struct Call {
  const char* op = "GET"; // for messages: "LIST", "HEAD", "PUT", ...
  std::string method = "GET";
  std::string key; // empty: the bucket itself
  Params query;
  std::string_view body;
  Params headers; // signed besides host, x-amz-date, x-amz-content-sha256
  const std::function<bool(std::string_view)>* sink = nullptr; // 2xx body goes here when set
  // The body's expected size (a ranged GET): reserved up front, so that a part is received
  // into one allocation instead of a string doubling through reallocations (each of which holds
  // the old and the new block at once, and leaves up to twice the part as capacity).
  std::size_t expect_body = 0;
};

struct Answer {
  long status = 0;
  std::string body;
  std::string etag; // unquoted, from the ETag header
  std::optional<std::uint64_t> content_length;
  bool stopped = false; // the sink said stop
};

struct Receiving {
  CURL* curl = nullptr;
  Answer* answer = nullptr;
  const std::function<bool(std::string_view)>* sink = nullptr;
};

std::size_t s3_on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* r = static_cast<Receiving*>(user);
  const std::size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(r->curl, CURLINFO_RESPONSE_CODE, &status);
  if (r->sink != nullptr && status >= 200 && status < 300) {
    if (!(*r->sink)(std::string_view(data, n))) {
      r->answer->stopped = true;
      return 0; // curl ends the transfer (CURLE_WRITE_ERROR)
    }
    return n;
  }
  if (r->sink == nullptr || r->answer->body.size() < max_error_body) {
    r->answer->body.append(data, n);
  }
  return n;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return std::string(s);
}

std::size_t s3_on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* answer = static_cast<Answer*>(user);
  const std::size_t n = size * count;
  const std::string_view line(data, n);
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return n;
  }
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const std::string value = trimmed(line.substr(colon + 1));
  if (name == "etag") {
    answer->etag = xml::unquote_etag(value);
  } else if (name == "content-length") {
    try {
      answer->content_length = std::stoull(value);
    } catch (const std::exception&) {
      answer->content_length.reset();
    }
  }
  return n;
}

struct BodyCursor {
  std::string_view rest;
};

std::size_t s3_read_body(char* out, std::size_t size, std::size_t count, void* user) {
  auto* cursor = static_cast<BodyCursor*>(user);
  const std::size_t n = std::min(size * count, cursor->rest.size());
  std::copy_n(cursor->rest.data(), n, out);
  cursor->rest.remove_prefix(n);
  return n;
}

// scheme ("http://"), authority ("127.0.0.1:4568") of an endpoint; no scheme means http.
std::pair<std::string, std::string> split_endpoint(std::string endpoint) {
  while (!endpoint.empty() && endpoint.back() == '/') {
    endpoint.pop_back();
  }
  const std::size_t sep = endpoint.find("://");
  if (sep == std::string::npos) {
    return {"http://", endpoint};
  }
  std::string authority = endpoint.substr(sep + 3);
  authority = authority.substr(0, authority.find('/'));
  return {endpoint.substr(0, sep + 3), authority};
}

// Text safe to show: the secret key and every registered secret removed.
std::string shown(const StorageLocation& loc, std::string text) {
  if (loc.secret_key.size() >= 3) {
    for (std::size_t at = text.find(loc.secret_key); at != std::string::npos;
         at = text.find(loc.secret_key, at)) {
      text.replace(at, loc.secret_key.size(), "***");
    }
  }
  return util::redact(text);
}

std::string where(const StorageLocation& loc, const Call& call) {
  return std::string("S3 ") + call.op + " s3://" + loc.bucket + "/" + call.key + " at " +
         loc.endpoint;
}

[[noreturn]] void throw_answer(const StorageLocation& loc, const Call& call, const Answer& a) {
  std::string code;
  std::string message;
  if (const auto err = xml::parse_error(a.body)) {
    code = err->code;
    message = err->message;
  }
  if (code.empty()) {
    switch (a.status) {
    case 301:
      code = "PermanentRedirect";
      break;
    case 400:
      code = "BadRequest";
      break;
    case 403:
      code = "Forbidden";
      break;
    case 404:
      code = "NotFound";
      break;
    default:
      code = "HTTP" + std::to_string(a.status);
      break;
    }
  }
  std::string what = where(loc, call) + ": HTTP " + std::to_string(a.status) + " " + code;
  if (!message.empty()) {
    what += ": " + message;
  }
  throw S3Error(shown(loc, what), a.status, code);
}

// One signed request. Throws S3Error "NoAnswer" when no HTTP answer came (or "Stopped" when the
// sink stopped); HTTP error statuses are returned, not thrown.
Answer perform(const StorageLocation& loc, const Call& call) {
  s3_curl_init_once();
  const RequestTarget target = request_target(loc, call.key);
  SignableRequest sign;
  sign.method = call.method;
  sign.canonical_uri = target.path;
  sign.query = call.query;
  sign.payload_sha256 = sha256_hex(call.body);
  const std::string date = amz_date(static_cast<std::int64_t>(std::time(nullptr)));
  sign.headers = {
      {"host", target.host}, {"x-amz-date", date}, {"x-amz-content-sha256", sign.payload_sha256}};
  sign.headers.insert(sign.headers.end(), call.headers.begin(), call.headers.end());
  const std::string auth =
      authorization(sign, Credentials{loc.access_key, loc.secret_key, loc.region}, date);

  std::string url = target.url;
  const std::string query = canonical_query(call.query);
  if (!query.empty()) {
    url += "?" + query;
  }
  curl_slist* list = nullptr;
  for (const auto& [name, value] : sign.headers) {
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  list = curl_slist_append(list, ("Authorization: " + auth).c_str());
  list = curl_slist_append(list, "Expect:");
  std::unique_ptr<curl_slist, S3SlistFree> headers(list);

  std::unique_ptr<CURL, S3CurlFree> curl(curl_easy_init());
  if (!curl) {
    throw S3Error(where(loc, call) + ": curl_easy_init failed", 0, "NoAnswer");
  }
  CURL* c = curl.get();
  Answer answer;
  answer.body.reserve(call.expect_body);
  Receiving receiving{c, &answer, call.sink};
  BodyCursor cursor{call.body};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  if (call.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (call.method == "PUT") {
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, s3_read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &cursor);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
  } else if (call.method == "POST") {
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    // Never a null pointer: with one, curl would read the body from stdin.
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, call.body.empty() ? "" : call.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
  } else if (call.method != "GET") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  }
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, low_speed_bytes);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, low_speed_seconds);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, s3_on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &receiving);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, s3_on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &answer);
  util::log().debug("{} {}", call.method, where(loc, call));
  const CURLcode rc = curl_easy_perform(c);
  if (answer.stopped) {
    throw S3Error(where(loc, call) + ": stopped by the reader", 0, "Stopped");
  }
  if (rc != CURLE_OK) {
    throw S3Error(shown(loc, where(loc, call) + ": no answer: " + curl_easy_strerror(rc)), 0,
                  "NoAnswer");
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

bool ok(const Answer& a) {
  return a.status >= 200 && a.status < 300;
}

std::string content_md5(std::string_view body) {
  const Md5Digest d = md5_digest(body);
  return util::base64_encode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

std::string xml_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    default:
      out += c;
      break;
    }
  }
  return out;
}

} // namespace

RequestTarget request_target(const StorageLocation& location, const std::string& key) {
  const auto [scheme, authority] = split_endpoint(location.endpoint);
  RequestTarget t;
  t.host = location.path_style ? authority : location.bucket + "." + authority;
  if (location.path_style) {
    t.path = "/" + uri_encode(location.bucket, true);
    if (!key.empty()) {
      t.path += "/" + uri_encode(key, false);
    }
  } else {
    t.path = "/" + uri_encode(key, false);
  }
  t.url = scheme + t.host + t.path;
  return t;
}

S3Client::S3Client(StorageLocation location) : m_location(std::move(location)) {}

std::vector<ObjectInfo> S3Client::list(const std::string& key_prefix) const {
  std::vector<ObjectInfo> out;
  std::string token;
  std::set<std::string> seen_tokens;
  while (true) {
    Call call;
    call.op = "LIST";
    call.key = key_prefix; // for messages only: the request is on the bucket
    Call request = call;
    request.key.clear();
    request.query = {{"list-type", "2"}};
    if (!key_prefix.empty()) {
      request.query.emplace_back("prefix", key_prefix);
    }
    if (!token.empty()) {
      request.query.emplace_back("continuation-token", token);
    }
    const Answer a = perform(m_location, request);
    if (!ok(a)) {
      throw_answer(m_location, call, a);
    }
    xml::ListPage page;
    try {
      page = xml::parse_list_page(a.body);
    } catch (const std::exception& e) {
      throw S3Error(shown(m_location, where(m_location, call) + ": " + e.what()), a.status,
                    "BadAnswer");
    }
    out.insert(out.end(), std::make_move_iterator(page.objects.begin()),
               std::make_move_iterator(page.objects.end()));
    if (!page.truncated) {
      break;
    }
    if (page.next_token.empty() || !seen_tokens.insert(page.next_token).second) {
      throw S3Error(where(m_location, call) +
                        ": a truncated listing without a new NextContinuationToken",
                    a.status, "BadAnswer");
    }
    token = page.next_token;
  }
  std::sort(out.begin(), out.end(),
            [](const ObjectInfo& x, const ObjectInfo& y) { return x.key < y.key; });
  return out;
}

std::optional<ObjectInfo> S3Client::head(const std::string& key) const {
  Call call;
  call.op = "HEAD";
  call.method = "HEAD";
  call.key = key;
  const Answer a = perform(m_location, call);
  if (a.status == 404) {
    return std::nullopt;
  }
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  if (!a.content_length) {
    throw S3Error(where(m_location, call) + ": no Content-Length in the answer", a.status,
                  "BadAnswer");
  }
  return ObjectInfo{key, *a.content_length, a.etag};
}

ObjectInfo S3Client::put(const std::string& key, std::string_view body) const {
  Call call;
  call.op = "PUT";
  call.method = "PUT";
  call.key = key;
  call.body = body;
  call.headers = {{"content-md5", content_md5(body)}, {"content-type", "application/octet-stream"}};
  const Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  return ObjectInfo{key, body.size(), a.etag};
}

std::string S3Client::get(const std::string& key) const {
  Call call;
  call.op = "GET";
  call.key = key;
  Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  return std::move(a.body);
}

std::string S3Client::get_range(const std::string& key, std::uint64_t first_byte,
                                std::uint64_t count) const {
  if (count == 0) {
    return {};
  }
  Call call;
  call.op = "GET";
  call.key = key;
  call.headers = {{"range", "bytes=" + std::to_string(first_byte) + "-" +
                                std::to_string(first_byte + count - 1)}};
  call.expect_body = static_cast<std::size_t>(count);
  Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  // 200 is the whole object (a server ignoring Range): usable only when it is the range.
  if ((a.status != 206 && first_byte != 0) || a.body.size() < count) {
    throw S3Error(where(m_location, call) + ": asked for " + std::to_string(count) +
                      " bytes from " + std::to_string(first_byte) + ", got " +
                      std::to_string(a.body.size()) + " (HTTP " + std::to_string(a.status) + ")",
                  a.status, "BadAnswer");
  }
  a.body.resize(count);
  return std::move(a.body);
}

void S3Client::get_stream(const std::string& key,
                          const std::function<bool(std::string_view)>& sink) const {
  Call call;
  call.op = "GET";
  call.key = key;
  call.sink = &sink;
  const Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
}

void S3Client::remove(const std::string& key) const {
  Call call;
  call.op = "DELETE";
  call.method = "DELETE";
  call.key = key;
  const Answer a = perform(m_location, call);
  if (!ok(a) && a.status != 404) {
    throw_answer(m_location, call, a);
  }
}

std::size_t S3Client::remove_prefix(const std::string& key_prefix) const {
  if (key_prefix.empty()) {
    throw std::invalid_argument("S3 remove_prefix: refusing an empty prefix (the whole bucket " +
                                m_location.bucket + ")");
  }
  const std::vector<ObjectInfo> objects = list(key_prefix);
  for (const ObjectInfo& o : objects) {
    remove(o.key);
  }
  return objects.size();
}

std::string S3Client::start_multipart(const std::string& key) const {
  Call call;
  call.op = "CREATE-MULTIPART";
  call.method = "POST";
  call.key = key;
  call.query = {{"uploads", ""}};
  call.headers = {{"content-type", "application/octet-stream"}};
  const Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  const std::string id = xml::text(a.body, "UploadId").value_or("");
  if (id.empty()) {
    throw S3Error(where(m_location, call) + ": no UploadId in the answer", a.status, "BadAnswer");
  }
  return id;
}

std::string S3Client::upload_part(const std::string& key, const std::string& upload_id,
                                  int part_number, std::string_view body) const {
  if (part_number < 1 || part_number > 10000) {
    throw std::invalid_argument("S3 upload_part: part number " + std::to_string(part_number) +
                                " is outside 1..10000");
  }
  Call call;
  call.op = "UPLOAD-PART";
  call.method = "PUT";
  call.key = key;
  call.query = {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}};
  call.body = body;
  call.headers = {{"content-md5", content_md5(body)}};
  const Answer a = perform(m_location, call);
  if (!ok(a)) {
    throw_answer(m_location, call, a);
  }
  if (a.etag.empty()) {
    throw S3Error(where(m_location, call) + ": no ETag for part " + std::to_string(part_number),
                  a.status, "BadAnswer");
  }
  return a.etag;
}

ObjectInfo S3Client::complete_multipart(const std::string& key, const std::string& upload_id,
                                        const std::vector<std::string>& part_etags) const {
  std::string body = "<CompleteMultipartUpload>";
  for (std::size_t i = 0; i < part_etags.size(); ++i) {
    body += "<Part><PartNumber>" + std::to_string(i + 1) + "</PartNumber><ETag>&quot;" +
            xml_escape(part_etags[i]) + "&quot;</ETag></Part>";
  }
  body += "</CompleteMultipartUpload>";
  Call call;
  call.op = "COMPLETE-MULTIPART";
  call.method = "POST";
  call.key = key;
  call.query = {{"uploadId", upload_id}};
  call.body = body;
  call.headers = {{"content-type", "application/xml"}};
  const Answer a = perform(m_location, call);
  // S3 may answer 200 and still fail: the body is then an <Error>.
  if (!ok(a) || xml::parse_error(a.body)) {
    throw_answer(m_location, call, a);
  }
  auto stored = head(key);
  if (!stored) {
    throw S3Error(where(m_location, call) + ": the completed object is not there", a.status,
                  "BadAnswer");
  }
  return *stored;
}

void S3Client::abort_multipart(const std::string& key,
                               const std::string& upload_id) const noexcept {
  try {
    Call call;
    call.op = "ABORT-MULTIPART";
    call.method = "DELETE";
    call.key = key;
    call.query = {{"uploadId", upload_id}};
    const Answer a = perform(m_location, call);
    if (!ok(a)) {
      util::log().warn("{}: HTTP {} (the parts may stay until the bucket's lifecycle rules "
                       "remove them)",
                       where(m_location, call), a.status);
    }
  } catch (const std::exception& e) {
    try {
      util::log().warn("{}", e.what());
    } catch (...) {
    }
  }
}

std::string S3Client::s3_url(const std::string& key) const {
  return m_location.url(key);
}

} // namespace exl::storage
