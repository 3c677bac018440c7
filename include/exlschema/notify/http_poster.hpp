#pragma once

#include <chrono>
#include <string>

// One HTTP POST of a JSON body. An interface so that the Feishu notifier can be tested without a
// network; CurlPoster is the real one.
namespace exl::notify {

struct HttpResponse {
  long status = 0;   // HTTP status; 0 when no response arrived
  std::string body;  // the response body (Feishu answers JSON with "code")
  std::string error; // transport error (timeout, refused, proxy failure); empty on a response
};

class HttpPoster {
public:
  virtual ~HttpPoster() = default;
  // POSTs `json_body` to `url` (through `proxy` when not empty) within `timeout`. Never throws.
  virtual HttpResponse post(const std::string& url, const std::string& json_body,
                            const std::string& proxy, std::chrono::milliseconds timeout) = 0;
};

// libcurl: proxy only through CURLOPT_PROXY (proxy environment variables ignored), no signals
// (safe in threads), TLS verification on.
class CurlPoster final : public HttpPoster {
public:
  HttpResponse post(const std::string& url, const std::string& json_body, const std::string& proxy,
                    std::chrono::milliseconds timeout) override;
};

} // namespace exl::notify
