#include "exlschema/scs/progress_line.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <regex>

namespace exl::scs {
namespace {

// `name: 12`, `name = 12`, `name:12.5%`: the field names lower-cased without spaces.
std::map<std::string, double> fields(std::string_view text) {
  static const std::regex k_pair(R"(([A-Za-z][A-Za-z ]*?)\s*[:=]\s*(-?[0-9]+(?:\.[0-9]+)?)\s*%?)");
  std::map<std::string, double> out;
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), k_pair); it != std::sregex_iterator();
       ++it) {
    std::string name;
    for (char c : (*it)[1].str()) {
      if (c != ' ') {
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    out[name] = std::stod((*it)[2].str());
  }
  return out;
}

// The text after `title` (case-insensitive); nullopt when the line is not that report.
std::optional<std::string_view> after_title(std::string_view line, std::string_view title) {
  std::string lower(line);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const auto at = lower.find(title);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  return line.substr(at + title.size());
}

// The title's own percentage: `Sync job progress: 62.50%` (the first number, before any name).
std::optional<double> leading_percent(std::string_view rest) {
  static const std::regex k_percent(R"(^\s*[:=]?\s*(-?[0-9]+(?:\.[0-9]+)?)\s*%)");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_search(rest.begin(), rest.end(), m, k_percent)) {
    return std::stod(m[1].str());
  }
  return std::nullopt;
}

long long whole(const std::map<std::string, double>& f, const char* name) {
  const auto it = f.find(name);
  return it == f.end() ? 0 : static_cast<long long>(it->second);
}

} // namespace

std::optional<JobProgress> parse_job_progress(std::string_view line) {
  const auto rest = after_title(line, "sync job progress");
  if (!rest) {
    return std::nullopt;
  }
  const auto f = fields(*rest);
  if (!f.contains("total") || !f.contains("finished")) {
    return std::nullopt;
  }
  JobProgress p;
  p.total = whole(f, "total");
  p.ddl_pending = whole(f, "ddlpending");
  p.job_pending = whole(f, "jobpending");
  p.sent = whole(f, "sent");
  p.running = whole(f, "running");
  p.finished = whole(f, "finished");
  p.failed = whole(f, "failed");
  p.unknown = whole(f, "unknown");
  p.percent = leading_percent(*rest).value_or(
      p.total > 0 ? 100.0 * static_cast<double>(p.finished) / static_cast<double>(p.total) : 100.0);
  return p;
}

std::optional<TableProgress> parse_table_progress(std::string_view line) {
  const auto rest = after_title(line, "sync table progress");
  if (!rest) {
    return std::nullopt;
  }
  const auto f = fields(*rest);
  if (!f.contains("totaltable")) {
    return std::nullopt;
  }
  TableProgress p;
  p.total = whole(f, "totaltable");
  p.finished = whole(f, "finishedtable");
  p.unfinished = whole(f, "unfinishedtable");
  p.expired = whole(f, "expiredtable");
  p.finished_ratio = f.contains("finishedtableratio") ? f.at("finishedtableratio") : 0;
  p.expired_ratio = f.contains("expiredtableratio") ? f.at("expiredtableratio") : 0;
  return p;
}

std::string describe(const JobProgress& j) {
  return fmt::format("scs jobs {:.1f}% ({} total: {} finished, {} running, {} pending, {} DDL "
                     "pending, {} sent, {} failed, {} unknown)",
                     j.percent, j.total, j.finished, j.running, j.job_pending, j.ddl_pending,
                     j.sent, j.failed, j.unknown);
}

std::string describe(const TableProgress& t) {
  return fmt::format("scs tables: {} of {} synced at least once, {} never, {} behind the source",
                     t.finished, t.total, t.unfinished, t.expired);
}

} // namespace exl::scs
