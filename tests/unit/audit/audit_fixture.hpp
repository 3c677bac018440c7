#pragma once

#include "fake_side.hpp"

#include "exlschema/audit/auditor.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

// Two fake clusters, the auditor over them, and the request for table db.t on both.
namespace exl::audit::test {

class AuditFixture : public testing::Test {
protected:
  AuditRequest request() const {
    AuditRequest r;
    r.source = {"", "db", "t"};
    r.target = {"", "db", "t"};
    r.model = &m_model;
    r.copy = {"src", "dst", "db.t"};
    return r;
  }

  // `n` partitions p0..p(n-1) on both sides with `rows` rows each, ids 1000+i / 5000+i.
  void same_partitions(int n, std::int64_t rows) {
    for (int i = 0; i < n; ++i) {
      const std::string name = "p" + std::to_string(i);
      source.partitions.push_back(range_partition(name, i, 1000 + i));
      target.partitions.push_back(range_partition(name, i, 5000 + i));
      source.rows[name] = rows;
      target.rows[name] = rows;
    }
  }

  static std::vector<std::string> names(const TableAudit& audit) {
    std::vector<std::string> out;
    for (const PartitionAudit& p : audit.partitions) {
      out.push_back(p.name);
    }
    return out;
  }

  starrocks::TableModel m_model = range_model();
  FakeSide source;
  FakeSide target;
  Auditor auditor{source.reader(), target.reader()};
};

} // namespace exl::audit::test
