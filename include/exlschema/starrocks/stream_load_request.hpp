#pragma once

#include "exlschema/starrocks/table_model.hpp"
#include "exlschema/starrocks/table_ref.hpp"
#include "exlschema/starrocks/version.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

// Stream Load requests as `-o pipe` sends them (reference §9; docs:
// sql-reference/sql-statements/loading_unloading/STREAM_LOAD.md): the path and the headers, built
// here like every SQL statement, pure.
namespace exl::starrocks {

// How rows are written as CSV for one table. From 3.0 StarRocks reads `enclose` and `escape`, so
// any value can be written: every string value enclosed in `"`, `"` and `\` escaped with `\`.
// Before 3.0 there is no escaping at all: the separators are control characters (\x01 between
// columns, \x02 between rows) that no numeric, date or boolean text holds, and a string value
// holding one of them, or equal to the NULL marker `\N`, cannot be written (the unit fails; it is
// never loaded wrong).
struct CsvDialect {
  std::string column_separator;
  std::string row_delimiter;
  char enclose = 0; // 0: none
  char escape = 0;  // 0: none
};

// The dialect for loading into a `target` cluster.
CsvDialect stream_load_dialect(const Version& target);

// Why a column cannot go through a CSV Stream Load (BITMAP, HLL, PERCENTILE: no text form a load
// reads back; VARBINARY / BINARY: the MySQL protocol's bytes are not the CSV text StarRocks
// parses; STRUCT anywhere: the CSV reader takes only Hive's text form; ARRAY / MAP with text
// elements: the CSV reader does not unescape their quotes), else nullopt. JSON columns and
// ARRAY / MAP of numbers, dates and booleans travel as printed.
std::optional<std::string> stream_load_unsupported(const TableModel& model);

struct StreamLoadRequest {
  TableRef target;
  std::string label;
  std::vector<std::pair<std::string, std::string>> headers; // sent in this order
  std::string path() const; // /api/{db}/{table}/_stream_load, each name percent-encoded
};

struct StreamLoadSpec {
  TableRef target;
  std::string label;
  std::vector<std::string> columns; // in the order of the CSV fields
  CsvDialect dialect;
  std::vector<std::string> partitions; // `partitions` header; empty: none
  bool temporary = false;              // `temporary_partitions` instead
  int timeout_s = 600;                 // `timeout` (1..259200)
};

// Always strict_mode=true and max_filter_ratio=0: a value that does not convert, or a row outside
// every partition, fails the whole load instead of becoming NULL or being dropped.
StreamLoadRequest build_stream_load(const StreamLoadSpec& spec);

// `\x01`-style text of a separator, the form the headers take for bytes that are not printable.
std::string separator_header(const std::string& bytes);

// One line for the plan: `PUT /api/db/t/_stream_load label: l, format: csv, ...`.
std::string describe(const StreamLoadRequest& request);

} // namespace exl::starrocks
