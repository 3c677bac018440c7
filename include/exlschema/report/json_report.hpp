#pragma once

#include "exlschema/report/run_report.hpp"

#include <nlohmann/json.hpp>

#include <string>

// `-json PATH`: the run report as JSON (schema in docs/cli.md). `schema_version` changes only
// when a field is removed or changes meaning; new fields may appear at any version.
namespace exl::report {

// The report as a JSON document; every free text (errors, names) redacted; unknown counts are
// null; times are UTC ISO 8601 plus `elapsed_ms`.
nlohmann::json report_to_json(const RunReport& report);

// Writes report_to_json(`report`) to `path` (pretty-printed, via a temporary file renamed into
// place, so a reader never sees half a report). Throws exl::FatalError when it cannot.
void write_json_report(const RunReport& report, const std::string& path);

} // namespace exl::report
