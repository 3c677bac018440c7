#include "exlschema/starrocks/names.hpp"

#include "exlschema/starrocks/version.hpp"

#include <algorithm>
#include <cstdint>

namespace exl::starrocks {
namespace {

bool is_ascii_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
  return is_ascii_letter(c) || is_ascii_digit(c) || c == '_';
}

std::string describe_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x80) {
    return "a non-ASCII character";
  }
  if (c == '\0') {
    return "a NUL character";
  }
  if (u < 0x20 || u == 0x7f) {
    return "a control character";
  }
  if (c == ' ') {
    return "a space";
  }
  return std::string("'") + c + "'";
}

// The shared rule of FeNameFormat: `^[a-zA-Z]\w{0,max-1}$|^_[a-zA-Z0-9]\w{0,max-2}$`.
std::optional<std::string> validate_word_name(std::string_view name, std::string_view what,
                                              std::size_t max_len) {
  std::string kind(what);
  if (name.empty()) {
    return "empty " + kind;
  }
  if (name.size() > max_len) {
    return kind + " is " + std::to_string(name.size()) + " characters long; StarRocks allows " +
           std::to_string(max_len);
  }
  for (char c : name) {
    if (!is_word_char(c)) {
      return "contains " + describe_char(c) + " which StarRocks does not allow in a " + kind;
    }
  }
  if (is_ascii_digit(name.front())) {
    return kind + " starts with a digit; StarRocks requires a letter or '_'";
  }
  if (name.front() == '_' && (name.size() == 1 || name[1] == '_')) {
    return kind + " must continue with a letter or digit after a leading '_'";
  }
  return std::nullopt;
}

std::string sanitize_label_part(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += (is_word_char(c) || c == '-') ? c : '_';
  }
  return out;
}

// Cuts `text` to `max_len`, replacing the tail with `_<hash of full text>` when it is too long.
std::string fit_with_hash(const std::string& text, std::size_t max_len) {
  if (text.size() <= max_len) {
    return text;
  }
  std::string hash = stable_hash_hex(text);
  return text.substr(0, max_len - hash.size() - 1) + "_" + hash;
}

} // namespace

std::optional<std::string> validate_database_name(std::string_view name) {
  return validate_word_name(name, "database name", k_max_database_name);
}

std::optional<std::string> validate_table_name(std::string_view name) {
  if (name.empty()) {
    return "empty table name";
  }
  if (name.size() > k_max_table_name) {
    return "table name is " + std::to_string(name.size()) + " characters long; StarRocks allows " +
           std::to_string(k_max_table_name);
  }
  if (name.find('\0') != std::string_view::npos) {
    return "contains a NUL character which StarRocks does not allow in a table name";
  }
  return std::nullopt;
}

std::optional<std::string> validate_table_name(std::string_view name, const Version& release) {
  if (!release.known || release.at_least(3, 3)) {
    return validate_table_name(name);
  }
  if (auto problem = validate_word_name(name, "table name", k_max_common_name)) {
    return *problem + " before 3.3 (this cluster runs " + std::to_string(release.major) + "." +
           std::to_string(release.minor) + "." + std::to_string(release.patch) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> validate_column_name(std::string_view name, const Version& release) {
  const std::size_t max_len = !release.known || release.at_least(3, 3) ? 1024 : 1023;
  if (name.empty()) {
    return "empty column name";
  }
  if (name.size() > max_len) {
    return "column name is " + std::to_string(name.size()) + " characters long; StarRocks allows " +
           std::to_string(max_len);
  }
  const auto bad = name.find_first_of(std::string_view("\0=<>!*", 6));
  if (bad != std::string_view::npos) {
    return "column name contains " + describe_char(name[bad]) + ", which StarRocks does not allow";
  }
  for (std::string_view prefix : {"__starrocks_shadow_", "__doris_shadow_"}) {
    if (name.substr(0, prefix.size()) == prefix) {
      return "column name starts with '" + std::string(prefix) + "', which StarRocks reserves";
    }
  }
  return std::nullopt;
}

std::optional<std::string> validate_partition_name(std::string_view name) {
  if (auto problem = validate_word_name(name, "partition name", k_max_common_name)) {
    return problem;
  }
  if (name.substr(0, 12) == "placeholder_") {
    return "partition name starts with 'placeholder_', which StarRocks reserves";
  }
  return std::nullopt;
}

std::optional<std::string> validate_common_name(std::string_view name, std::string_view what) {
  return validate_word_name(name, what, k_max_common_name);
}

std::optional<std::string> validate_label(std::string_view label) {
  if (label.empty() || label.size() > k_max_label) {
    return "a label must be 1.." + std::to_string(k_max_label) + " characters long";
  }
  for (char c : label) {
    if (!is_word_char(c) && c != '-') {
      return "label contains " + describe_char(c);
    }
  }
  return std::nullopt;
}

std::string stable_hash_hex(std::string_view text) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  static constexpr std::string_view k_hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = k_hex[h & 0xf];
    h >>= 4;
  }
  return out;
}

namespace {

// Each field as `<length>:<text>`, so that no two keys give the same text to hash.
std::string canonical_key(const LabelKey& key, const std::vector<std::string>& partitions) {
  std::string out;
  auto field = [&out](std::string_view text) {
    out += std::to_string(text.size()) + ":" + std::string(text);
  };
  field(key.source_alias);
  field(key.target_alias);
  field(key.mode);
  field(key.table);
  field(std::to_string(partitions.size()));
  for (const std::string& partition : partitions) {
    field(partition);
  }
  field(std::to_string(key.round));
  return out;
}

} // namespace

std::string make_label(const LabelKey& key) {
  std::vector<std::string> partitions = key.partitions;
  std::sort(partitions.begin(), partitions.end());
  partitions.erase(std::unique(partitions.begin(), partitions.end()), partitions.end());
  std::string readable = "exl_" + key.mode + "_" + key.table;
  for (const std::string& partition : partitions) {
    readable += "_" + partition;
  }
  std::string tail =
      "_r" + std::to_string(key.round) + "_" + stable_hash_hex(canonical_key(key, partitions));
  readable = sanitize_label_part(readable).substr(0, k_max_label - tail.size());
  return readable + tail;
}

// A readable run id is [A-Za-z0-9] words joined by single '-' (the real ones:
// 20241130T141116-ab12), at most 24 characters. Written with '_' for '-' and ended by "__", which
// such a run id never contains, so no run's prefix is a prefix of another's. Any other run id is
// written as `_<hash>`, which no readable one starts with.
std::string temp_name_prefix(std::string_view run_id) {
  constexpr std::string_view k_base = "exl_tmp_";
  constexpr std::size_t k_max_readable_run_id = 24;
  if (run_id.empty()) {
    return std::string(k_base);
  }
  bool readable = run_id.size() <= k_max_readable_run_id && run_id.front() != '-' &&
                  run_id.back() != '-' && run_id.find("--") == std::string_view::npos;
  std::string written;
  for (char c : run_id) {
    readable = readable && (is_ascii_letter(c) || is_ascii_digit(c) || c == '-');
    written += c == '-' ? '_' : c;
  }
  if (!readable) {
    written = "_" + stable_hash_hex(run_id);
  }
  return std::string(k_base) + written + "__";
}

std::string make_temp_name(std::string_view run_id, std::string_view name) {
  std::string raw = temp_name_prefix(run_id) + std::string(name);
  std::string clean;
  clean.reserve(raw.size());
  for (char c : raw) {
    clean += is_word_char(c) ? c : '_';
  }
  if (clean != raw) {
    clean += "_" + stable_hash_hex(raw).substr(0, 8);
  }
  return fit_with_hash(clean, k_max_common_name);
}

} // namespace exl::starrocks
