#include "exlschema/starrocks/stream_load_request.hpp"

#include "exlschema/starrocks/quote.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace exl::starrocks {
namespace {

std::string percent_encoded(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// `columns` is parsed as SQL (a column list with optional expressions), so names are quoted;
// `partitions` / `temporary_partitions` are split on commas and trimmed, names taken as written
// (StreamLoadInfo.java), so they are not.
std::string joined_names(const std::vector<std::string>& names, bool quoted) {
  std::string out;
  for (const std::string& n : names) {
    out += (out.empty() ? "" : ",") + (quoted ? quote_identifier(n) : n);
  }
  return out;
}

bool unloadable(const ColumnType& type) {
  constexpr std::array k_bases{"bitmap", "hll", "percentile", "varbinary", "binary"};
  if (std::find(k_bases.begin(), k_bases.end(), type.base) != k_bases.end()) {
    return true;
  }
  return std::any_of(type.children.begin(), type.children.end(), unloadable);
}

bool holds_text(const ColumnType& type) {
  constexpr std::array k_text{"char", "varchar", "string", "json"};
  if (std::find(k_text.begin(), k_text.end(), type.base) != k_text.end()) {
    return true;
  }
  return std::any_of(type.children.begin(), type.children.end(), holds_text);
}

bool holds_struct(const ColumnType& type) {
  return type.base == "struct" ||
         std::any_of(type.children.begin(), type.children.end(), holds_struct);
}

// Why StarRocks's CSV reader cannot read `type`'s printed form back exactly, else nullopt.
std::optional<std::string> csv_gap(const ColumnType& type) {
  if (unloadable(type)) {
    return "which a CSV Stream Load cannot carry exactly";
  }
  if (holds_struct(type)) {
    // be/src/formats/csv/struct_converter.cpp reads only Hive's delimited text form.
    return "and StarRocks's CSV reader reads a STRUCT only in Hive's text form, not as printed";
  }
  if ((type.base == "array" || type.base == "map") && holds_text(type)) {
    // csv/array_reader.cpp and map_converter.cpp split on every '"' ("TODO: handle escaped
    // double quotes"): a string element holding a quote or a backslash would be read wrong.
    return "and StarRocks's CSV reader does not unescape quotes inside the text elements of an "
           "ARRAY or MAP";
  }
  return std::nullopt;
}
} // namespace

CsvDialect stream_load_dialect(const Version& target) {
  if (target.at_least(3, 0)) {
    return CsvDialect{"\x01", "\n", '"', '\\'};
  }
  return CsvDialect{"\x01", "\x02", 0, 0};
}

std::optional<std::string> stream_load_unsupported(const TableModel& model) {
  for (const Column& c : model.columns) {
    if (const auto gap = csv_gap(c.type)) {
      return "column `" + c.name + "` is " + c.type.base + ", " + *gap;
    }
  }
  return std::nullopt;
}

std::string StreamLoadRequest::path() const {
  return "/api/" + percent_encoded(target.database) + "/" + percent_encoded(target.table) +
         "/_stream_load";
}

std::string separator_header(const std::string& bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    if (c < 0x20 || c >= 0x7f || c == '\\') {
      out += fmt::format("\\x{:02X}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

StreamLoadRequest build_stream_load(const StreamLoadSpec& spec) {
  StreamLoadRequest r{spec.target, spec.label, {}};
  auto& h = r.headers;
  h.emplace_back("label", spec.label);
  h.emplace_back("format", "CSV");
  h.emplace_back("column_separator", separator_header(spec.dialect.column_separator));
  h.emplace_back("row_delimiter", separator_header(spec.dialect.row_delimiter));
  if (spec.dialect.enclose != 0) {
    h.emplace_back("enclose", std::string(1, spec.dialect.enclose));
    h.emplace_back("escape", std::string(1, spec.dialect.escape));
  }
  h.emplace_back("columns", joined_names(spec.columns, true));
  h.emplace_back("strict_mode", "true");
  h.emplace_back("max_filter_ratio", "0");
  h.emplace_back("timeout", std::to_string(std::clamp(spec.timeout_s, 1, 259200)));
  if (!spec.partitions.empty()) {
    h.emplace_back(spec.temporary ? "temporary_partitions" : "partitions",
                   joined_names(spec.partitions, false));
  }
  return r;
}

std::string describe(const StreamLoadRequest& request) {
  std::string out = "PUT " + request.path();
  const char* separator = " ";
  for (const auto& [name, value] : request.headers) {
    out += separator + name + ": " + value;
    separator = ", ";
  }
  return out;
}

} // namespace exl::starrocks
