#include "exlschema/starrocks/version.hpp"

#include <array>
#include <charconv>

namespace exl::starrocks {
namespace {

// Reads "X.Y[.Z]" at the start of `text`; false when it does not start with a number.
bool read_numbers(std::string_view text, Version& version) {
  std::array<int, 3> parts = {0, 0, 0};
  const char* p = text.data();
  const char* end = text.data() + text.size();
  int count = 0;
  while (count < 3 && p < end) {
    auto [next, ec] = std::from_chars(p, end, parts.at(count));
    if (ec != std::errc()) {
      break;
    }
    ++count;
    p = next;
    if (p < end && *p == '.') {
      ++p;
    } else {
      break;
    }
  }
  if (count < 2) {
    return false;
  }
  version.major = parts[0];
  version.minor = parts[1];
  version.patch = parts[2];
  version.known = true;
  return true;
}

} // namespace

bool Version::at_least(int want_major, int want_minor, int want_patch) const {
  return known && *this >= Version{want_major, want_minor, want_patch, true, {}};
}

Version parse_version(std::string_view text) {
  Version version;
  version.text = std::string(text);
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  constexpr std::string_view k_comment = "StarRocks version ";
  if (text.substr(0, k_comment.size()) == k_comment) {
    text.remove_prefix(k_comment.size());
  }
  constexpr std::string_view k_branch = "BRANCH-";
  if (text.substr(0, k_branch.size()) == k_branch) {
    text.remove_prefix(k_branch.size());
  }
  if (text.substr(0, 5) == "MAIN-" || text.substr(0, 5) == "main-") {
    // A build of the main branch is newer than every release exlSchema knows.
    version.major = 99;
    version.known = true;
    return version;
  }
  read_numbers(text, version);
  return version;
}

const std::vector<FeatureInfo>& feature_table() {
  // Sources: reference/starrocks-surface.md sections named per row.
  static const std::vector<FeatureInfo> k_table = {
      {Feature::InsertOverwrite, "INSERT OVERWRITE", 2, 4, 0, true, "§4 INSERT.md"},
      {Feature::SubmitTask, "SUBMIT TASK", 2, 5, 0, true, "§5 SUBMIT_TASK.md"},
      {Feature::DropTask, "DROP TASK", 2, 5, 7, true, "§5 DROP_TASK.md"},
      {Feature::AutomaticBuckets, "automatic buckets", 2, 5, 7, true, "§1 SHOW_CREATE_TABLE.md"},
      {Feature::JdbcCatalog, "JDBC catalog", 3, 0, 0, true, "§6 jdbc_catalog.md"},
      {Feature::SubmitTaskInsert, "SUBMIT TASK AS INSERT", 3, 0, 0, true, "§5 SUBMIT_TASK.md"},
      {Feature::ShowCreateCatalog, "SHOW CREATE CATALOG", 3, 0, 0, true, "§6"},
      {Feature::ExpressionPartitioning, "expression partitioning", 3, 0, 0, true,
       "§1 expression_partitioning.md"},
      {Feature::ColumnExpressionPartition, "column-expression partitioning", 3, 1, 0, true,
       "§1 expression_partitioning.md"},
      {Feature::AutoIncrement, "AUTO_INCREMENT", 3, 0, 0, true, "§14; docs auto_increment.md"},
      {Feature::Varbinary, "VARBINARY", 3, 0, 0, true, "§14; docs data-types/VARBINARY.md"},
      {Feature::RandomDistribution, "DISTRIBUTED BY RANDOM", 3, 1, 0, true,
       "§14; docs feature-support-data-distribution.md"},
      {Feature::AddListPartition, "ADD PARTITION .. VALUES IN", 3, 1, 0, true,
       "§14; docs list_partitioning.md"},
      {Feature::InsertHintAnywhere, "/*+set_var*/ anywhere in INSERT", 3, 2, 3, true,
       "§14 (also 3.1.7+, see k_backports)"},
      {Feature::SubmitTaskProperties, "SUBMIT TASK PROPERTIES", 3, 2, 3, true, "§14"},
      {Feature::DropCatalogIfExists, "DROP CATALOG IF EXISTS", 3, 3, 0, true, "§14"},
      {Feature::CreateCatalogIfNotExists, "CREATE EXTERNAL CATALOG IF NOT EXISTS", 3, 3, 0, true,
       "§14"},
      {Feature::InformationSchemaLoads, "information_schema.loads", 3, 1, 0, true, "§4"},
      {Feature::InsertIntoFiles, "INSERT INTO FILES", 3, 2, 0, true, "§4"},
      {Feature::PartitionsMeta, "information_schema.partitions_meta", 3, 3, 0, false,
       "§2 (observed on 3.3.0; first version unconfirmed)"},
      {Feature::SubmitTaskSchedule, "SUBMIT TASK SCHEDULE", 3, 3, 0, true, "§5"},
      {Feature::InsertTimeout, "insert_timeout", 3, 4, 0, true, "§4 System_variable.md"},
      {Feature::DynamicOverwrite, "dynamic_overwrite", 3, 4, 0, true, "§4 InsertInto.md"},
      {Feature::InsertProperties, "INSERT PROPERTIES", 3, 4, 0, true, "§4 InsertInto.md"},
      {Feature::BatchDropPartitions, "DROP PARTITIONS", 3, 4, 0, true, "§3 ALTER_TABLE.md"},
      {Feature::ShowCatalogsLike, "SHOW CATALOGS LIKE", 3, 5, 0, true, "§14"},
      // The next five: StarRocks docs table_design/list_partitioning.md ("Since v3.1, StarRocks
      // supports list partitioning") and sql-statements/table_bucket_part_index/CREATE_TABLE.md
      // (generated columns "Since v3.1"; ORDER BY "Since v3.0, Primary Key tables ... Since v3.3,
      // Duplicate Key tables, Aggregate tables, and Unique Key tables"; storage_volume
      // "supported from v3.1 onwards").
      {Feature::ListPartitioning, "list partitioning", 3, 1, 0, true, "docs list_partitioning.md"},
      {Feature::GeneratedColumns, "generated columns", 3, 1, 0, true, "docs CREATE_TABLE.md"},
      {Feature::PrimaryKeyOrderBy, "ORDER BY on a primary key table", 3, 0, 0, true,
       "docs CREATE_TABLE.md"},
      {Feature::OrderByAnyKey, "ORDER BY on a duplicate, aggregate or unique key table", 3, 3, 0,
       true, "docs CREATE_TABLE.md"},
      {Feature::StorageVolume, "storage_volume property", 3, 1, 0, true, "docs CREATE_TABLE.md"},
      {Feature::XxHash3_64, "xx_hash3_64", 3, 2, 0, true,
       "docs sql-functions/hash-functions/xx_hash3_64.md"},
      {Feature::DropTaskIfExists, "DROP TASK IF EXISTS", 4, 0, 0, true, "§14"},
  };
  return k_table;
}

const FeatureInfo& feature_info(Feature feature) {
  for (const FeatureInfo& info : feature_table()) {
    if (info.feature == feature) {
      return info;
    }
  }
  return feature_table().front(); // unreachable: every Feature has a row (tested)
}

bool supports(const Version& version, Feature feature) {
  const FeatureInfo& info = feature_info(feature);
  if (version.at_least(info.major, info.minor, info.patch)) {
    return true;
  }
  // Release lines that got a feature after its first release, from the patch named (§14).
  struct Backport {
    Feature feature;
    int major;
    int minor;
    int patch;
  };
  static constexpr std::array<Backport, 1> k_backports = {{{Feature::InsertHintAnywhere, 3, 1, 7}}};
  for (const Backport& b : k_backports) {
    if (b.feature == feature && version.major == b.major && version.minor == b.minor &&
        version.at_least(b.major, b.minor, b.patch)) {
      return true;
    }
  }
  return false;
}

} // namespace exl::starrocks
