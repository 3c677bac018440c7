#include "exlschema/starrocks/version_gates.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <functional>
#include <vector>

namespace exl::starrocks {
namespace {

struct Need {
  Feature feature;
  std::string where; // the column or clause that needs it, for the message
};

bool has_type(const ColumnType& type, std::string_view base) {
  if (type.base == base) {
    return true;
  }
  for (const ColumnType& child : type.children) {
    if (has_type(child, base)) {
      return true;
    }
  }
  return false;
}

void column_needs(const TableModel& table, std::vector<Need>& needs) {
  for (const Column& column : table.columns) {
    const std::string where = "column " + quote_identifier(column.name);
    if (column.auto_increment) {
      needs.push_back({Feature::AutoIncrement, where});
    }
    if (!column.generated.empty()) {
      needs.push_back({Feature::GeneratedColumns, where});
    }
    if (has_type(column.type, "varbinary")) {
      needs.push_back({Feature::Varbinary, where});
    }
  }
}

void layout_needs(const TableModel& table, std::vector<Need>& needs) {
  switch (table.partitioning.kind) {
  case Partitioning::Kind::Expression:
    needs.push_back(
        {Feature::ExpressionPartitioning, "PARTITION BY " + table.partitioning.expression});
    break;
  case Partitioning::Kind::ColumnList:
    needs.push_back({Feature::ColumnExpressionPartition, "PARTITION BY column list"});
    break;
  case Partitioning::Kind::List:
    needs.push_back({Feature::ListPartitioning, "PARTITION BY LIST"});
    break;
  default:
    break;
  }
  const Distribution& distribution = table.distribution;
  if (distribution.kind == Distribution::Kind::Random) {
    needs.push_back({Feature::RandomDistribution, "DISTRIBUTED BY RANDOM"});
  }
  if (distribution.kind != Distribution::Kind::None && !distribution.buckets) {
    needs.push_back({Feature::AutomaticBuckets, "DISTRIBUTED BY without BUCKETS"});
  }
  if (!table.order_by.empty()) {
    needs.push_back(
        {table.key_type == KeyType::Primary ? Feature::PrimaryKeyOrderBy : Feature::OrderByAnyKey,
         "ORDER BY"});
  }
  if (find_property(table.properties, "storage_volume") != nullptr) {
    needs.push_back({Feature::StorageVolume, "PROPERTIES"});
  }
}

std::string release(const FeatureInfo& info) {
  std::string text = std::to_string(info.major) + "." + std::to_string(info.minor);
  return info.patch != 0 ? text + "." + std::to_string(info.patch) : text;
}

} // namespace

std::optional<std::string> unsupported_on(const TableModel& table, const Version& target) {
  if (!target.known) {
    return std::nullopt;
  }
  std::vector<Need> needs;
  column_needs(table, needs);
  layout_needs(table, needs);
  for (const Need& need : needs) {
    if (!supports(target, need.feature)) {
      const FeatureInfo& info = feature_info(need.feature);
      return need.where + ": the target runs " + std::to_string(target.major) + "." +
             std::to_string(target.minor) + "." + std::to_string(target.patch) + ", which has no " +
             std::string(info.name) + " (from " + release(info) + ")";
    }
  }
  return std::nullopt;
}

} // namespace exl::starrocks
