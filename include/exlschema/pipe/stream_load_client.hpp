#pragma once

#include "exlschema/pipe/byte_pipe.hpp"
#include "exlschema/starrocks/stream_load_request.hpp"

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>

// One Stream Load over HTTP (libcurl), its body streamed from a BytePipe (reference §9):
// `PUT <fe>/api/{db}/{table}/_stream_load` with Basic auth and `Expect: 100-continue`; the FE
// answers 307 before reading the body, and the request is sent again, credentials included, to
// that one Location (a BE) — never to any further redirect, so the password goes only to the
// cluster's own nodes. The body is sent chunked: a body cut short (the source failed, the run was
// interrupted) never ends with its last chunk, so the BE cannot commit it.
namespace exl::pipe {

struct LoadEndpoint {
  std::string host;
  int port = 8030; // the FE's http_port
  std::string user;
  std::string password;
};

// The BE's JSON answer (stream_load_context.cpp to_json), or the FE's error.
struct StreamLoadAnswer {
  long http_status = 0;
  std::string status; // Success, Publish Timeout, Label Already Exists, Fail (FE errors: Fail)
  std::string message;
  std::string existing_job_status; // RUNNING / FINISHED with Label Already Exists
  std::string error_url;
  long long txn_id = 0;
  long long total_rows = 0;
  long long loaded_rows = 0;
  long long filtered_rows = 0;
  long long unselected_rows = 0;
  long long load_bytes = 0;
  std::string body; // as received, for the log
  // Success, or Publish Timeout (committed; visible later: never sent again).
  bool committed() const { return status == "Success" || status == "Publish Timeout"; }
};

// The request's answer did not come back (reset, timeout, or the FE could not be reached at all):
// the load may have committed. Resolved through its label, never simply sent again.
class LoadTransportError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Reads a response body: StarRocks's BE keys, or an FE error (`{"status":"FAILED","msg":..}`).
StreamLoadAnswer parse_stream_load_answer(long http_status, const std::string& body);

// Sends `request` with `body`. `timeout`: the whole exchange (the load's own timeout plus a
// margin). Throws LoadTransportError when no answer came back (from the FE or the BE),
// std::runtime_error when the FE read the body itself (nothing was loaded), and returns the
// answer otherwise. When `body` failed (the writer's error), the transfer is aborted and
// std::runtime_error with that error is thrown: the BE never received a complete body.
// `cancelled` (may be empty) is polled during the transfer; once true the request is abandoned.
StreamLoadAnswer send_stream_load(const LoadEndpoint& fe,
                                  const starrocks::StreamLoadRequest& request, BytePipe& body,
                                  std::chrono::seconds timeout,
                                  const std::function<bool()>& cancelled = {});

} // namespace exl::pipe
