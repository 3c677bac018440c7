#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

// Small text formats shared by the console table and the progress line.
namespace exl::report {

// `850ms`, `12.3s`, `4m05s`, `2h03m`.
std::string format_duration(std::chrono::milliseconds elapsed);

// `1,234,567`; `-` for nullopt (not known, e.g. a table that failed before its audit).
std::string format_count(std::optional<std::int64_t> count);

// UTC ISO 8601 with seconds: `2026-11-21T12:00:00Z`.
// Bytes in binary units with one decimal: `512 B`, `1.5 KB`, `2.0 GB`.
std::string format_bytes(std::uint64_t bytes);

std::string format_utc(std::chrono::system_clock::time_point time);

} // namespace exl::report
