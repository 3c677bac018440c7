#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// StarRocks version knowledge in one place: which statement forms exist from which release.
// Every entry cites reference/starrocks-surface.md; entries the reference marks unconfirmed say so.
// The syntax entries (marked "§14") come from the grammar files of the release branches: a form
// below its release is a syntax error there, so every builder that emits one picks its form by
// the target's version through supports().
namespace exl::starrocks {

struct Version {
  int major = 0;
  int minor = 0;
  int patch = 0;
  bool known = false; // false when the text could not be read; supports() then answers false
  std::string text;   // what the server said

  bool at_least(int want_major, int want_minor, int want_patch = 0) const;
  std::strong_ordering operator<=>(const Version& other) const {
    if (auto c = major <=> other.major; c != 0) {
      return c;
    }
    if (auto c = minor <=> other.minor; c != 0) {
      return c;
    }
    return patch <=> other.patch;
  }
  bool operator==(const Version& other) const { return (*this <=> other) == 0; }
};

// Reads `SELECT current_version()` (`3.3.5 abcdef`, `2.1.2 0782ad7`), dev builds
// (`BRANCH-2.4-RELEASE e0cedb2` -> 2.4.0, `MAIN-RELEASE-d094052` -> newest), `3.3.5-abcdef`
// (SHOW BACKENDS) and `@@version_comment` (`StarRocks version 2.1.2`).
Version parse_version(std::string_view text);

enum class Feature {
  InsertOverwrite,           // v2.4
  SubmitTask,                // v2.5 (background tasks)
  DropTask,                  // v2.5.7
  AutomaticBuckets,          // v2.5.7 (BUCKETS omitted)
  JdbcCatalog,               // v3.0
  SubmitTaskInsert,          // v3.0 (INSERT / CTAS as task body)
  ShowCreateCatalog,         // v3.0
  ExpressionPartitioning,    // v3.0 (date_trunc / time_slice)
  ColumnExpressionPartition, // v3.1 (PARTITION BY a, b)
  AutoIncrement,             // v3.0 (AUTO_INCREMENT column attribute)
  Varbinary,                 // v3.0 (VARBINARY column type)
  RandomDistribution,        // v3.1 (DISTRIBUTED BY RANDOM)
  AddListPartition,          // v3.1 (ALTER TABLE .. ADD PARTITION .. VALUES IN)
  InsertHintAnywhere,        // v3.2.3, backported to v3.1.7 (/*+set_var*/ after INSERT OVERWRITE)
  SubmitTaskProperties,      // v3.2.3 (SUBMIT TASK n PROPERTIES (..) AS ..)
  DropCatalogIfExists,       // v3.3.0
  CreateCatalogIfNotExists,  // v3.3.0
  InformationSchemaLoads,    // v3.1
  InsertIntoFiles,           // v3.2
  PartitionsMeta,            // v3.3 (first version unconfirmed; observed on 3.3.0)
  SubmitTaskSchedule,        // v3.3
  InsertTimeout,             // v3.4 (insert_timeout variable, session.insert_timeout)
  DynamicOverwrite,          // v3.4
  InsertProperties,          // v3.4 (INSERT ... PROPERTIES ("timeout" = ..))
  BatchDropPartitions,       // v3.4
  ShowCatalogsLike,          // v3.5 (SHOW CATALOGS LIKE 'p')
  ListPartitioning,          // v3.1 (PARTITION BY LIST)
  GeneratedColumns,          // v3.1 (col TYPE AS expr)
  PrimaryKeyOrderBy,         // v3.0 (ORDER BY on a primary key table)
  OrderByAnyKey,             // v3.3 (ORDER BY on duplicate, aggregate and unique key tables)
  StorageVolume,             // v3.1 ("storage_volume" table property, shared-data)
  XxHash3_64,                // v3.2 (xx_hash3_64 hash function)
  DropTaskIfExists,          // v4.0 (DROP TASK IF EXISTS n); keep last (tests count the rows)
};

struct FeatureInfo {
  Feature feature;
  std::string_view name;
  int major;
  int minor;
  int patch;
  bool confirmed; // false where the reference marks the version unconfirmed
  std::string_view source;
};

const std::vector<FeatureInfo>& feature_table();
const FeatureInfo& feature_info(Feature feature);
// True when `version` has `feature`: from the feature's release on, and on an older release line
// that got it by backport (InsertHintAnywhere: 3.1.7+) from the backport's patch on.
bool supports(const Version& version, Feature feature);

} // namespace exl::starrocks
