#pragma once

#include <string>
#include <string_view>

// The one redaction function: everything that reaches a log, a plan, a report or a notification
// passes through it. It hides
//  - values of `"password"`, `"passwd"`, `"secret"`, `"token"`, `"key"`-like properties
//    (`"password" = "x"`, `"password"="x"`, `password: x`, `password=x`),
//  - `IDENTIFIED BY 'x'` clauses,
//  - credentials inside URLs (`scheme://user:secret@host`), Feishu webhook keys
//    (`/open-apis/bot/v2/hook/<key>`),
//  - every string registered with `register_secret` (passwords loaded from the configuration).
namespace exl::util {

// Adds `secret` (ignored when shorter than 3 characters) to the process-wide list of strings that
// `redact` replaces with `***` wherever they occur. Thread-safe.
void register_secret(std::string_view secret);

// Returns `text` with every secret replaced by `***`, in time linear in its length (hand scanners,
// no regex: any statement, however long its values, is safe to redact).
std::string redact(std::string_view text);

} // namespace exl::util
