#pragma once

#include "commands/history_view.hpp"

#include <string>

namespace exl::commands {

// The console form of `exlSchema history` (docs/history.md): the runs (id, start, mode,
// source -> target, exit code, tables ok/failed, rows moved, time), then per table its last runs
// (status, rows moved, partitions rewritten/audited, time, the reason of a failure). Every text
// from the store is redacted.
std::string render_history_text(const HistoryView& view);

} // namespace exl::commands
