#include "report/prometheus_text.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace exl::report::prom {
namespace {

constexpr std::string_view k_replacement = "\xef\xbf\xbd"; // U+FFFD

// The length of the well-formed UTF-8 sequence at the start of `text` (RFC 3629, table 3-7 of
// the Unicode standard: no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t sequence_length(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    low = lead == 0xe0 ? 0xa0 : 0x80;
    high = lead == 0xed ? 0x9f : 0xbf;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    low = lead == 0xf0 ? 0x90 : 0x80;
    high = lead == 0xf4 ? 0x8f : 0xbf;
  } else {
    return 0;
  }
  if (text.size() < length || byte(1) < low || byte(1) > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xbf) {
      return 0;
    }
  }
  return length;
}

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

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    const std::size_t n = sequence_length(text);
    if (n == 0) {
      out += k_replacement;
      text.remove_prefix(1);
    } else {
      out += text.substr(0, n);
      text.remove_prefix(n);
    }
  }
  return out;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  for (const char c : valid_utf8(value)) {
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
