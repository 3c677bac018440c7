// FILES(props) as a relation (files_table_function.hpp). Sources for every rule and message:
// docs/research/files-mode-facts.md §1, §3 (StarRocks files.md of 3.1 / 3.3 / main, FE
// TableFunctionTable, BE csv reader), summarised in docs/srsim.md "FILES()".

#include "files_table_function.hpp"

#include "backend.hpp"
#include "create_table_parser.hpp"
#include "ddl_translate.hpp"
#include "errors.hpp"
#include "metadata_store.hpp"
#include "sql_lexer.hpp"

#include <atomic>

namespace srsim::engine {

std::optional<std::string> FilesProps::get(const std::string& key) const {
  for (const auto& [k, v] : props) {
    if (k == key) {
      return v;
    }
  }
  return std::nullopt;
}

S3Url parse_s3_url(const std::string& url) {
  std::string rest;
  for (const char* scheme : {"s3://", "s3a://"}) {
    if (url.rfind(scheme, 0) == 0) {
      rest = url.substr(std::string(scheme).size());
    }
  }
  auto slash = rest.find('/');
  if (rest.empty() || slash == 0) {
    fail_unsupported("FILES() path " + url + " (srsim reaches s3:// and s3a:// paths only)");
  }
  if (slash == std::string::npos) {
    return {rest, ""};
  }
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

namespace {

bool prop_true(const FilesProps& p, const std::string& key, bool fallback) {
  auto v = p.get(key);
  return v ? to_lower(*v) == "true" : fallback;
}

} // namespace

ObjectStoreAccess object_store_access(const FilesProps& p) {
  if (prop_true(p, "aws.s3.use_instance_profile", false)) {
    fail_unsupported("FILES() with aws.s3.use_instance_profile = true");
  }
  if (p.get("aws.s3.iam_role_arn")) {
    fail_unsupported("FILES() with aws.s3.iam_role_arn");
  }
  ObjectStoreAccess a;
  auto endpoint = p.get("aws.s3.endpoint");
  if (!endpoint || endpoint->empty()) {
    fail_unsupported("FILES() without aws.s3.endpoint (AWS S3 itself is not reachable from a "
                     "test)");
  }
  a.endpoint = *endpoint;
  a.ssl = prop_true(p, "aws.s3.enable_ssl", true);
  a.path_style = prop_true(p, "aws.s3.enable_path_style_access", false);
  a.region = p.get("aws.s3.region").value_or("us-east-1");
  a.access_key = p.get("aws.s3.access_key").value_or("");
  a.secret_key = p.get("aws.s3.secret_key").value_or("");
  return a;
}

namespace {

// One segment (no '/') of a glob against one segment of a key.
bool segment_match(const char* p, const char* pe, const char* s, const char* se) {
  while (p < pe) {
    if (*p == '*') {
      for (const char* t = s; t <= se; ++t) {
        if (segment_match(p + 1, pe, t, se)) {
          return true;
        }
      }
      return false;
    }
    if (s == se) {
      return false;
    }
    if (*p == '?') {
      ++p;
      ++s;
      continue;
    }
    if (*p == '[') {
      const char* q = p + 1;
      bool negate = q < pe && (*q == '^' || *q == '!');
      if (negate) {
        ++q;
      }
      bool hit = false;
      const char* close = q;
      while (close < pe && (*close != ']' || close == q)) {
        ++close;
      }
      if (close < pe) {
        for (const char* c = q; c < close; ++c) {
          if (c + 2 < close && c[1] == '-') {
            hit = hit || (*s >= c[0] && *s <= c[2]);
            c += 2;
          } else {
            hit = hit || *s == *c;
          }
        }
        if (hit == negate) {
          return false;
        }
        p = close + 1;
        ++s;
        continue;
      }
    }
    if (*p != *s) {
      return false;
    }
    ++p;
    ++s;
  }
  return s == se;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::size_t b = 0;
  for (std::size_t e; (e = text.find(sep, b)) != std::string::npos; b = e + 1) {
    out.push_back(text.substr(b, e - b));
  }
  out.push_back(text.substr(b));
  return out;
}

std::string trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool has_glob(const std::string& key) {
  return key.find_first_of("*?[") != std::string::npos;
}

} // namespace

bool files_glob_match(const std::string& pattern, const std::string& key) {
  std::vector<std::string> ps = split(pattern, '/'), ks = split(key, '/');
  if (ps.size() != ks.size()) {
    return false;
  }
  for (std::size_t i = 0; i < ps.size(); ++i) {
    const std::string &p = ps[i], &k = ks[i];
    if (!segment_match(p.data(), p.data() + p.size(), k.data(), k.data() + k.size())) {
      return false;
    }
  }
  return true;
}

std::string files_delimiter(const std::string& value) {
  if (value.size() > 2 && value[0] == '\\' && (value[1] == 'x' || value[1] == 'X')) {
    std::string out;
    for (std::size_t i = 2; i + 1 < value.size(); i += 2) {
      out += static_cast<char>(std::stoi(value.substr(i, 2), nullptr, 16));
    }
    return out;
  }
  return value;
}

std::vector<std::vector<std::optional<std::string>>> parse_files_csv(const std::string& data,
                                                                     const CsvReadOptions& opt) {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::vector<std::optional<std::string>> row;
  std::string field;
  bool enclosed = false; // the current field began with the enclose byte
  bool any = false;      // the current field has content or quoting (for blank-row detection)
  long skipped = 0;
  auto end_field = [&] {
    if (!enclosed && opt.trim) {
      field = trim(field);
    }
    if (!enclosed && field == "\\N") {
      row.emplace_back(std::nullopt);
    } else {
      row.emplace_back(field);
    }
    field.clear();
    enclosed = false;
  };
  auto end_row = [&] {
    end_field();
    bool blank = row.size() == 1 && row[0] && row[0]->empty() && !any;
    if (!blank) {
      if (skipped < opt.skip_header) {
        ++skipped;
      } else {
        rows.push_back(std::move(row));
      }
    }
    row.clear();
    any = false;
  };
  std::size_t i = 0, n = data.size();
  while (i < n) {
    char c = data[i];
    if (opt.escape && c == opt.escape && i + 1 < n) {
      field += data[i + 1];
      any = true;
      i += 2;
      continue;
    }
    if (opt.enclose && c == opt.enclose && field.empty() && !enclosed) {
      // An enclosed field: up to the closing enclose (a doubled one is a literal).
      enclosed = true;
      any = true;
      ++i;
      while (i < n) {
        if (opt.escape && data[i] == opt.escape && i + 1 < n) {
          field += data[i + 1];
          i += 2;
        } else if (data[i] == opt.enclose) {
          if (i + 1 < n && data[i + 1] == opt.enclose) {
            field += opt.enclose;
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          field += data[i++];
        }
      }
      continue;
    }
    if (data.compare(i, opt.sep.size(), opt.sep) == 0) {
      end_field();
      any = true;
      i += opt.sep.size();
      continue;
    }
    if (data.compare(i, opt.delim.size(), opt.delim) == 0) {
      end_row();
      i += opt.delim.size();
      continue;
    }
    field += c;
    any = true;
    ++i;
  }
  if (any || !field.empty() || !row.empty()) {
    end_row();
  }
  return rows;
}

FilesRelations::~FilesRelations() {
  for (const std::string& t : m_tables) {
    try {
      m_ctx.conn.exec("DROP TEMPORARY TABLE IF EXISTS " + t);
    } catch (const std::exception&) {
      // The connection is gone, and its temporary tables with it.
    }
  }
}

std::string FilesRelations::materialize(const std::string& sql) {
  std::vector<Token> t = tokenize(sql);
  std::string out;
  std::size_t copied = 0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    bool files = t[i].kind == TokenKind::Word && t[i].upper == "FILES" &&
                 t[i + 1].kind == TokenKind::Symbol && t[i + 1].text == "(" &&
                 !(i > 0 && t[i - 1].kind == TokenKind::Symbol && t[i - 1].text == ".");
    if (!files) {
      continue;
    }
    Cursor cur(sql);
    cur.seek(i + 1);
    FilesProps props{parse_properties(cur)};
    std::size_t close = cur.position() - 1;
    out += sql.substr(copied, t[i].begin - copied) + load(props);
    copied = t[close].end;
    i = close;
  }
  return copied == 0 ? sql : out + sql.substr(copied);
}

std::string FilesRelations::load(const FilesProps& p) {
  const Version& v = m_ctx.version();
  if (!v.at_least(3, 1)) {
    // FILES() came in 3.1 (files.md "supported from v3.1.0"); 2.5's grammar reads FILES(..) as an
    // ordinary table function call, whose exact refusal was not checked.
    fail_unsupported("FILES() before StarRocks 3.1 (2.5's own error was not checked)");
  }
  // TableFunctionTable.parseProperties (3.1 .. main): path, then format.
  auto path = p.get("path");
  if (!path) {
    fail_analyzing("path is null. Please add properties(path='xxx') when create table");
  }
  auto format = p.get("format");
  if (!format) {
    fail_analyzing("format is null. Please add properties(format='xxx') when create table");
  }
  std::string fmt = to_lower(*format);
  // 3.1 / 3.2 load Parquet and ORC only; CSV from 3.3 (feature-support-loading-and-unloading.md).
  bool known = fmt == "parquet" || fmt == "orc" || (fmt == "csv" && v.at_least(3, 3)) ||
               (fmt == "avro" && v.at_least(3, 4, 4));
  if (!known) {
    fail_analyzing("not supported format: " + *format);
  }
  if (fmt != "csv") {
    fail_unsupported("format " + fmt + " in FILES() (srsim reads csv only)");
  }
  CsvReadOptions opt;
  if (auto s = p.get("csv.column_separator")) {
    opt.sep = files_delimiter(*s);
  }
  if (auto s = p.get("csv.row_delimiter")) {
    opt.delim = files_delimiter(*s);
  }
  if (opt.sep.empty() || opt.delim.empty()) {
    fail_unsupported("FILES() with an empty csv.column_separator or csv.row_delimiter");
  }
  if (auto s = p.get("csv.enclose")) {
    if (s->empty()) {
      fail_analyzing("empty property csv.enclose");
    }
    opt.enclose = (*s)[0];
  }
  if (auto s = p.get("csv.escape")) {
    if (s->empty()) {
      fail_analyzing("empty property csv.escape");
    }
    opt.escape = (*s)[0];
  }
  if (auto s = p.get("csv.skip_header")) {
    try {
      std::size_t used = 0;
      opt.skip_header = std::stol(*s, &used);
      if (used != s->size()) {
        throw std::invalid_argument(*s);
      }
    } catch (const std::exception&) {
      fail_analyzing("failed to parse csv.skip_header: " + *s);
    }
  }
  if (auto s = p.get("csv.trim_space")) {
    std::string l = to_lower(*s);
    if (l != "true" && l != "false") {
      fail_analyzing("illegal value of csv.trim_space: " + *s + ", only true/false allowed");
    }
    opt.trim = l == "true";
  }
  for (const char* unsupported : {"columns_from_path", "list_files_only", "schema"}) {
    if (p.get(unsupported)) {
      fail_unsupported(std::string("FILES() property ") + unsupported);
    }
  }
  ObjectStoreAccess access = object_store_access(p);

  // The objects: a comma-separated list of files, directories (ending in '/') and globs.
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::size_t files = 0;
  try {
    for (const std::string& piece : split(*path, ',')) {
      S3Url url = parse_s3_url(trim(piece));
      SimObjectStore store(access, url.bucket);
      std::vector<std::string> keys;
      if (has_glob(url.key)) {
        std::string fixed = url.key.substr(0, url.key.find_first_of("*?["));
        fixed = fixed.substr(0, fixed.rfind('/') + 1);
        for (const StoredObject& o : store.list(fixed)) {
          if (files_glob_match(url.key, o.key)) {
            keys.push_back(o.key);
          }
        }
      } else if (url.key.empty() || url.key.back() == '/') {
        for (const StoredObject& o : store.list(url.key)) {
          if (o.key.find('/', url.key.size()) == std::string::npos) { // not in a subdirectory
            keys.push_back(o.key);
          }
        }
      } else {
        for (const StoredObject& o : store.list(url.key)) {
          if (o.key == url.key) {
            keys.push_back(o.key);
          }
        }
      }
      for (const std::string& k : keys) {
        ++files;
        for (auto& r : parse_files_csv(store.get(k), opt)) {
          rows.push_back(std::move(r));
        }
      }
    }
  } catch (const ObjectStoreError& e) {
    fail_plain(1064, std::string("srsim FILES(): object store request failed: ") + e.what());
  }
  if (files == 0) {
    // TableFunctionTable.parseFilesForCsv (3.1 .. 3.3): DdlException.
    fail_analyzing("no file found with given path pattern: " + *path);
  }
  if (rows.empty()) {
    fail_unsupported("FILES() over CSV files that hold no row (no schema to detect)");
  }
  std::size_t width = rows[0].size();
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != width) {
      fail_unsupported("FILES() CSV rows of different column counts (row " + std::to_string(r + 1) +
                       " has " + std::to_string(rows[r].size()) + ", the first " +
                       std::to_string(width) + ")");
    }
  }

  static std::atomic<std::uint64_t> counter{0};
  std::string table = table_ref(k_meta_db, "files_" + std::to_string(++counter));
  std::string cols;
  for (std::size_t c = 1; c <= width; ++c) {
    cols += (c > 1 ? ", " : "") + quote_ident("$" + std::to_string(c)) + " LONGTEXT NULL";
  }
  m_ctx.conn.exec("CREATE TEMPORARY TABLE " + table + " (" + cols + ") ENGINE=Aria " +
                  k_table_charset);
  m_tables.push_back(table);
  constexpr std::size_t k_chunk = 4 << 20;
  std::string batch;
  auto flush = [&] {
    if (!batch.empty()) {
      m_ctx.conn.exec("INSERT INTO " + table + " VALUES " + batch);
      batch.clear();
    }
  };
  for (const auto& r : rows) {
    std::string values;
    for (std::size_t c = 0; c < r.size(); ++c) {
      values += (c ? ", " : "") + (r[c] ? m_ctx.conn.quote(*r[c]) : std::string("NULL"));
    }
    batch += (batch.empty() ? "(" : ", (") + values + ")";
    if (batch.size() >= k_chunk) {
      flush();
    }
  }
  flush();
  return table;
}

} // namespace srsim::engine
