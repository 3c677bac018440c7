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

#include "exlschema/config/secrets.hpp"
#include "exlschema/util/errors.hpp"
#include "exlschema/util/redact.hpp"

#include <cstdlib>

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

std::string read_env_value(const std::string& name, const std::string& where) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr || *value == '\0') {
    throw ConfigError("exlSchema: " + where + ": environment variable " + name + " is not set");
  }
  return value;
}

storage::StorageLocation resolve_location(const StorageLocationEntry& entry,
                                          const std::string& name) {
  storage::StorageLocation location;
  location.name = name;
  location.endpoint = entry.endpoint;
  location.bucket = entry.bucket;
  location.prefix = entry.prefix;
  location.region = entry.region;
  location.path_style = entry.path_style;
  location.access_key_env = entry.access_key_env;
  location.secret_key_env = entry.secret_key_env;
  location.access_key = read_env_value(entry.access_key_env, entry.where + ".access_key_env");
  location.secret_key = read_env_value(entry.secret_key_env, entry.where + ".secret_key_env");
  util::register_secret(location.access_key);
  util::register_secret(location.secret_key);
  return location;
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

StorageSettings resolve_storage(const StorageEntry& entry) {
  StorageSettings settings;
  settings.format = entry.format;
  settings.source = resolve_location(entry.source, "source");
  if (entry.target) {
    settings.target = resolve_location(*entry.target, "target");
    if (settings.target->same_bucket(*settings.source)) {
      settings.target.reset(); // one bucket both clusters read: nothing to copy
    }
  }
  return settings;
}

} // namespace exl::config
