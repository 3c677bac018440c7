#pragma once

// The JSON bodies of StarRocks's Stream Load surface (starrocks-surface.md §9), key order as
// StarRocks writes them.

#include <map>
#include <string>

#include "sim_api.hpp"

namespace srsim::server {

// FE RestBaseResult (Gson, compact): {"status":"FAILED","code":"1","msg":m,"message":m}.
std::string rest_failed(const std::string& msg);
// FE TransactionResult (Gson pretty): Status, Message and the extra entries (TxnId, Label, ...).
std::string txn_result(const std::string& status, const std::string& msg,
                       const std::map<std::string, std::string>& extra = {});
// BE StreamLoadContext::to_json of a Stream Load (stream_load_context.cpp).
std::string stream_load_json(const LoadResult& r, const std::string& label, std::int64_t load_ms,
                             std::int64_t read_ms, const std::string& error_url);
// BE StreamLoadContext::to_resp_json of the transaction interface; `op` is begin, load,
// prepare, commit or rollback.
std::string txn_resp_json(const std::string& op, const LoadResult& r, const std::string& label,
                          std::int64_t load_ms, std::int64_t read_ms, const std::string& error_url);
// FE GetLoadInfoAction's Result: jobInfo plus RestBaseResult's OK fields.
std::string load_info_json(const std::string& db, const LoadResult& job, const std::string& label);

} // namespace srsim::server
