#include "list_keys.hpp"

#include "backend.hpp"
#include "sql_lexer.hpp"
#include "types.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>

namespace srsim::engine {

namespace {

// Bytes MariaDB may spend on direct string partition fields (its limit is a little over 3000
// bytes in total; 2048 leaves room for the other key columns).
constexpr std::size_t k_direct_budget = 2048;

std::string sha256_hex(const std::string& text) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr);
  std::string out;
  char buf[3];
  for (unsigned int i = 0; i < n; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", md[i]);
    out += buf;
  }
  return out;
}

// Bytes a partition column takes as a MariaDB partition field; SIZE_MAX when it cannot be one.
std::size_t field_bytes(const ColumnDef& c) {
  std::string t = to_upper(c.sql_type);
  if (t.find("TEXT") != std::string::npos || t.find("BLOB") != std::string::npos) {
    return SIZE_MAX;
  }
  if (t.rfind("VARCHAR(", 0) == 0 || t.rfind("CHAR(", 0) == 0) {
    return 4 * std::stoul(t.substr(t.find('(') + 1)); // utf8mb4
  }
  return 0; // numbers and dates: small, never hashed
}

std::vector<bool> hashed_columns(const TableModel& m) {
  std::vector<bool> out(m.partition.columns.size(), false);
  if (m.partition.type != "LIST") {
    return out;
  }
  std::vector<std::size_t> bytes;
  for (const std::string& name : m.partition.columns) {
    const ColumnDef* c = find_column(m, name);
    bytes.push_back(c ? field_bytes(*c) : 0);
  }
  // Hash what cannot be a field at all, then the longest strings until the rest fits.
  for (;;) {
    std::size_t total = 0, longest = 0, at = 0;
    bool impossible = false;
    for (std::size_t i = 0; i < bytes.size() && !impossible; ++i) {
      if (out[i]) {
        continue;
      }
      impossible = bytes[i] == SIZE_MAX;
      total += impossible ? 0 : bytes[i];
      if (impossible || bytes[i] > longest) {
        longest = bytes[i];
        at = i;
      }
    }
    if (!impossible && total <= k_direct_budget) {
      return out;
    }
    out[at] = true;
  }
}

std::string helper_name(std::size_t i) {
  return "__srsim_lk" + std::to_string(i);
}

} // namespace

bool list_key_hashed(const TableModel& model, std::size_t i) {
  std::vector<bool> h = hashed_columns(model);
  return i < h.size() && h[i];
}

std::vector<std::string> list_routing_columns(const TableModel& model) {
  std::vector<bool> h = hashed_columns(model);
  std::vector<std::string> out = model.partition.columns;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (h[i]) {
      out[i] = helper_name(i);
    }
  }
  return out;
}

std::string list_key_column_defs(const TableModel& model) {
  std::vector<bool> h = hashed_columns(model);
  std::string out;
  for (std::size_t i = 0; i < h.size(); ++i) {
    if (h[i]) {
      out += ",\n  " + quote_ident(helper_name(i)) +
             " CHAR(64) CHARACTER SET ascii COLLATE ascii_bin AS (SHA2(" +
             quote_ident(model.partition.columns[i]) + ", 256)) PERSISTENT INVISIBLE";
    }
  }
  return out;
}

std::string list_key_sql(const TableModel& model, std::size_t i, const std::string& value) {
  const ColumnDef* c = find_column(model, model.partition.columns[i]);
  std::string base = c ? c->base : "varchar";
  if (!list_key_hashed(model, i)) {
    return sql_value(base, value);
  }
  return quote_literal(sha256_hex(value));
}

} // namespace srsim::engine
