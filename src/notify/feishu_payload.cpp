#include "exlschema/notify/feishu_payload.hpp"

#include "exlschema/util/base64.hpp"
#include "exlschema/util/redact.hpp"
#include "exlschema/util/utf8.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <fmt/format.h>

#include <array>
#include <string_view>

namespace exl::notify {
namespace {

constexpr std::size_t k_max_table_lines = 60;
constexpr std::size_t k_max_task_lines = 60;
constexpr std::size_t k_max_reason_chars = 300;

std::string rows_text(const std::optional<std::int64_t>& rows) {
  return rows ? std::to_string(*rows) : "-";
}

// `text` cut to `limit` bytes on a character boundary: half a character is invalid UTF-8, which
// would cost the whole message.
std::string clip(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) {
    return text;
  }
  return std::string(util::utf8_prefix(text, limit)) + "...";
}

const char* status_mark(runner::TaskStatus s) {
  switch (s) {
  case runner::TaskStatus::Succeeded:
    return "✅";
  case runner::TaskStatus::Failed:
    return "❌";
  case runner::TaskStatus::Inconsistent:
    return "⚠️";
  case runner::TaskStatus::Skipped:
    return "⏭️";
  case runner::TaskStatus::Cancelled:
    return "⏹️";
  default:
    return "•";
  }
}

nlohmann::json markdown(const std::string& content) {
  return {{"tag", "div"}, {"text", {{"tag", "lark_md"}, {"content", util::redact(content)}}}};
}

struct Counts {
  int ok = 0;
  int failed = 0;
  int inconsistent = 0;
  int skipped = 0;
  int cancelled = 0;
};

Counts count(const report::RunReport& r) {
  Counts c;
  for (const auto& t : r.tables) {
    c.ok += t.status == runner::TaskStatus::Succeeded ? 1 : 0;
    c.failed += t.status == runner::TaskStatus::Failed ? 1 : 0;
    c.inconsistent += t.status == runner::TaskStatus::Inconsistent ? 1 : 0;
    c.skipped += t.status == runner::TaskStatus::Skipped ? 1 : 0;
    c.cancelled += t.status == runner::TaskStatus::Cancelled ? 1 : 0;
  }
  return c;
}

std::string summary_block(const report::RunReport& r, const Counts& c) {
  const auto total = std::chrono::duration_cast<std::chrono::milliseconds>(r.end - r.start);
  return "**Run** " + r.run_id + "  **Mode** " + r.mode + "  **" + r.source + " → " + r.target +
         "**\n**Total time** " + format_duration(total) + "  **Exit code** " +
         std::to_string(r.exit_code) + "\n**Tables** " + std::to_string(r.tables.size()) + ": " +
         std::to_string(c.ok) + " ok, " + std::to_string(c.failed) + " failed, " +
         std::to_string(c.inconsistent) + " inconsistent, " + std::to_string(c.skipped) +
         " skipped" + (c.cancelled > 0 ? ", " + std::to_string(c.cancelled) + " cancelled" : "");
}

std::string tables_block(const report::RunReport& r) {
  std::string text = "**Tables** (status | source rows | target rows | time)";
  for (std::size_t i = 0; i < r.tables.size() && i < k_max_table_lines; ++i) {
    const auto& t = r.tables[i];
    text += "\n" + std::string(status_mark(t.status)) + " " + t.table + " | " +
            runner::to_string(t.status) + " | " + rows_text(t.source_rows) + " | " +
            rows_text(t.target_rows) + " | " + format_duration(t.elapsed);
  }
  if (r.tables.size() > k_max_table_lines) {
    text += "\n... and " + std::to_string(r.tables.size() - k_max_table_lines) + " more";
  }
  return text;
}

std::string tasks_block(const report::RunReport& r) {
  std::string text = "**Tasks** (status | time | attempts)";
  for (std::size_t i = 0; i < r.tasks.size() && i < k_max_task_lines; ++i) {
    const auto& t = r.tasks[i];
    text += "\n" + t.name + " | " + runner::to_string(t.status) + " | " +
            format_duration(t.elapsed()) + " | " + std::to_string(t.attempts);
  }
  if (r.tasks.size() > k_max_task_lines) {
    text += "\n... and " + std::to_string(r.tasks.size() - k_max_task_lines) + " more";
  }
  return text;
}

// Failed or inconsistent tables with their reason and the mode that would repair them.
std::string failures_block(const report::RunReport& r) {
  std::string text;
  std::size_t shown = 0;
  for (const auto& t : r.tables) {
    if (t.status != runner::TaskStatus::Failed && t.status != runner::TaskStatus::Inconsistent) {
      continue;
    }
    if (shown++ == k_max_table_lines) {
      text += "\n... more in the run report";
      break;
    }
    // "count differs" and "content differs" (a checksum audit) are told apart on the card.
    const bool differs = t.outcome == "count differs" || t.outcome == "content differs";
    text += "\n" + t.table + ": " + (differs ? t.outcome + ": " : std::string()) +
            clip(t.error.empty() ? "counts differ" : t.error, k_max_reason_chars);
    if (!t.recommended_mode.empty()) {
      text += " (recommended: -o " + t.recommended_mode + ")";
    }
  }
  return text.empty() ? text : "**Failures**" + text;
}

} // namespace

nlohmann::json text_message(const std::string& text) {
  return {{"msg_type", "text"}, {"content", {{"text", util::redact(text)}}}};
}

std::string start_text(const RunStartInfo& info) {
  return "exlSchema run " + info.run_id + " started: -o " + info.mode + ", " + info.source + " → " +
         info.target + ", " + std::to_string(info.tables) + " table(s), " +
         std::to_string(info.threads) + " thread(s)" + (info.dry_run ? " (plan only)" : "");
}

std::string progress_text(const ProgressSnapshot& s) {
  return "exlSchema run " + s.run_id + " progress: " + std::to_string(s.done) + "/" +
         std::to_string(s.total) + " tasks done, " + std::to_string(s.running) + " running, " +
         std::to_string(s.failed) + " failed, " + std::to_string(s.rows) + " rows, elapsed " +
         format_duration(s.elapsed);
}

nlohmann::json final_card(const report::RunReport& r) {
  const Counts c = count(r);
  const bool bad = c.failed > 0 || r.exit_code == 1 || r.exit_code >= 128;
  const bool warn = c.inconsistent > 0 || r.exit_code == 3;
  const std::string outcome = bad ? "failed" : warn ? "inconsistent" : "succeeded";
  nlohmann::json elements = nlohmann::json::array();
  elements.push_back(markdown(summary_block(r, c)));
  elements.push_back({{"tag", "hr"}});
  elements.push_back(markdown(tables_block(r)));
  if (!r.tasks.empty()) {
    elements.push_back(markdown(tasks_block(r)));
  }
  if (const auto failures = failures_block(r); !failures.empty()) {
    elements.push_back({{"tag", "hr"}});
    elements.push_back(markdown(failures));
  }
  const std::string title =
      "exlSchema " + r.mode + " " + r.source + " → " + r.target + ": " + outcome;
  return {{"msg_type", "interactive"},
          {"card",
           {{"config", {{"wide_screen_mode", true}}},
            {"header",
             {{"title", {{"tag", "plain_text"}, {"content", util::redact(title)}}},
              {"template", bad    ? "red"
                           : warn ? "orange"
                                  : "green"}}},
            {"elements", elements}}}};
}

std::string feishu_sign(std::int64_t timestamp, const std::string& secret) {
  // Feishu's documented scheme: the key is "timestamp\nsecret", the message is empty.
  const std::string key = std::to_string(timestamp) + "\n" + secret;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  static const std::array<unsigned char, 1> empty{};
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), empty.data(), 0, digest.data(),
       &length);
  return util::base64_encode(
      std::string_view(reinterpret_cast<const char*>(digest.data()), length));
}

void add_signature(nlohmann::json& body, std::int64_t timestamp, const std::string& secret) {
  body["timestamp"] = std::to_string(timestamp);
  body["sign"] = feishu_sign(timestamp, secret);
}

std::string format_duration(std::chrono::milliseconds d) {
  const long long total_ms = d.count() < 0 ? 0 : d.count();
  const long long s = total_ms / 1000;
  if (s >= 3600) {
    return fmt::format("{}h {:02}m {:02}s", s / 3600, s % 3600 / 60, s % 60);
  }
  if (s >= 60) {
    return fmt::format("{}m {:02}s", s / 60, s % 60);
  }
  return fmt::format("{:.1f}s", static_cast<double>(total_ms) / 1000.0);
}

} // namespace exl::notify
