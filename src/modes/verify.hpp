#pragma once

#include "exlschema/modes/mode.hpp"

#include <memory>

// `exlSchema verify` (issue #11, docs/verify.md): a read-only mode. Per table, one checksum
// audit of both sides (row counts and content sums per partition, one statement per side), then
// bisection of the partitions that differ down to their keys. Nothing is written: the run's gate
// is a dry one, and the mode has no statement to send.
namespace exl::modes {

const ModeInfo& verify_mode_info();
std::unique_ptr<Mode> make_verify_mode();

} // namespace exl::modes
