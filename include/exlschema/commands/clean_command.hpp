#pragma once

#include "exlschema/config/cluster_settings.hpp"
#include "exlschema/runner/cancel_token.hpp"
#include "exlschema/storage/storage_location.hpp"

#include <ostream>
#include <vector>

// `exlSchema clean -target B [-source A] [-r]` (issue #9): finds every `exl_tmp_*` object a run
// left behind on the named clusters (tasks, tables and external tables, views, catalogs) and
// prints the DROP statements (without -r) or sends them (with -r). Objects whose name does not
// start with `exl_tmp_` are never touched, except the `exl_src_*` catalogs with -catalogs.
namespace exl::commands {

struct CleanRequest {
  std::vector<config::ClusterSettings> clusters;
  bool execute = false; // -r
  // -catalogs: also the JDBC catalogs v1-v5 keep between runs (`exl_src_<alias>`, which hold the
  // source's password on the target).
  bool catalogs = false;
  const runner::CancelToken* cancel = nullptr;
  // `storage:` of -o files (issue #17): every run prefix under each location's prefix is listed
  // (and deleted with -r); the state store's records of them are forgotten. Empty: none.
  std::vector<storage::StorageLocation> storage;
  std::string state_path; // the state store whose file units clean forgets; empty: none
};

// The object-storage part of clean: lists (and with -r deletes) the run prefixes of `storage`.
// Returns false when a location could not be listed or a delete failed.
bool clean_storage(const CleanRequest& request, std::ostream& out);

// Exit code: 0 when nothing is left (or the plan was printed), 1 when a drop failed or a cluster
// could not be read.
int run_clean(const CleanRequest& request, std::ostream& out);

} // namespace exl::commands
