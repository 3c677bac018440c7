#pragma once

#include "exlschema/audit/table_audit.hpp"
#include "exlschema/modes/mode.hpp"
#include "exlschema/report/run_report.hpp"
#include "exlschema/starrocks/checksum_sql.hpp"
#include "exlschema/starrocks/table_model.hpp"

#include "exlschema/audit/auditor.hpp"

#include <optional>
#include <string>
#include <vector>

// Content verification shared by `verify` and the -checksum audits of v1-v5 (issue #11,
// docs/verify.md): the row hash of a table for the two clusters' releases, the report's words
// and findings for what a checksum audit found, and bisection of the differing partitions.
namespace exl::modes {

struct RunContext;

// The row hash of `model` with the function both releases have (xx_hash3_64 from 3.2, else
// murmur_hash3_32). Throws FatalError naming the column when a type has no canonical text.
starrocks::RowHash row_hash_for(const RunContext& ctx, const starrocks::TableModel& model);

// audit_request (partition_loads.hpp) with the content checksum when -checksum is given: `hash`
// receives the row hash the request points to, so it must outlive the request. Throws as
// row_hash_for does.
audit::AuditRequest content_request(RunContext& ctx, const TableJob& job,
                                    const starrocks::TableModel& model, bool count_source,
                                    const std::string& where,
                                    std::optional<starrocks::RowHash>& hash);

// "equal" when every partition is; "count differs" when some partition's rows differ (or it is
// missing on one side); otherwise "content differs".
std::string content_outcome(const audit::TableAudit& audit);

// One finding per partition that is neither equal nor empty on both sides; nothing bisected.
std::vector<report::PartitionFinding> findings_of(const audit::TableAudit& audit);

// Bisects each finding of a partition on both sides (count or content differs) down to its
// differing keys, within -bisect-rows and -bisect-depth; the others are left as they are. A
// table without usable key columns gets a note instead. Reads only.
void bisect_findings(RunContext& ctx, const TableJob& job, const starrocks::TableModel& model,
                     const starrocks::RowHash& hash, const audit::TableAudit& audit,
                     std::vector<report::PartitionFinding>& findings);

// One line per finding for the report's notes, e.g. "p20240101: content differs (120 = 120
// rows); 1 key: `id`=5 (content differs)", listing at most `max_keys` keys per partition.
std::vector<std::string> finding_notes(const std::vector<report::PartitionFinding>& findings,
                                       std::size_t max_keys = 5);

} // namespace exl::modes
