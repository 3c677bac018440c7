#pragma once

// The body of a Stream Load request as rows of source fields (docs: loading_unloading/
// STREAM_LOAD.md; StarRocks's be/src/http/action/stream_load.cpp reads the headers,
// be/src/formats/csv/csv_reader.cpp and the JSON scanner split the body). Conversion to column
// values is stream_convert.hpp's job.

#include "sim_api.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace srsim::engine {

// A Stream Load operation that fails as a whole: `code` is StarRocks's TStatusCode name.
class LoadFailure : public std::runtime_error {
public:
  LoadFailure(std::string code, const std::string& message)
      : std::runtime_error(message), m_code(std::move(code)) {}
  const std::string& code() const { return m_code; }

private:
  std::string m_code;
};

struct LoadFormat {
  bool json = false;
  std::string column_separator = "\t"; // STREAM_LOAD.md defaults
  std::string row_delimiter = "\n";
  int enclose = -1; // a byte, or -1 (3.0+ only)
  int escape = -1;
  bool strip_outer_array = false;
  std::vector<std::string> jsonpaths; // "$.a", "$.a.b"
  std::string json_root;
};

struct SourceRow {
  std::vector<std::optional<std::string>> fields; // nullopt = NULL (CSV `\N`, JSON null)
  std::string text;                               // the row as received, for the error log
  std::string error; // set when the parser already rejects the row (filtered)
};

// The format headers of one request. Throws LoadFailure for values StarRocks refuses.
LoadFormat load_format(const std::map<std::string, std::string>& headers, const Version& version);

// A separator header: `\x` followed by hex digits is the bytes they spell (STREAM_LOAD.md:
// "column_separator ... hexadecimal format, prefix \x"); anything else is taken as is.
std::string decode_separator(const std::string& value);

std::vector<SourceRow> parse_csv(const LoadFormat& format, std::string_view body);
// JSON rows: objects whose fields `names` (or `format.jsonpaths`, in order) are read.
std::vector<SourceRow> parse_json(const LoadFormat& format, std::string_view body,
                                  const std::vector<std::string>& names);

} // namespace srsim::engine
