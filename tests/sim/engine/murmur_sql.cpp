#include "murmur_sql.hpp"

#include "sql_lexer.hpp"

namespace srsim::engine {

namespace {

// 32-bit wrap-around arithmetic done in BIGINT: products are split so that no intermediate
// exceeds 2^48.
const char* const k_functions[] = {
    "DROP FUNCTION IF EXISTS `__srsim`.mul32",
    "CREATE FUNCTION `__srsim`.mul32(a BIGINT UNSIGNED, b BIGINT UNSIGNED) RETURNS BIGINT "
    "UNSIGNED DETERMINISTIC RETURN ((a * (b & 65535)) + (((a * (b >> 16)) & 65535) << 16)) & "
    "4294967295",
    "DROP FUNCTION IF EXISTS `__srsim`.rotl32",
    "CREATE FUNCTION `__srsim`.rotl32(x BIGINT UNSIGNED, r INT) RETURNS BIGINT UNSIGNED "
    "DETERMINISTIC RETURN ((x << r) | (x >> (32 - r))) & 4294967295",
    "DROP FUNCTION IF EXISTS `__srsim`.mmh3_u",
    "CREATE FUNCTION `__srsim`.mmh3_u(s LONGBLOB, seed BIGINT UNSIGNED) RETURNS BIGINT UNSIGNED "
    "DETERMINISTIC BEGIN\n"
    "  DECLARE h BIGINT UNSIGNED DEFAULT seed;\n"
    "  DECLARE n INT DEFAULT LENGTH(s);\n"
    "  DECLARE i INT DEFAULT 1;\n"
    "  DECLARE k BIGINT UNSIGNED DEFAULT 0;\n"
    "  IF s IS NULL OR seed IS NULL THEN RETURN NULL; END IF;\n"
    "  WHILE i + 3 <= n DO\n"
    "    SET k = ASCII(SUBSTRING(s, i, 1)) | (ASCII(SUBSTRING(s, i + 1, 1)) << 8) |\n"
    "            (ASCII(SUBSTRING(s, i + 2, 1)) << 16) | (ASCII(SUBSTRING(s, i + 3, 1)) << 24);\n"
    "    SET k = `__srsim`.mul32(`__srsim`.rotl32(`__srsim`.mul32(k, 3432918353), 15), "
    "461845907);\n"
    "    SET h = `__srsim`.rotl32(h ^ k, 13);\n"
    "    SET h = (`__srsim`.mul32(h, 5) + 3864292196) & 4294967295;\n"
    "    SET i = i + 4;\n"
    "  END WHILE;\n"
    "  SET k = 0;\n"
    "  IF n - i >= 2 THEN SET k = k ^ (ASCII(SUBSTRING(s, i + 2, 1)) << 16); END IF;\n"
    "  IF n - i >= 1 THEN SET k = k ^ (ASCII(SUBSTRING(s, i + 1, 1)) << 8); END IF;\n"
    "  IF n - i >= 0 THEN\n"
    "    SET k = k ^ ASCII(SUBSTRING(s, i, 1));\n"
    "    SET h = h ^ `__srsim`.mul32(`__srsim`.rotl32(`__srsim`.mul32(k, 3432918353), 15), "
    "461845907);\n"
    "  END IF;\n"
    "  SET h = h ^ n;\n"
    "  SET h = h ^ (h >> 16);\n"
    "  SET h = `__srsim`.mul32(h, 2246822507);\n"
    "  SET h = h ^ (h >> 13);\n"
    "  SET h = `__srsim`.mul32(h, 3266489909);\n"
    "  SET h = h ^ (h >> 16);\n"
    "  RETURN h;\n"
    "END",
    "DROP FUNCTION IF EXISTS `__srsim`.to_int32",
    "CREATE FUNCTION `__srsim`.to_int32(h BIGINT UNSIGNED) RETURNS INT DETERMINISTIC "
    "RETURN IF(h >= 2147483648, CAST(h AS SIGNED) - 4294967296, CAST(h AS SIGNED))",
};

std::uint32_t rotl(std::uint32_t x, int r) {
  return (x << r) | (x >> (32 - r));
}

std::uint32_t murmur_one(const std::string& data, std::uint32_t seed) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  std::size_t n = data.size();
  std::uint32_t h = seed;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    std::uint32_t k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) |
                      (static_cast<std::uint32_t>(bytes[i + 3]) << 24);
    k = rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
    h = rotl(h ^ k, 13) * 5 + 0xe6546b64u;
  }
  std::uint32_t k = 0;
  switch (n - i) {
  case 3:
    k ^= bytes[i + 2] << 16;
    [[fallthrough]];
  case 2:
    k ^= bytes[i + 1] << 8;
    [[fallthrough]];
  case 1:
    k ^= bytes[i];
    h ^= rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
  }
  h ^= static_cast<std::uint32_t>(n);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

} // namespace

void install_murmur_function(Backend& conn) {
  for (const char* sql : k_functions) {
    conn.exec(sql);
  }
}

std::int32_t murmur_hash3_32(const std::vector<std::string>& args) {
  std::uint32_t seed = k_murmur_seed;
  for (const std::string& a : args) {
    seed = murmur_one(a, seed);
  }
  return static_cast<std::int32_t>(seed);
}

namespace {

std::string murmur_call(const std::vector<std::string>& args) {
  std::string expr = std::to_string(k_murmur_seed);
  for (const std::string& a : args) {
    expr = "`__srsim`.mmh3_u(" + a + ", " + expr + ")";
  }
  return "`__srsim`.to_int32(" + expr + ")";
}

// StarRocks: BOOLEAN sleep(INT x), 1 when the sleep completed, 0 when interrupted, NULL for a
// NULL argument without sleeping (docs sql-functions/utility-functions/sleep.md). MariaDB's
// SLEEP returns 0 when completed and 1 when interrupted, and 0 for NULL.
std::string sleep_call(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    return "";
  }
  return "IF((" + args[0] + ") IS NULL, NULL, 1 - SLEEP(" + args[0] + "))";
}

using CallRewrite = std::string (*)(const std::vector<std::string>& args);

CallRewrite rewrite_for(const Token& name) {
  if (name.upper == "MURMUR_HASH3_32") {
    return murmur_call;
  }
  if (name.upper == "SLEEP") {
    return sleep_call;
  }
  return nullptr;
}

} // namespace

std::string rewrite_function_calls(const std::string& sql) {
  std::vector<Token> tokens = tokenize(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    CallRewrite rewrite = tokens[i].kind == TokenKind::Word ? rewrite_for(tokens[i]) : nullptr;
    if (rewrite == nullptr || tokens[i + 1].text != "(" ||
        tokens[i + 1].kind != TokenKind::Symbol || (i > 0 && tokens[i - 1].text == ".")) {
      continue;
    }
    // Collect top-level argument texts up to the matching ')'.
    std::vector<std::string> args;
    std::size_t arg_begin = tokens[i + 1].end;
    int depth = 0;
    std::size_t j = i + 1;
    for (; j < tokens.size() && tokens[j].kind != TokenKind::End; ++j) {
      const Token& t = tokens[j];
      if (t.kind == TokenKind::Symbol && t.text == "(") {
        ++depth;
      } else if (t.kind == TokenKind::Symbol && t.text == ")" && --depth == 0) {
        args.push_back(rewrite_function_calls(sql.substr(arg_begin, t.begin - arg_begin)));
        break;
      } else if (t.kind == TokenKind::Symbol && t.text == "," && depth == 1) {
        args.push_back(rewrite_function_calls(sql.substr(arg_begin, t.begin - arg_begin)));
        arg_begin = t.end;
      }
    }
    std::string expr = rewrite(args);
    if (expr.empty()) {
      continue; // a form StarRocks would refuse: left to MariaDB as written
    }
    out += sql.substr(copied, tokens[i].begin - copied) + expr;
    // A bare select item keeps StarRocks's column header (the call as written).
    const Token& before = i > 0 ? tokens[i - 1] : tokens.back();
    const Token& after = tokens[j + 1 < tokens.size() ? j + 1 : j];
    bool item_start = i > 0 && (before.upper == "SELECT" || before.text == ",");
    bool item_end = after.kind == TokenKind::End || after.text == "," || after.upper == "FROM";
    if (item_start && item_end) {
      std::string header = sql.substr(tokens[i].begin, tokens[j].end - tokens[i].begin);
      std::string quoted;
      for (char c : header) {
        quoted += c == '`' ? std::string("``") : std::string(1, c);
      }
      out += " AS `" + quoted + "`";
    }
    copied = tokens[j].end;
    i = j;
  }
  return out + sql.substr(copied);
}

} // namespace srsim::engine
