#pragma once

#include "commands/history_view.hpp"

#include <nlohmann/json.hpp>

#include <string>

// `exlSchema history -json PATH`: the same as the console, as JSON (docs/history.md).
namespace exl::commands {

constexpr int k_history_json_version = 1;

// Every free text redacted; unknown counts null; times UTC ISO 8601 plus `elapsed_ms`.
nlohmann::json history_to_json(const HistoryView& view);

// Writes history_to_json(`view`) to `path` through a temporary file renamed into place. Throws
// exl::FatalError when it cannot.
void write_history_json(const HistoryView& view, const std::string& path);

} // namespace exl::commands
