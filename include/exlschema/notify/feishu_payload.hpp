#pragma once

#include "exlschema/notify/notifier.hpp"
#include "exlschema/report/run_report.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

// Feishu custom-bot message bodies, as pure functions (unit-tested on their JSON). Every text
// that reaches a message passes through exl::util::redact.
namespace exl::notify {

// {"msg_type":"text","content":{"text":`text`}}
nlohmann::json text_message(const std::string& text);

std::string start_text(const RunStartInfo& info);
std::string progress_text(const ProgressSnapshot& snapshot);

// The final interactive card: header coloured by outcome, total time, per-table lines (status,
// source/target rows, time), per-task times, failures with their reason and recommended mode.
// Long lists are cut (with "... and N more") to stay well inside Feishu's message size limit.
nlohmann::json final_card(const report::RunReport& report);

// Feishu's signature for a signed bot: base64(HMAC-SHA256(key = `timestamp` + "\n" + `secret`,
// message = "")).
std::string feishu_sign(std::int64_t timestamp, const std::string& secret);

// Adds "timestamp" (seconds, as a string) and "sign" to `body`.
void add_signature(nlohmann::json& body, std::int64_t timestamp, const std::string& secret);

// "1h 02m 03s" / "2m 05s" / "4.2s"
std::string format_duration(std::chrono::milliseconds d);

} // namespace exl::notify
