#pragma once

#include "exlschema/audit/auditor.hpp"
#include "exlschema/starrocks/ddl_parser.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

// A cluster as the auditor sees it through a SideReader: SHOW PARTITIONS rows from a list of
// partitions, and answers to the count statement from row counts per partition name. It does
// not evaluate SQL (the predicates are checked against srsim in the integration tests); it reads
// which partitions a statement counts from its `THEN "name"` arms and answers like GROUP BY: a
// row per partition holding rows, plus NULL for rows outside every partition. Every statement is
// recorded.
namespace exl::audit::test {

struct FakePartition {
  std::string name;
  std::int64_t id = 0;
  std::int64_t version = 1;
  std::string key = "k";      // PartitionKey; empty for the unpartitioned table's partition
  std::string cell;           // the Range / List cell
  std::int64_t row_count = 0; // SHOW PARTITIONS' RowCount (statistics, never the truth)
};

// [lower, upper) on the INT column k.
inline std::string int_range(std::int64_t lower, std::int64_t upper) {
  return "[types: [INT]; keys: [" + std::to_string(lower) + "]; ..types: [INT]; keys: [" +
         std::to_string(upper) + "]; )";
}

// Partition `name` holding k in [10 * i, 10 * i + 10).
inline FakePartition range_partition(const std::string& name, int i, std::int64_t id,
                                     std::int64_t version = 2) {
  return {name, id, version, "k", int_range(10LL * i, 10LL * i + 10), 0};
}

class FakeSide {
public:
  std::vector<FakePartition> partitions;
  std::map<std::string, std::int64_t> rows; // rows per partition name (or per source predicate)
  std::int64_t outside = 0;                 // rows matching no counted partition (NULL group)
  // Content sums per partition name, answered when a statement asks for exl_sum1 (a checksum
  // audit); a partition without an entry sums to "1000" per row.
  std::map<std::string, std::string> sums;

  db::ResultSet answer(const std::string& sql) {
    const std::lock_guard lock(m_mutex);
    m_sent.push_back(sql);
    if (sql.rfind("SHOW PARTITIONS", 0) == 0) {
      return show_partitions();
    }
    return count(sql);
  }

  SideReader reader() {
    return [this](const std::string& sql) { return answer(sql); };
  }

  std::vector<std::string> sent() const {
    const std::lock_guard lock(m_mutex);
    return m_sent;
  }
  std::vector<std::string> count_statements() const {
    std::vector<std::string> counts;
    for (const std::string& sql : sent()) {
      if (sql.rfind("SELECT", 0) == 0) {
        counts.push_back(sql);
      }
    }
    return counts;
  }
  void clear_log() {
    const std::lock_guard lock(m_mutex);
    m_sent.clear();
  }

  FakePartition& partition(const std::string& name) {
    for (FakePartition& p : partitions) {
      if (p.name == name) {
        return p;
      }
    }
    throw std::out_of_range("no fake partition " + name);
  }

  // The partition names a count statement counts, in its order.
  static std::vector<std::string> counted_names(const std::string& sql) {
    std::vector<std::string> names;
    const std::string single = "SELECT \"";
    if (sql.rfind(single, 0) == 0) {
      names.push_back(sql.substr(single.size(), sql.find('"', single.size()) - single.size()));
      return names;
    }
    const std::string arm = " THEN \"";
    for (std::size_t at = sql.find(arm); at != std::string::npos; at = sql.find(arm, at + 1)) {
      const std::size_t begin = at + arm.size();
      names.push_back(sql.substr(begin, sql.find('"', begin) - begin));
    }
    return names;
  }

private:
  db::ResultSet show_partitions() const {
    db::ResultSet rs;
    rs.columns = {"PartitionId",
                  "PartitionName",
                  "VisibleVersion",
                  "VisibleVersionTime",
                  "VisibleVersionHash",
                  "State",
                  "PartitionKey",
                  "Range",
                  "DistributionKey",
                  "Buckets",
                  "ReplicationNum",
                  "StorageMedium",
                  "CooldownTime",
                  "LastConsistencyCheckTime",
                  "DataSize",
                  "IsInMemory",
                  "RowCount"};
    for (const FakePartition& p : partitions) {
      rs.rows.push_back({std::to_string(p.id), p.name, std::to_string(p.version),
                         "2024-01-02 10:00:00", "0", "NORMAL", p.key, p.cell, "k", "4", "1", "HDD",
                         "9999-12-31 23:59:59", "NULL", "1.000 KB", "false",
                         std::to_string(p.row_count)});
    }
    return rs;
  }

  db::ResultSet count(const std::string& sql) const {
    db::ResultSet rs;
    rs.columns = {"exl_partition", "exl_rows"};
    const bool summed = sql.find(" AS exl_sum1") != std::string::npos;
    if (summed) {
      rs.columns.push_back("exl_sum1");
    }
    for (const std::string& name : counted_names(sql)) {
      const auto found = rows.find(name);
      if (found != rows.end() && found->second > 0) {
        rs.rows.push_back({name, std::to_string(found->second)});
        if (summed) {
          const auto sum = sums.find(name);
          rs.rows.back().push_back(sum != sums.end() ? sum->second
                                                     : std::to_string(1000 * found->second));
        }
      }
    }
    if (outside > 0) {
      rs.rows.push_back({std::nullopt, std::to_string(outside)});
      if (summed) {
        rs.rows.back().push_back(std::to_string(1000 * outside));
      }
    }
    return rs;
  }

  mutable std::mutex m_mutex;
  std::vector<std::string> m_sent;
};

// The source's table model: `CREATE TABLE t (k INT, v INT) ... PARTITION BY RANGE(k)` with
// `partitions` (only the partitioning matters to the auditor).
inline starrocks::TableModel range_model() {
  const std::string ddl = "CREATE TABLE `t` (\n  `k` int(11) NULL COMMENT \"\",\n  `v` int(11) "
                          "NULL COMMENT \"\"\n) ENGINE=OLAP \nDUPLICATE KEY(`k`)\nPARTITION BY "
                          "RANGE(`k`)\n(PARTITION p0 VALUES [(\"0\"), (\"10\")))\nDISTRIBUTED BY "
                          "HASH(`k`) BUCKETS 4 \nPROPERTIES (\n\"replication_num\" = \"1\"\n);";
  auto parsed = starrocks::parse_create_table(ddl);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message());
  return std::move(parsed).value();
}

} // namespace exl::audit::test
