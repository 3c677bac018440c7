#include "audit/partition_match.hpp"

#include "exlschema/audit/auditor.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace exl::audit {
namespace {

using starrocks::PartitionBounds;
using starrocks::PartitionInfo;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

// "RANGE(dt)", "LIST(city)", "no partitions" - as a reader of the refusal needs it.
std::string layout(const PartitionInfo& partition) {
  switch (partition.bounds.kind) {
  case PartitionBounds::Kind::Range:
    return "RANGE(" + joined(partition.key_columns) + ")";
  case PartitionBounds::Kind::List:
    return "LIST(" + joined(partition.key_columns) + ")";
  case PartitionBounds::Kind::None:
    break;
  }
  return "nothing (unpartitioned)";
}

bool same_columns(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(
      a.begin(), a.end(), b.begin(), b.end(),
      [](const std::string& x, const std::string& y) { return name_key(x) == name_key(y); });
}

void check_same_layout(const std::vector<PartitionInfo>& source,
                       const std::vector<PartitionInfo>& target) {
  if (source.empty() || target.empty()) {
    return;
  }
  const PartitionInfo& s = source.front();
  for (const PartitionInfo& t : target) {
    if (t.bounds.kind != s.bounds.kind || !same_columns(t.key_columns, s.key_columns)) {
      throw AuditError("the source is partitioned by " + layout(s) + " but the target by " +
                       layout(t) + " (partition " + t.name +
                       "): partitions cannot be compared; recreate the target with the source's "
                       "structure (-recreate)");
    }
  }
}

bool literal_less(const starrocks::Literal& a, const starrocks::Literal& b) {
  return std::tie(a.kind, a.text) < std::tie(b.kind, b.text);
}

bool tuple_less(const starrocks::Tuple& a, const starrocks::Tuple& b) {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), literal_less);
}

// List values in any order: VALUES IN is a set.
bool same_bounds(PartitionBounds a, PartitionBounds b) {
  std::sort(a.values.begin(), a.values.end(), tuple_less);
  std::sort(b.values.begin(), b.values.end(), tuple_less);
  return a == b;
}

std::string tuple_text(const starrocks::Tuple& tuple) {
  std::string out;
  for (const starrocks::Literal& literal : tuple) {
    const std::string text = literal.kind == starrocks::Literal::Kind::MaxValue ? "MAXVALUE"
                             : literal.kind == starrocks::Literal::Kind::Null   ? "NULL"
                                                                                : literal.text;
    out += (out.empty() ? "" : ", ") + text;
  }
  return "(" + out + ")";
}

// [(lower), (upper)) or IN ((v1), (v2)): enough to see how two partitions differ.
std::string bounds_text(const PartitionBounds& bounds) {
  if (bounds.kind == PartitionBounds::Kind::Range) {
    return "[" + tuple_text(bounds.lower) + ", " + tuple_text(bounds.upper) + ")";
  }
  std::string values;
  for (const starrocks::Tuple& tuple : bounds.values) {
    values += (values.empty() ? "" : ", ") + tuple_text(tuple);
  }
  return "IN (" + values + ")";
}

bool unpartitioned(const std::vector<PartitionInfo>& side) {
  return side.size() == 1 && side.front().bounds.kind == PartitionBounds::Kind::None;
}

} // namespace

std::string name_key(std::string_view name) {
  std::string key(name);
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return key;
}

std::vector<MatchedPartition> match_partitions(const std::vector<PartitionInfo>& source,
                                               const std::vector<PartitionInfo>& target) {
  check_same_layout(source, target);
  if (unpartitioned(source) && unpartitioned(target)) {
    return {MatchedPartition{source.front().name, &source.front(), &target.front()}};
  }
  std::unordered_map<std::string, const PartitionInfo*> on_target;
  for (const PartitionInfo& partition : target) {
    on_target.emplace(name_key(partition.name), &partition);
  }
  std::vector<MatchedPartition> matched;
  std::unordered_set<const PartitionInfo*> paired;
  for (const PartitionInfo& partition : source) {
    const auto found = on_target.find(name_key(partition.name));
    const PartitionInfo* twin = found == on_target.end() ? nullptr : found->second;
    if (twin != nullptr && !same_bounds(partition.bounds, twin->bounds)) {
      throw AuditError("partition " + partition.name + " holds " + bounds_text(partition.bounds) +
                       " on the source but " + bounds_text(twin->bounds) +
                       " on the target; exlSchema matches "
                       "partitions by name and will not guess which rows it should hold: drop "
                       "or rename the target's partition (or recreate the table with -recreate)");
    }
    paired.insert(twin);
    matched.push_back({partition.name, &partition, twin});
  }
  for (const PartitionInfo& partition : target) {
    if (!paired.contains(&partition)) {
      matched.push_back({partition.name, nullptr, &partition});
    }
  }
  return matched;
}

std::vector<MatchedPartition> select_partitions(const std::vector<MatchedPartition>& all,
                                                const std::vector<std::string>& names) {
  if (names.empty()) {
    return all;
  }
  std::unordered_set<std::string> wanted;
  for (const std::string& name : names) {
    wanted.insert(name_key(name));
  }
  std::vector<MatchedPartition> selected;
  for (const MatchedPartition& partition : all) {
    if (wanted.erase(name_key(partition.name)) > 0) {
      selected.push_back(partition);
    }
  }
  for (const std::string& name : names) {
    if (wanted.contains(name_key(name))) {
      throw AuditError("partition " + name + " (-p) is on neither the source nor the target");
    }
  }
  return selected;
}

} // namespace exl::audit
