#pragma once

#include "exlschema/config/run_options.hpp"
#include "exlschema/modes/mode.hpp"

#include <memory>

// -o files (PRODUCT.md, issue #17): each partition through object storage — the source exports
// it with INSERT INTO FILES into `storage.source`, this host copies the objects to
// `storage.target` when the target cannot read the first bucket, and the target loads them with
// a labelled INSERT ... SELECT FROM FILES(). docs/modes.md "-o files".
namespace exl::modes {

std::unique_ptr<Mode> make_files_mode();

// Before connecting: `storage:` must be configured (UsageError otherwise).
void check_files_options(const config::RunOptions& options);

} // namespace exl::modes
