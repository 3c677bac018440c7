#include "partition_copier.hpp"

#include "exlschema/db/sql_error.hpp"

#include <cctype>

namespace scs_standin {
namespace {

constexpr std::size_t k_batch_bytes = 1 << 20; // VALUES text per INSERT

// Types whose values are bytes rather than text (srsim keeps them as BLOBs): sent as hex
// literals so that any byte survives.
bool is_binary_type(std::string type) {
  for (char& c : type) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const char* t : {"varbinary", "binary", "bitmap", "hll", "percentile"}) {
    if (type.rfind(t, 0) == 0) {
      return true;
    }
  }
  return false;
}

std::string hex_literal(const std::string& bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out = "X'";
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out + "'";
}

} // namespace

PartitionCopier::PartitionCopier(ClusterLink& source, ClusterLink& target,
                                 const std::atomic<bool>& stop)
    : m_source(source), m_target(target), m_stop(stop) {}

std::map<std::string, std::string> PartitionCopier::column_types(const PartitionCopy& job) {
  exl::db::ResultSet rs = m_source.conn().query("DESC " + table_ref(job.db, job.table));
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    out[rs.value(i, "Field").value_or("")] = rs.value(i, "Type").value_or("");
  }
  return out;
}

// The caller read job.source_version from SHOW PARTITIONS before this SELECT starts: a load
// racing the copy then leaves the target at an older version than the rows it got, so the next
// cycle copies again. Reading the version after the rows could claim a version whose rows the
// target never received.
std::uint64_t PartitionCopier::copy(const PartitionCopy& job) {
  const auto types = column_types(job);
  std::string select = "SELECT * FROM " + table_ref(job.db, job.table);
  if (!job.unpartitioned) {
    select += " PARTITION (" + quote_ident(job.partition) + ")";
  }
  std::string columns, values;
  bool first = true;
  std::uint64_t rows = 0;
  auto on_row = [&](const std::vector<std::string>& names, const exl::db::RowValues& row) {
    if (m_stop.load()) {
      return false;
    }
    if (columns.empty()) {
      for (const std::string& n : names) {
        columns += (columns.empty() ? "" : ", ") + quote_ident(n);
      }
    }
    std::string tuple;
    for (std::size_t i = 0; i < row.size(); ++i) {
      auto type = types.find(names[i]);
      bool binary = type != types.end() && is_binary_type(type->second);
      tuple += (i ? ", " : "") + (!row[i]  ? std::string("NULL")
                                  : binary ? hex_literal(*row[i])
                                           : quote_string(*row[i]));
    }
    values += (values.empty() ? "(" : ", (") + tuple + ")";
    ++rows;
    if (values.size() >= k_batch_bytes) {
      flush(job, columns, values, first);
      first = false;
      values.clear();
    }
    return true;
  };
  m_source.conn().stream(select, on_row);
  if (m_stop.load()) {
    m_source.drop_connection(); // a stopped stream leaves the connection unusable
    throw StopRequested();
  }
  if (!values.empty() || first) {
    flush(job, columns, values, first);
  }
  if (job.target_has_partition || rows > 0) {
    m_target.conn().execute("ADMIN SET SIM PARTITION VERSION " + quote_string(job.db) + "." +
                            quote_string(job.table) + " " + quote_string(job.partition) + " " +
                            std::to_string(job.source_version));
  }
  return rows;
}

void PartitionCopier::flush(const PartitionCopy& job, const std::string& columns,
                            const std::string& values, bool first) {
  const std::string target = table_ref(job.db, job.table);
  const std::string partition =
      job.unpartitioned ? "" : " PARTITION (" + quote_ident(job.partition) + ")";
  if (values.empty()) { // an empty source partition: the target's must be empty too
    if (job.target_has_partition) {
      m_target.conn().execute("TRUNCATE TABLE " + target + partition);
    }
    return;
  }
  if (!job.target_has_partition) { // an automatic partition: the INSERT creates it
    m_target.conn().execute("INSERT INTO " + target + " (" + columns + ") VALUES " + values);
    return;
  }
  m_target.conn().execute((first ? "INSERT OVERWRITE " : "INSERT INTO ") + target + partition +
                          " (" + columns + ") VALUES " + values);
}

} // namespace scs_standin
