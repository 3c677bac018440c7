#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// A checker of the Prometheus text exposition format (version 0.0.4) for the tests of -metrics,
// written from the format's description (prometheus.io/docs/instrumenting/exposition_formats/,
// "Text format details") and node_exporter's textfile collector rules, independently of
// src/report/prometheus_text.cpp so that a misreading in one is caught by the other.
namespace exl::test {

struct ExpositionSample {
  std::string name;
  std::map<std::string, std::string> labels; // unescaped
  std::string value;                         // as written
};

struct Exposition {
  std::vector<std::string> problems; // "line N: what"; empty: the text is valid
  std::vector<ExpositionSample> samples;
  std::map<std::string, std::string> help; // family -> HELP text
  std::map<std::string, std::string> type; // family -> TYPE

  // The samples of `name` whose labels include every pair of `labels`.
  std::vector<ExpositionSample> find(const std::string& name,
                                     const std::map<std::string, std::string>& labels = {}) const {
    std::vector<ExpositionSample> out;
    for (const ExpositionSample& s : samples) {
      const bool match = std::all_of(labels.begin(), labels.end(), [&](const auto& kv) {
        const auto found = s.labels.find(kv.first);
        return found != s.labels.end() && found->second == kv.second;
      });
      if (s.name == name && match) {
        out.push_back(s);
      }
    }
    return out;
  }
  // The value of the one sample of `name` with `labels`; "" when there is not exactly one.
  std::string value(const std::string& name,
                    const std::map<std::string, std::string>& labels = {}) const {
    const auto found = find(name, labels);
    return found.size() == 1 ? found[0].value : std::string();
  }
};

namespace exposition_detail {

inline bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80           ? 1
                    : (c >> 5) == 0x6  ? 2
                    : (c >> 4) == 0xe  ? 3
                    : (c >> 3) == 0x1e ? 4
                                       : 0;
    if (n == 0 || c == 0xc0 || c == 0xc1 || c > 0xf4 || i + n > s.size()) {
      return false;
    }
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) {
        return false;
      }
    }
    i += n;
  }
  return true;
}

} // namespace exposition_detail

// Parses `text` line by line and lists every rule it breaks.
inline Exposition check_exposition(const std::string& text) {
  using namespace exposition_detail;
  static const std::regex metric_name("[a-zA-Z_:][a-zA-Z0-9_:]*");
  static const std::regex label_name("[a-zA-Z_][a-zA-Z0-9_]*");
  static const std::regex float_value(
      R"([+-]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|Inf)|NaN)");
  Exposition out;
  const auto problem = [&](std::size_t line, const std::string& what) {
    out.problems.push_back("line " + std::to_string(line) + ": " + what);
  };
  if (!text.empty() && text.back() != '\n') {
    problem(0, "the last line does not end with a line feed");
  }
  if (!valid_utf8(text)) {
    problem(0, "not UTF-8");
  }
  std::set<std::string> finished; // families whose samples ended (another family followed)
  std::string current;            // the family of the last sample
  std::set<std::string> series;
  std::size_t number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.empty()) {
      continue;
    }
    if (line[0] == '#') {
      std::smatch m;
      static const std::regex meta(R"(# (HELP|TYPE) ([^ ]+) (.*))");
      if (!std::regex_match(line, m, meta)) {
        continue; // a plain comment
      }
      const std::string name = m[2];
      if (!std::regex_match(name, metric_name)) {
        problem(number, "bad metric name in " + std::string(m[1]) + ": " + name);
      }
      if (m[1] == "TYPE") {
        static const std::regex types("counter|gauge|histogram|summary|untyped");
        if (!std::regex_match(std::string(m[3]), types)) {
          problem(number, "bad type " + std::string(m[3]));
        }
        if (out.type.count(name) != 0U) {
          problem(number, "second TYPE for " + name);
        }
        if (current == name || finished.count(name) != 0U) {
          problem(number, "TYPE of " + name + " after its samples");
        }
        out.type[name] = m[3];
      } else {
        const std::string help = m[3];
        for (std::size_t i = 0; i < help.size(); ++i) {
          if (help[i] == '\\' &&
              (i + 1 == help.size() || (help[i + 1] != '\\' && help[i + 1] != 'n'))) {
            problem(number, "bad escape in HELP");
          }
          i += help[i] == '\\' ? 1 : 0;
        }
        if (out.help.count(name) != 0U) {
          problem(number, "second HELP for " + name);
        }
        out.help[name] = help;
      }
      continue;
    }
    // A sample: name, optional labels, one space, the value; no timestamp (the textfile collector
    // refuses them).
    std::size_t pos = 0;
    while (pos < line.size() && line[pos] != '{' && line[pos] != ' ') {
      ++pos;
    }
    ExpositionSample sample;
    sample.name = line.substr(0, pos);
    if (!std::regex_match(sample.name, metric_name)) {
      problem(number, "bad metric name: " + sample.name);
      continue;
    }
    bool ok = true;
    if (pos < line.size() && line[pos] == '{') {
      ++pos;
      while (ok && pos < line.size() && line[pos] != '}') {
        const std::size_t eq = line.find('=', pos);
        const std::string lname = eq == std::string::npos ? "" : line.substr(pos, eq - pos);
        if (!std::regex_match(lname, label_name) || lname.rfind("__", 0) == 0) {
          problem(number, "bad label name '" + lname + "'");
          ok = false;
          break;
        }
        pos = eq + 1;
        if (pos >= line.size() || line[pos] != '"') {
          problem(number, "label value not quoted");
          ok = false;
          break;
        }
        std::string value;
        bool closed = false;
        for (++pos; pos < line.size(); ++pos) {
          if (line[pos] == '"') {
            closed = true;
            ++pos;
            break;
          }
          if (line[pos] == '\\') {
            const char e = pos + 1 < line.size() ? line[pos + 1] : '\0';
            if (e != '\\' && e != '"' && e != 'n') {
              problem(number, "bad escape in a label value");
              ok = false;
              break;
            }
            value += e == 'n' ? '\n' : e;
            ++pos;
          } else {
            value += line[pos];
          }
        }
        if (ok && !closed) {
          problem(number, "unterminated label value");
          ok = false;
        }
        if (ok && !sample.labels.emplace(lname, value).second) {
          problem(number, "label " + lname + " twice");
        }
        if (ok && pos < line.size() && line[pos] == ',') {
          ++pos;
        }
      }
      if (ok && (pos >= line.size() || line[pos] != '}')) {
        problem(number, "labels not closed");
        ok = false;
      }
      ++pos;
    }
    if (!ok) {
      continue;
    }
    if (pos >= line.size() || line[pos] != ' ') {
      problem(number, "no space before the value");
      continue;
    }
    sample.value = line.substr(pos + 1);
    if (!std::regex_match(sample.value, float_value)) {
      problem(number, "bad value (or a timestamp) '" + sample.value + "'");
    }
    const std::string& family = sample.name; // exlSchema writes gauges only
    if (family != current) {
      if (finished.count(family) != 0U) {
        problem(number, "samples of " + family + " not in one group");
      }
      if (!current.empty()) {
        finished.insert(current);
      }
      current = family;
    }
    std::string key = sample.name;
    for (const auto& [k, v] : sample.labels) {
      key += "\x1f" + k + "=" + v;
    }
    if (!series.insert(key).second) {
      problem(number, "the same series twice: " + line);
    }
    out.samples.push_back(std::move(sample));
  }
  return out;
}

} // namespace exl::test
