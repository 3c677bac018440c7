#include "report/prometheus_text.hpp"

#include "exlschema/util/utf8.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace exl::report::prom {
namespace {

bool name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == ':';
}

bool name_char(char c) {
  return name_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Reads a name at `pos` of `line` (metric names also allow ':').
std::optional<std::string> read_name(std::string_view line, std::size_t& pos) {
  const std::size_t start = pos;
  if (pos >= line.size() || !name_start(line[pos])) {
    return std::nullopt;
  }
  while (pos < line.size() && name_char(line[pos])) {
    ++pos;
  }
  return std::string(line.substr(start, pos - start));
}

// Reads `"value"` at `pos`, unescaping `\\`, `\"` and `\n`.
std::optional<std::string> read_quoted(std::string_view line, std::size_t& pos) {
  if (pos >= line.size() || line[pos] != '"') {
    return std::nullopt;
  }
  std::string value;
  for (++pos; pos < line.size(); ++pos) {
    const char c = line[pos];
    if (c == '"') {
      ++pos;
      return value;
    }
    if (c == '\\') {
      if (++pos >= line.size()) {
        return std::nullopt;
      }
      const char e = line[pos];
      if (e != '\\' && e != '"' && e != 'n') {
        return std::nullopt;
      }
      value += e == 'n' ? '\n' : e;
    } else {
      value += c;
    }
  }
  return std::nullopt;
}

// Reads `{name="value",...}` at `pos` (a trailing comma allowed, as the format does).
bool read_labels(std::string_view line, std::size_t& pos, std::map<std::string, std::string>& out) {
  ++pos; // '{'
  while (pos < line.size() && line[pos] != '}') {
    const auto name = read_name(line, pos);
    if (!name || pos >= line.size() || line[pos++] != '=') {
      return false;
    }
    const auto value = read_quoted(line, pos);
    if (!value) {
      return false;
    }
    out[*name] = *value;
    if (pos < line.size() && line[pos] == ',') {
      ++pos;
    }
  }
  if (pos >= line.size()) {
    return false;
  }
  ++pos; // '}'
  return true;
}

} // namespace

std::string escape_label_value(std::string_view value) {
  std::string out;
  for (const char c : util::valid_utf8(value)) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

void Exposition::gauge(std::string_view name, std::string_view help) {
  m_header.clear();
  m_header.append("# HELP ").append(name).append(" ").append(help).append("\n");
  m_header.append("# TYPE ").append(name).append(" gauge\n");
}

void Exposition::sample(std::string_view name, const Labels& labels, std::string_view value) {
  m_text += m_header;
  m_header.clear();
  m_text.append(name);
  if (!labels.empty()) {
    m_text += '{';
    for (std::size_t i = 0; i < labels.size(); ++i) {
      m_text.append(i == 0 ? "" : ",").append(labels[i].first).append("=\"");
      m_text.append(escape_label_value(labels[i].second)).append("\"");
    }
    m_text += '}';
  }
  m_text.append(" ").append(value).append("\n");
}

std::string number(long long value) {
  return std::to_string(value);
}

std::string seconds(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

std::optional<Sample> parse_sample(std::string_view line) {
  std::size_t pos = 0;
  const auto name = read_name(line, pos);
  if (!name) {
    return std::nullopt; // a comment, a blank line, or not a sample
  }
  Sample sample;
  sample.name = *name;
  if (pos < line.size() && line[pos] == '{' && !read_labels(line, pos, sample.labels)) {
    return std::nullopt;
  }
  if (pos >= line.size() || (line[pos] != ' ' && line[pos] != '\t')) {
    return std::nullopt;
  }
  const std::string rest(line.substr(pos));
  char* end = nullptr;
  sample.value = std::strtod(rest.c_str(), &end);
  if (end == rest.c_str() || std::isnan(sample.value)) {
    return std::nullopt;
  }
  return sample;
}

} // namespace exl::report::prom
