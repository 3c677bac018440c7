#include "exlschema/pipe/stream_load_client.hpp"

#include "exlschema/util/log.hpp"
#include "exlschema/util/redact.hpp"

#include <curl/curl.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <mutex>

namespace exl::pipe {
namespace {

struct CurlFree {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t read_body(char* out, std::size_t size, std::size_t count, void* user) {
  const long n = static_cast<BytePipe*>(user)->read(out, size * count);
  return n < 0 ? CURL_READFUNC_ABORT : static_cast<std::size_t>(n);
}

// Ends the transfer (non-zero) once `cancelled` says so: a request waiting on a stalled BE must
// not outlive a SIGINT.
int check_cancel(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancelled = static_cast<const std::function<bool()>*>(user);
  return (*cancelled && (*cancelled)()) ? 1 : 0;
}

struct Exchange {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string location;
};

// One PUT of `request` to `url`, the body read from `body`, no redirect followed.
Exchange put(const std::string& url, const LoadEndpoint& login,
             const starrocks::StreamLoadRequest& request, BytePipe& body,
             std::chrono::seconds timeout, const std::function<bool()>& cancelled) {
  init_curl_once();
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  CURL* c = curl.get();
  curl_slist* list = curl_slist_append(nullptr, "Expect: 100-continue");
  list = curl_slist_append(list, "Transfer-Encoding: chunked");
  for (const auto& [name, value] : request.headers) {
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  std::unique_ptr<curl_slist, SlistFree> headers(list);
  Exchange out;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
  curl_easy_setopt(c, CURLOPT_READDATA, &body);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
  curl_easy_setopt(c, CURLOPT_USERNAME, login.user.c_str());
  curl_easy_setopt(c, CURLOPT_PASSWORD, login.password.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count() * 1000));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 30'000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_PROXY, "");
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &cancelled);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
  out.code = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
  char* location = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location != nullptr) {
    out.location = location;
  }
  return out;
}

std::string text_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    return {};
  }
  return it->is_string() ? it->get<std::string>() : it->dump();
}

long long number_of(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end()) {
    return 0;
  }
  if (it->is_number_integer()) {
    return it->get<long long>();
  }
  try {
    return it->is_string() ? std::stoll(it->get<std::string>()) : 0;
  } catch (const std::exception&) {
    return 0;
  }
}

} // namespace

StreamLoadAnswer parse_stream_load_answer(long http_status, const std::string& body) {
  StreamLoadAnswer a;
  a.http_status = http_status;
  a.body = body;
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) {
    a.status = "Fail";
    a.message = "HTTP " + std::to_string(http_status) + ": " + body.substr(0, 300);
    return a;
  }
  if (j.contains("Status")) {
    a.status = text_of(j, "Status");
    a.message = text_of(j, "Message");
    a.existing_job_status = text_of(j, "ExistingJobStatus");
    a.error_url = text_of(j, "ErrorURL");
    a.txn_id = number_of(j, "TxnId");
    a.total_rows = number_of(j, "NumberTotalRows");
    a.loaded_rows = number_of(j, "NumberLoadedRows");
    a.filtered_rows = number_of(j, "NumberFilteredRows");
    a.unselected_rows = number_of(j, "NumberUnselectedRows");
    a.load_bytes = number_of(j, "LoadBytes");
    return a;
  }
  // The FE's RestBaseResult: {"status":"FAILED","code":"1","msg":"...","message":"..."}.
  a.status = "Fail";
  a.message = text_of(j, "msg").empty() ? text_of(j, "message") : text_of(j, "msg");
  return a;
}

StreamLoadAnswer send_stream_load(const LoadEndpoint& fe,
                                  const starrocks::StreamLoadRequest& request, BytePipe& body,
                                  std::chrono::seconds timeout,
                                  const std::function<bool()>& cancelled) {
  const std::string fe_url = "http://" + fe.host + ":" + std::to_string(fe.port) + request.path();
  Exchange first = put(fe_url, fe, request, body, timeout, cancelled);
  if (first.code != CURLE_OK && !body.failure().empty()) {
    throw std::runtime_error(body.failure());
  }
  if (first.code != CURLE_OK) {
    // The FE refused or dropped the request (a restart, a leader change): the label decides
    // whether anything was loaded, then the load goes again.
    throw LoadTransportError("Stream Load " + request.label + " to " + fe_url + ": " +
                             curl_easy_strerror(first.code));
  }
  if (first.status != 307 || first.location.empty()) {
    return parse_stream_load_answer(first.status, first.body); // the FE answered itself
  }
  if (body.bytes_read() > 0) {
    throw std::runtime_error("the FE read part of the body before redirecting (" +
                             std::to_string(body.bytes_read()) + " bytes); nothing was loaded");
  }
  util::log().debug("Stream Load {}: redirected to {}", request.label, first.location);
  Exchange second = put(first.location, fe, request, body, timeout, cancelled);
  if (second.code != CURLE_OK) {
    if (second.code == CURLE_ABORTED_BY_CALLBACK && cancelled && cancelled()) {
      // Abandoned mid-request: the body may have been complete, so the outcome is unknown.
      throw LoadTransportError("Stream Load " + request.label + " abandoned: interrupted");
    }
    if (!body.failure().empty()) {
      throw std::runtime_error(body.failure()); // aborted mid-body: the BE cannot commit it
    }
    throw LoadTransportError("Stream Load " + request.label + " to " + first.location +
                             ": no answer (" + curl_easy_strerror(second.code) + ")");
  }
  return parse_stream_load_answer(second.status, second.body);
}

} // namespace exl::pipe
