#pragma once

#include "exlschema/modes/mode.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The JDBC catalog through which v1-v5 read the source (issue #10): `exl_src_<source alias>` on
// the target, pointing at the source FE's query port. It is not a temporary object: it is kept
// for the next run (and `clean -catalogs` drops it), because creating it makes the target's FE
// download the driver jar.
namespace exl::modes {

struct RunContext;

// `exl_src_`: every catalog v1-v5 create starts with it (`clean -catalogs` lists them).
std::string source_catalog_prefix();

// `exl_src_<alias>`, the alias with every character StarRocks does not take in a catalog name
// replaced by `_` (cut to a valid length).
std::string source_catalog_name(std::string_view source_alias);

struct SourceCatalog {
  std::string name;
  std::optional<Statement> create; // absent: a catalog pointing at the source exists already
  std::vector<std::string> notes;
};

// Reads only (SHOW CATALOGS, SHOW CREATE CATALOG on the target). Throws exl::FatalError when the
// target has no JDBC catalogs (before 3.0) or a catalog of that name points elsewhere, and
// exl::UsageError (exit 2, nothing written) when it is missing and `-a` was not given.
SourceCatalog plan_source_catalog(RunContext& ctx);

} // namespace exl::modes
