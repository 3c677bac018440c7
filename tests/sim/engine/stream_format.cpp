#include "stream_format.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace srsim::engine {

namespace {

std::string format_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

const std::string* format_header(const std::map<std::string, std::string>& h,
                                 const std::string& name) {
  auto it = h.find(name);
  return it == h.end() || it->second.empty() ? nullptr : &it->second;
}

std::vector<std::string> format_json_paths(const std::string& text) {
  std::vector<std::string> out;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    for (const auto& p : j) {
      out.push_back(p.get<std::string>());
    }
  } catch (const std::exception&) {
    // StarRocks's JsonScanner: "Invalid json path: ..." for a jsonpaths it cannot parse.
    throw LoadFailure("INTERNAL_ERROR", "Invalid json path: " + text);
  }
  return out;
}

} // namespace

std::string decode_separator(const std::string& value) {
  if (value.size() > 2 && value[0] == '\\' && (value[1] == 'x' || value[1] == 'X') &&
      value.size() % 2 == 0 && std::all_of(value.begin() + 2, value.end(), [](unsigned char c) {
        return std::isxdigit(c) != 0;
      })) {
    std::string out;
    for (std::size_t i = 2; i < value.size(); i += 2) {
      out += static_cast<char>(std::stoi(value.substr(i, 2), nullptr, 16));
    }
    return out;
  }
  return value;
}

LoadFormat load_format(const std::map<std::string, std::string>& h, const Version& version) {
  LoadFormat f;
  if (const std::string* v = format_header(h, "format")) {
    // stream_load.cpp parse_format: csv and json (plus compressed csv, which srsim lacks).
    std::string fmt = format_lower(*v);
    if (fmt == "json") {
      f.json = true;
    } else if (fmt == "gzip" || fmt == "bzip2" || fmt == "lz4" || fmt == "deflate" ||
               fmt == "zstd") {
      throw LoadFailure("INTERNAL_ERROR", "srsim does not support: compressed format " + *v);
    } else if (fmt != "csv") {
      throw LoadFailure("INTERNAL_ERROR", "unknown data format, format=" + *v);
    }
  }
  if (const std::string* v = format_header(h, "column_separator")) {
    f.column_separator = decode_separator(*v);
  }
  if (const std::string* v = format_header(h, "row_delimiter")) {
    f.row_delimiter = decode_separator(*v);
  }
  // enclose and escape exist from 3.0 (STREAM_LOAD.md: "supported from v3.0"); the 2.5 BE reads
  // only the headers it knows (stream_load.cpp _process_put), so it ignores them: quotes and
  // backslashes stay data.
  if (version.at_least(3, 0)) {
    if (const std::string* v = format_header(h, "enclose")) {
      f.enclose = static_cast<unsigned char>((*v)[0]); // stream_load.cpp: header(...)[0]
    }
    if (const std::string* v = format_header(h, "escape")) {
      f.escape = static_cast<unsigned char>((*v)[0]);
    }
  }
  if (const std::string* v = format_header(h, "strip_outer_array")) {
    f.strip_outer_array = format_lower(*v) == "true";
  }
  if (const std::string* v = format_header(h, "jsonpaths")) {
    f.jsonpaths = format_json_paths(*v);
  }
  if (const std::string* v = format_header(h, "json_root")) {
    f.json_root = *v;
  }
  return f;
}

namespace {

// One CSV pass: fields end at the column separator, rows at the row delimiter; with `enclose`
// (3.0+) a field opened by it runs to the closing one and may hold both (a doubled enclose is
// one enclose); `escape` makes the next byte literal (csv_reader.cpp's ENCLOSE / ESCAPE states).
class CsvSplitter {
public:
  CsvSplitter(const LoadFormat& f, std::string_view body) : m_f(f), m_b(body) {}

  std::vector<SourceRow> run() {
    while (m_i < m_b.size()) {
      step();
    }
    if (m_row_start < m_b.size()) {
      end_field();
      end_row(m_b.size());
    }
    return std::move(m_rows);
  }

private:
  bool at(const std::string& token) const {
    return token.size() == 1 ? m_b[m_i] == token[0] : m_b.compare(m_i, token.size(), token) == 0;
  }
  bool at_field_end(std::size_t pos) const {
    return pos >= m_b.size() ||
           m_b.compare(pos, m_f.column_separator.size(), m_f.column_separator) == 0 ||
           m_b.compare(pos, m_f.row_delimiter.size(), m_f.row_delimiter) == 0;
  }

  void step() {
    char c = m_b[m_i];
    if (m_in_enclose) {
      if (m_f.escape >= 0 && c == static_cast<char>(m_f.escape) && m_i + 1 < m_b.size()) {
        m_field += m_b[m_i + 1];
        m_i += 2;
      } else if (c == static_cast<char>(m_f.enclose)) {
        bool doubled = m_i + 1 < m_b.size() && m_b[m_i + 1] == c;
        if (doubled) {
          m_field += c;
        }
        m_in_enclose = doubled;
        m_i += doubled ? 2 : 1;
      } else {
        m_field += c;
        ++m_i;
      }
      return;
    }
    if (at(m_f.row_delimiter)) {
      end_field();
      end_row(m_i);
      m_i += m_f.row_delimiter.size();
      m_row_start = m_i;
      return;
    }
    if (at(m_f.column_separator)) {
      end_field();
      m_i += m_f.column_separator.size();
      return;
    }
    if (m_field_start && m_b.compare(m_i, 2, "\\N") == 0 && at_field_end(m_i + 2)) {
      m_null = true; // CSV NULL is `\N` (STREAM_LOAD.md), before any escape processing
      m_i += 2;
      m_field_start = false;
      return;
    }
    if (m_field_start && m_f.enclose >= 0 && c == static_cast<char>(m_f.enclose)) {
      m_in_enclose = true;
    } else if (m_f.escape >= 0 && c == static_cast<char>(m_f.escape) && m_i + 1 < m_b.size()) {
      m_field += m_b[++m_i];
    } else {
      m_field += c;
    }
    m_field_start = false;
    ++m_i;
  }

  void end_field() {
    if (m_null) {
      m_row.fields.emplace_back(std::nullopt);
    } else {
      m_row.fields.emplace_back(std::move(m_field));
    }
    m_field.clear();
    m_null = false;
    m_field_start = true;
  }

  void end_row(std::size_t end) {
    // An empty line is no row (csv_reader.cpp NEWLINE: an empty record is not pushed).
    bool empty = end == m_row_start;
    if (!empty) {
      m_row.text = std::string(m_b.substr(m_row_start, end - m_row_start));
      m_rows.push_back(std::move(m_row));
    }
    m_row = SourceRow{};
  }

  const LoadFormat& m_f;
  std::string_view m_b;
  std::size_t m_i = 0;
  std::size_t m_row_start = 0;
  bool m_in_enclose = false;
  bool m_field_start = true;
  bool m_null = false;
  std::string m_field;
  SourceRow m_row;
  std::vector<SourceRow> m_rows;
};

std::optional<std::string> json_text(const nlohmann::json& v) {
  if (v.is_null()) {
    return std::nullopt;
  }
  if (v.is_string()) {
    return v.get<std::string>();
  }
  return v.dump(); // numbers, booleans (true/false), nested objects and arrays
}

const nlohmann::json* json_path(const nlohmann::json& doc, const std::string& path) {
  std::string p = path.rfind("$.", 0) == 0 ? path.substr(2) : path == "$" ? "" : path;
  const nlohmann::json* at = &doc;
  std::size_t start = 0;
  while (!p.empty() && start <= p.size()) {
    std::size_t dot = p.find('.', start);
    std::string key = p.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!at->is_object() || !at->contains(key)) {
      return nullptr;
    }
    at = &(*at)[key];
    if (dot == std::string::npos) {
      break;
    }
    start = dot + 1;
  }
  return at;
}

SourceRow json_row(const LoadFormat& f, const nlohmann::json& obj,
                   const std::vector<std::string>& names) {
  SourceRow row;
  row.text = obj.dump();
  if (!obj.is_object()) {
    row.error = "Expect json object value";
    return row;
  }
  std::size_t n = f.jsonpaths.empty() ? names.size() : f.jsonpaths.size();
  for (std::size_t i = 0; i < n; ++i) {
    const nlohmann::json* v =
        f.jsonpaths.empty() ? json_path(obj, names[i]) : json_path(obj, f.jsonpaths[i]);
    row.fields.push_back(v ? json_text(*v) : std::nullopt); // a missing field is NULL
  }
  return row;
}

} // namespace

std::vector<SourceRow> parse_csv(const LoadFormat& format, std::string_view body) {
  return CsvSplitter(format, body).run();
}

std::vector<SourceRow> parse_json(const LoadFormat& f, std::string_view body,
                                  const std::vector<std::string>& names) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(body);
  } catch (const std::exception& e) {
    SourceRow bad;
    bad.text = std::string(body.substr(0, 200));
    bad.error = std::string("Failed to parse json: ") + e.what();
    return {bad};
  }
  if (!f.json_root.empty()) {
    const nlohmann::json* root = json_path(doc, f.json_root);
    doc = root ? *root : nlohmann::json();
  }
  std::vector<SourceRow> rows;
  if (doc.is_array() && !f.strip_outer_array) {
    // JsonScanner refuses an outer array unless strip_outer_array is true.
    SourceRow bad;
    bad.text = doc.dump().substr(0, 200);
    bad.error = "JSON data is an array, strip_outer_array must be set true";
    return {bad};
  }
  if (doc.is_array()) {
    for (const auto& obj : doc) {
      rows.push_back(json_row(f, obj, names));
    }
  } else {
    rows.push_back(json_row(f, doc, names));
  }
  return rows;
}

} // namespace srsim::engine
