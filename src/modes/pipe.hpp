#pragma once

#include "exlschema/modes/mode.hpp"

#include <memory>

// -o pipe (PRODUCT.md §4.10, issue #14): each partition streamed through this host — a streaming
// SELECT on the source (mysql_use_result) turned into CSV and sent to the target as a labelled
// Stream Load over HTTP, through a bounded buffer (external_copy.hpp has what it shares with the
// external-table modes: which partitions load, -truncate, -add, incremental replacement).
namespace exl::modes {

std::unique_ptr<Mode> make_pipe_mode();

} // namespace exl::modes
