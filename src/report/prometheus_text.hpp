#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The Prometheus text exposition format (version 0.0.4), as much of it as the -metrics file
// writes and reads back: gauges with `# HELP` and `# TYPE` lines, labels, no timestamps
// (node_exporter's textfile collector refuses samples that carry one). Source:
// prometheus.io/docs/instrumenting/exposition_formats/ ("Text-based format").
namespace exl::report::prom {

// One label of a sample: its name (`[a-zA-Z_][a-zA-Z0-9_]*`) and value, unescaped.
using Labels = std::vector<std::pair<std::string, std::string>>;

// `value` as a label value between double quotes: backslash, double quote and line feed escaped
// (`\\`, `\"`, `\n`), bytes that are not UTF-8 replaced with U+FFFD (Prometheus refuses a label
// value that is not valid UTF-8).
std::string escape_label_value(std::string_view value);

// Builds an exposition text family by family: every sample of a family follows its HELP and
// TYPE lines, as the format requires. A family without samples is left out.
class Exposition {
public:
  // Starts the gauge family `name`; `help` is fixed text of exlSchema's (no backslash, no line
  // feed), the same in every file so that node_exporter can merge files of several jobs.
  void gauge(std::string_view name, std::string_view help);
  // A sample of the family started last (`name` is its name), with `labels` and `value` as
  // written (see number()).
  void sample(std::string_view name, const Labels& labels, std::string_view value);
  const std::string& text() const { return m_text; }

private:
  std::string m_text;
  std::string m_header; // the HELP and TYPE lines of a family that has no sample yet
};

// A whole number as the format writes it.
std::string number(long long value);
// Seconds with millisecond precision (`12.345`).
std::string seconds(double value);

// One sample line read back: the metric name, its labels unescaped, its value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// `line` as a sample; nullopt for a comment, a blank line or a line that is not a sample.
std::optional<Sample> parse_sample(std::string_view line);

} // namespace exl::report::prom
