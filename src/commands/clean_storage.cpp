// `exlSchema clean`, object storage (issue #17): -o files writes every run's objects under
// `<prefix>/<run id>/` of its location(s) and deletes them once a table is verified; what a
// crashed, interrupted or inconsistent run (or -keep-files) left is found here, one line per run
// prefix, and deleted with -r. Nothing outside `<prefix>/` is ever listed or touched.
#include "exlschema/commands/clean_command.hpp"

#include "exlschema/report/format.hpp"
#include "exlschema/state/state_store.hpp"
#include "exlschema/storage/s3_client.hpp"
#include "exlschema/util/redact.hpp"

#include <map>

namespace exl::commands {
namespace {

struct RunPrefix {
  std::size_t objects = 0;
  std::uint64_t bytes = 0;
};

// Objects under `<prefix>/`, grouped by the run id that follows it.
std::map<std::string, RunPrefix> run_prefixes(const storage::S3Client& client) {
  const std::string root = client.location().prefix + "/";
  std::map<std::string, RunPrefix> runs;
  for (const storage::ObjectInfo& object : client.list(root)) {
    const std::string rest = object.key.substr(root.size());
    const std::size_t slash = rest.find('/');
    RunPrefix& run = runs[slash == std::string::npos ? rest : rest.substr(0, slash + 1)];
    ++run.objects;
    run.bytes += object.size;
  }
  return runs;
}

bool clean_location(const storage::StorageLocation& location, const CleanRequest& request,
                    state::StateStore* store, std::ostream& out) {
  const storage::S3Client client(location);
  const std::string root = location.url(location.prefix + "/");
  const auto runs = run_prefixes(client);
  out << "storage." << location.name << " (" << root << "): " << runs.size()
      << " run prefix(es) left by exlSchema -o files\n";
  bool ok = true;
  for (const auto& [run, found] : runs) {
    const std::string key = location.prefix + "/" + run;
    const std::string what = root + run + " (" + std::to_string(found.objects) + " object(s), " +
                             report::format_bytes(found.bytes) + ")";
    if (!request.execute) {
      out << "  " << what << "\n";
      continue;
    }
    try {
      client.remove_prefix(key);
      if (store != nullptr) {
        store->forget_file_units_under(root + run);
      }
      out << "  deleted: " << what << "\n";
    } catch (const std::exception& e) {
      out << "  FAILED: " << what << ": " << util::redact(e.what()) << "\n";
      ok = false;
    }
  }
  if (!request.execute && !runs.empty()) {
    out << "  (nothing was deleted; add -r to delete them)\n";
  }
  return ok;
}

} // namespace

bool clean_storage(const CleanRequest& request, std::ostream& out) {
  if (request.storage.empty()) {
    return true;
  }
  std::optional<state::StateStore> store;
  if (request.execute && !request.state_path.empty()) {
    store.emplace(request.state_path);
  }
  bool ok = true;
  for (const storage::StorageLocation& location : request.storage) {
    try {
      ok = clean_location(location, request, store ? &*store : nullptr, out) && ok;
    } catch (const std::exception& e) {
      out << "storage." << location.name << ": cannot be listed: " << util::redact(e.what())
          << "\n";
      ok = false;
    }
  }
  return ok;
}

} // namespace exl::commands
