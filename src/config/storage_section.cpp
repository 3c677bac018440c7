// `storage:` (issue #17, docs/modes.md "-o files"):
//   storage:
//     format: auto            # auto | parquet | csv
//     source:                 # where the source exports (and the target reads, without target:)
//       endpoint: http://minio.internal:9000   # empty or absent: AWS S3 of region
//       bucket: migration
//       prefix: exlschema     # every run's objects go under <prefix>/<run id>/
//       region: us-east-1
//       path_style: true
//       access_key_env: EXL_S3_ACCESS_KEY
//       secret_key_env: EXL_S3_SECRET_KEY
//     target: { ... }         # a second location the target reads; exlSchema copies to it
#include "config/config_sections.hpp"

#include "exlschema/util/errors.hpp"

namespace exl::config {
namespace {

bool read_bool(const YamlScope& scope, std::string_view key, bool fallback) {
  const auto text = scope.get_string(key);
  if (!text) {
    return fallback;
  }
  if (*text == "true") {
    return true;
  }
  if (*text == "false") {
    return false;
  }
  scope.fail(key, "expected true or false");
}

std::string trim_slashes(std::string text) {
  while (!text.empty() && text.front() == '/') {
    text.erase(text.begin());
  }
  while (!text.empty() && text.back() == '/') {
    text.pop_back();
  }
  return text;
}

StorageLocationEntry read_location(const YamlScope& scope) {
  scope.allow_only(
      {"endpoint", "bucket", "prefix", "region", "path_style", "access_key_env", "secret_key_env"});
  StorageLocationEntry entry;
  entry.where = scope.where();
  entry.endpoint = scope.get_string("endpoint").value_or("");
  while (!entry.endpoint.empty() && entry.endpoint.back() == '/') {
    entry.endpoint.pop_back();
  }
  if (!entry.endpoint.empty() && entry.endpoint.rfind("http://", 0) != 0 &&
      entry.endpoint.rfind("https://", 0) != 0) {
    scope.fail("endpoint", "expected http://host[:port] or https://host[:port]");
  }
  if (entry.endpoint.find('@') != std::string::npos) {
    scope.fail("endpoint", "must not hold credentials; name them in access_key_env and "
                           "secret_key_env");
  }
  entry.bucket = scope.require_string("bucket");
  if (entry.bucket.empty() || entry.bucket.find('/') != std::string::npos) {
    scope.fail("bucket", "expected a bucket name (no '/'; the key prefix goes in prefix:)");
  }
  entry.prefix = trim_slashes(scope.get_string("prefix").value_or(entry.prefix));
  if (entry.prefix.empty()) {
    scope.fail("prefix", "must not be empty: clean removes what is under it");
  }
  entry.region = scope.get_string("region").value_or(entry.region);
  entry.path_style = read_bool(scope, "path_style", entry.path_style);
  entry.access_key_env = scope.require_string("access_key_env");
  entry.secret_key_env = scope.require_string("secret_key_env");
  return entry;
}

} // namespace

StorageEntry read_storage(const YamlScope& scope) {
  scope.allow_only({"format", "source", "target"});
  StorageEntry storage;
  storage.where = scope.where();
  storage.format = scope.get_string("format").value_or(storage.format);
  if (storage.format != "auto" && storage.format != "parquet" && storage.format != "csv") {
    scope.fail("format", "expected auto, parquet or csv");
  }
  if (!scope.has("source")) {
    scope.fail({}, "missing key 'source'");
  }
  storage.source = read_location(scope.child("source"));
  if (scope.has("target")) {
    storage.target = read_location(scope.child("target"));
  }
  return storage;
}

} // namespace exl::config
