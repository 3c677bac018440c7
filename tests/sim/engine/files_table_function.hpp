#pragma once

// The FILES() table function (docs/srsim.md "FILES()"; facts and sources in
// docs/research/files-mode-facts.md):
//  - FILES(props) as a relation in a SELECT or in an INSERT's query: the CSV objects it names
//    are fetched with srsim's own S3 client (sim_object_store.hpp), parsed with StarRocks's CSV
//    rules, and loaded into a session-private scratch table `__srsim`.files_<n> with TEXT
//    columns `$1`..`$n`; the query then runs through srsim's normal path with FILES(...)
//    replaced by that table (dropped again when the statement ends, also on error);
//  - INSERT INTO FILES(props) SELECT ... (unload, files_unload.cpp): CSV objects written as
//    StarRocks 3.3+ names and fills them.

#include "engine_state.hpp"
#include "model.hpp"
#include "sim_object_store.hpp"
#include "sql_cursor.hpp"

#include <optional>
#include <string>
#include <vector>

namespace srsim::engine {

// The properties of one FILES(...) call, in the order written.
struct FilesProps {
  Properties props;
  std::optional<std::string> get(const std::string& key) const;
};

// "s3://bucket/key" or "s3a://bucket/key" split; anything else is refused (srsim reaches object
// stores over S3 only).
struct S3Url {
  std::string bucket;
  std::string key;
};
S3Url parse_s3_url(const std::string& url);

// The aws.s3.* properties as srsim's client needs them. srsim reaches S3-compatible endpoints
// only: no aws.s3.endpoint (AWS S3 itself) and aws.s3.use_instance_profile=true are refused as
// unsupported.
ObjectStoreAccess object_store_access(const FilesProps& p);

// StarRocks's glob on one object key: `*` and `?` and `[...]` (`[^...]`/`[!...]` negated) match
// within one '/'-separated segment; every other byte stands for itself.
bool files_glob_match(const std::string& pattern, const std::string& key);

// The byte string of a csv.column_separator / csv.row_delimiter value: as the SQL literal gave
// it, or hex bytes after a `\x` prefix (StarRocks's Delimiter.convertDelimiter).
std::string files_delimiter(const std::string& value);

// StarRocks's CSV reader rules for FILES(): fields split by `sep`, rows by `delim`; `enclose`
// (0 = none) RFC4180-style with a doubled enclose as a literal; `escape` (0 = none) makes the
// next byte literal inside and outside enclose; `trim` trims spaces around unenclosed fields;
// `\N` (unenclosed) is NULL. Blank rows are skipped; `skip_header` rows are dropped first.
struct CsvReadOptions {
  std::string sep = "\t";
  std::string delim = "\n";
  char enclose = 0;
  char escape = 0;
  bool trim = false;
  long skip_header = 0;
};
std::vector<std::vector<std::optional<std::string>>> parse_files_csv(const std::string& data,
                                                                     const CsvReadOptions& opt);

// Replaces every FILES(...) relation of one statement's query by a scratch table and drops the
// scratch tables when it goes out of scope.
class FilesRelations {
public:
  explicit FilesRelations(Ctx& ctx) : m_ctx(ctx) {}
  ~FilesRelations();
  FilesRelations(const FilesRelations&) = delete;
  FilesRelations& operator=(const FilesRelations&) = delete;
  // `sql` with each FILES(...) relation replaced (unchanged when it has none).
  std::string materialize(const std::string& sql);

private:
  std::string load(const FilesProps& props);
  Ctx& m_ctx;
  std::vector<std::string> m_tables;
};

// INSERT [OVERWRITE|INTO] FILES(...) ...; the cursor stands at FILES (files_unload.cpp).
Reply insert_into_files(Ctx& ctx, Cursor& cur, bool overwrite);

} // namespace srsim::engine
