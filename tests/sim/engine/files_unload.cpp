// INSERT INTO FILES(props) SELECT ... (unload). Sources: docs/research/files-mode-facts.md §1-2:
// FE InsertStmt.makeTableFunctionTable (3.2) and TableFunctionTable.parsePropertiesForUnload
// (3.3+) for the property checks and their texts; BE csv_file_writer.cpp, string_converter.cpp,
// nullable_converter.cpp for the CSV bytes; connector/file/file_chunk_sink.cpp for the names.

#include "create_table_parser.hpp"
#include "errors.hpp"
#include "files_table_function.hpp"
#include "handlers.hpp"
#include "sql_lexer.hpp"

#include <random>

namespace srsim::engine {

namespace {

// A query id as StarRocks prints one (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).
std::string new_query_id() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::uint64_t a = rng(), b = rng();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>(a >> 16) & 0xffff, static_cast<unsigned>(a) & 0xffff,
                static_cast<unsigned>(b >> 48),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

bool bool_prop(const FilesProps& p, const std::string& key, bool fallback) {
  auto v = p.get(key);
  if (!v) {
    return fallback;
  }
  std::string l = to_lower(*v);
  if (l != "true" && l != "false") {
    fail_analyzing("got invalid parameter \"" + key + "\" = \"" + *v +
                   "\", expect a boolean value (true or false)");
  }
  return l == "true";
}

// The 3.2 checks (InsertStmt.makeTableFunctionTable; only Parquet is written).
std::string check_v32(const FilesProps& p) {
  auto format = p.get("format");
  if (!format) {
    fail_analyzing("format is a mandatory property. Use \"format\" = \"parquet\" as only parquet "
                   "format is supported now");
  }
  if (to_lower(*format) != "parquet") {
    fail_analyzing("use \"format\" = \"parquet\", as only parquet format is supported now");
  }
  if (auto c = p.get("compression")) {
    static const char* k_codecs[] = {"uncompressed", "gzip", "brotli", "zstd", "lz4"};
    bool ok = false;
    for (const char* k : k_codecs) {
      ok = ok || to_lower(*c) == k;
    }
    if (!ok) {
      fail_analyzing("compression type " + *c +
                     " is not supported. Use any of (uncompressed, gzip, brotli, zstd, lz4).");
    }
  }
  return "parquet";
}

// The 3.3+ checks (TableFunctionTable.parsePropertiesForUnload).
std::string check_v33(const FilesProps& p) {
  auto format = p.get("format");
  if (!format) {
    fail_analyzing("format is a mandatory property. Use any of (parquet, orc, csv)");
  }
  std::string fmt = to_lower(*format);
  if (fmt != "parquet" && fmt != "orc" && fmt != "csv") {
    fail_analyzing("Unsupported format " + *format + ". Use any of (parquet, orc, csv)");
  }
  if (auto c = p.get("compression")) {
    static const char* k_codecs[] = {"uncompressed", "snappy", "lz4", "zstd", "gzip"};
    bool ok = false;
    for (const char* k : k_codecs) {
      ok = ok || to_lower(*c) == k;
    }
    if (!ok) {
      fail_analyzing("Unsupported compression codec " + *c +
                     ". Use any of (uncompressed, snappy, lz4, zstd, gzip)");
    }
  }
  return fmt;
}

} // namespace

Reply insert_into_files(Ctx& ctx, Cursor& cur, bool overwrite) {
  const Version& v = ctx.version();
  std::size_t files_at = cur.position();
  if (!v.at_least(3, 2)) {
    // Before 3.2 insertStatement has only `qualifiedName partitionNames? (WITH LABEL ..)?
    // columnAliases?` after INTO (StarRocks.g4 of 3.1); FILES is a non-reserved word there, so it
    // parses as a table name and the '(' opens a column list, which cannot hold the first
    // property's string: the syntax error stands at that string.
    cur.syntax_error_at(files_at + 2);
  }
  cur.next(); // FILES
  FilesProps p{parse_properties(cur)};
  if (overwrite) {
    fail_unsupported("INSERT OVERWRITE FILES(...)");
  }
  if (!cur.is_kw("SELECT") && !cur.is_kw("WITH") && !cur.is_sym("(")) {
    fail_unsupported("INSERT INTO FILES(...) with anything but a query after the properties");
  }
  std::string query = cur.rest_from(cur.position());

  auto path = p.get("path");
  if (!path) {
    fail_analyzing("path is a mandatory property. \"path\" = \"s3://path/to/your/location/\"");
  }
  std::string fmt = v.at_least(3, 3) ? check_v33(p) : check_v32(p);
  bool single = bool_prop(p, "single", false);
  if (p.get("partition_by")) {
    if (single) {
      fail_analyzing("cannot use partition_by and single simultaneously");
    }
    fail_unsupported("partition_by in INSERT INTO FILES");
  }
  std::uint64_t max_size = 1073741824; // session connector_sink_target_max_file_size
  if (auto s = p.get(v.at_least(3, 3) ? "target_max_file_size" : "max_file_size")) {
    try {
      max_size = std::stoull(*s);
    } catch (const std::exception&) {
      fail_unsupported("target_max_file_size " + *s + " (srsim takes a number of bytes)");
    }
  }
  std::string sep = "\t", delim = "\n";
  bool header = false;
  if (fmt == "csv") {
    if (auto s = p.get("csv.column_separator")) {
      sep = files_delimiter(*s);
      if (sep.empty() || sep.size() > 50) {
        fail_analyzing("The valid bytes length for 'csv.column_separator' is [1, 50]");
      }
    }
    if (auto s = p.get("csv.row_delimiter")) {
      delim = files_delimiter(*s);
      if (delim.empty() || delim.size() > 50) {
        fail_analyzing("The valid bytes length for 'csv.row_delimiter' is [1, 50]");
      }
    }
    header = bool_prop(p, "csv.include_header", false);
  }
  if (fmt != "csv") {
    fail_unsupported("format " + fmt + " in INSERT INTO FILES (srsim writes csv only)");
  }
  S3Url url = parse_s3_url(*path);
  ObjectStoreAccess access = object_store_access(p);

  // The query, through srsim's normal path (FILES() relations inside it too).
  FilesRelations relations(ctx);
  std::string rewritten = rewrite_query(ctx, relations.materialize(query));
  ResultSet rs =
      run_watched(ctx, deadline_for(ctx, true), true, [&] { return ctx.conn.query(rewritten); });

  // BE CSVFileWriter: compression is refused when the writer is created (the FE accepted it).
  std::string compression = to_lower(p.get("compression").value_or("uncompressed"));
  if (compression != "uncompressed") {
    fail_plain(1064, "not supported compression type " + compression);
  }

  // FE: path gets a trailing '/'; BE: <path><query_id>_<be_number>_<driver_id>_<index>.csv.
  std::string prefix = url.key;
  if (!prefix.empty() && prefix.back() != '/') {
    prefix += '/';
  }
  std::string query_id = new_query_id();
  SimObjectStore store(access, url.bucket);
  std::string body;
  int index = 0;
  auto header_text = [&] {
    std::string h;
    for (std::size_t c = 0; c < rs.columns.size(); ++c) {
      h += (c ? sep : "") + rs.columns[c];
    }
    return h + delim;
  };
  auto flush = [&] {
    store.put(prefix + query_id + "_10001_0_" + std::to_string(index++) + ".csv", body);
    body.clear();
  };
  try {
    for (const auto& row : rs.rows) {
      if (body.empty() && header) {
        body = header_text();
      }
      for (std::size_t c = 0; c < row.size(); ++c) {
        // NullableConverter: NULL is \N; StringConverter: values raw, nothing escaped.
        body += (c ? sep : "") + (row[c] ? *row[c] : std::string("\\N"));
      }
      body += delim;
      if (!single && body.size() >= max_size) {
        flush();
      }
    }
    if (!body.empty()) {
      flush();
    }
  } catch (const ObjectStoreError& e) {
    fail_plain(1064,
               std::string("srsim INSERT INTO FILES: object store request failed: ") + e.what());
  }
  OkReply ok;
  ok.affected_rows = rs.rows.size();
  return ok;
}

} // namespace srsim::engine
