#include "server/http_json.hpp"

#include <nlohmann/json.hpp>

namespace srsim::server {

using Json = nlohmann::ordered_json;

std::string rest_failed(const std::string& msg) {
  // RestBaseResult(String msg): status FAILED, code = ActionStatus.FAILED.ordinal() = "1".
  Json j;
  j["status"] = "FAILED";
  j["code"] = "1";
  j["msg"] = msg;
  j["message"] = msg;
  return j.dump();
}

std::string txn_result(const std::string& status, const std::string& msg,
                       const std::map<std::string, std::string>& extra) {
  // TransactionResult.toJson: a HashMap (order not significant) with Status and Message added.
  Json j;
  for (const auto& [k, v] : extra) {
    if (k == "TxnId") {
      j[k] = std::stoll(v);
    } else {
      j[k] = v;
    }
  }
  j["Status"] = status;
  j["Message"] = msg;
  return j.dump(2);
}

std::string stream_load_json(const LoadResult& r, const std::string& label, std::int64_t load_ms,
                             std::int64_t read_ms, const std::string& error_url) {
  Json j;
  j["TxnId"] = r.txn_id;
  j["Label"] = label;
  if (r.code == "OK") {
    j["Status"] = "Success";
  } else if (r.code == "PUBLISH_TIMEOUT") {
    j["Status"] = "Publish Timeout";
  } else if (r.code == "LABEL_ALREADY_EXISTS") {
    j["Status"] = "Label Already Exists";
    j["ExistingJobStatus"] = r.existing_job_status;
  } else {
    j["Status"] = "Fail";
  }
  j["Message"] = r.code == "OK" ? "OK" : r.message;
  j["NumberTotalRows"] = r.total_rows;
  j["NumberLoadedRows"] = r.loaded_rows;
  j["NumberFilteredRows"] = r.filtered_rows;
  j["NumberUnselectedRows"] = r.unselected_rows;
  j["LoadBytes"] = r.load_bytes;
  j["LoadTimeMs"] = load_ms;
  j["BeginTxnTimeMs"] = r.begin_ms;
  j["StreamLoadPlanTimeMs"] = r.plan_ms;
  j["ReadDataTimeMs"] = read_ms;
  j["WriteDataTimeMs"] = r.write_ms;
  j["CommitAndPublishTimeMs"] = r.commit_ms;
  if (!error_url.empty()) {
    j["ErrorURL"] = error_url;
  }
  return j.dump(4);
}

std::string txn_resp_json(const std::string& op, const LoadResult& r, const std::string& label,
                          std::int64_t load_ms, std::int64_t read_ms,
                          const std::string& error_url) {
  Json j;
  j["Status"] = r.code;
  if (r.code == "LABEL_ALREADY_EXISTS") {
    j["ExistingJobStatus"] = r.existing_job_status;
  } else if (r.code == "TXN_IN_PROCESSING") {
    j["Label"] = label;
  }
  j["Message"] = r.message;
  if (r.ok()) {
    j["Label"] = label;
    if (op == "begin") {
      j["TxnId"] = r.txn_id;
      j["BeginTxnTimeMs"] = r.begin_ms;
    } else if (op == "commit" || op == "prepare") {
      j["TxnId"] = r.txn_id;
      j["NumberTotalRows"] = r.total_rows;
      j["NumberLoadedRows"] = r.loaded_rows;
      j["NumberFilteredRows"] = r.filtered_rows;
      j["NumberUnselectedRows"] = r.unselected_rows;
      j["LoadBytes"] = r.load_bytes;
      j["LoadTimeMs"] = load_ms;
      j["StreamLoadPlanTimeMs"] = r.plan_ms;
      j["ReceivedDataTimeMs"] = read_ms;
      j["WriteDataTimeMs"] = r.write_ms;
      j["CommitAndPublishTimeMs"] = r.commit_ms;
    } else if (op == "load") {
      j["TxnId"] = r.txn_id;
      j["LoadBytes"] = r.load_bytes;
      j["StreamLoadPlanTimeMs"] = r.plan_ms;
      j["ReceivedDataTimeMs"] = read_ms;
    }
  }
  if (!error_url.empty()) {
    j["ErrorURL"] = error_url;
  }
  return j.dump(4);
}

std::string load_info_json(const std::string& db, const LoadResult& job, const std::string& label) {
  // Load.JobInfo: dbName, tblNames, label, state, failMsg, trackingUrl (Gson writes the
  // subclass's field first, then RestBaseResult's).
  Json info;
  info["dbName"] = db;
  info["tblNames"] = Json::array({job.table});
  info["label"] = label;
  info["state"] = job.state;
  std::string fail = job.message;
  if (auto at = fail.find("msg:"); at != std::string::npos) {
    fail = fail.substr(at + 4); // FailMsg.getMsg() of "type:..; msg:.."
  }
  info["failMsg"] = fail;
  info["trackingUrl"] = "";
  Json j;
  j["jobInfo"] = info;
  j["status"] = "OK";
  j["code"] = "0";
  j["msg"] = "Success";
  j["message"] = "OK";
  return j.dump();
}

} // namespace srsim::server
