#pragma once

#include "exlschema/modes/mode_info.hpp"

#include <span>
#include <string_view>

// The table of modes `-o` accepts (PRODUCT.md §4). Adding a mode adds a row here; a mode whose
// `implemented` is false is accepted by the CLI (so its flags are validated) but a run stops
// with "not implemented in this build yet" before connecting to anything.
namespace exl::modes {

// Every mode, in the order `-h` lists them.
std::span<const ModeInfo> mode_table();

// The row for `name`, or nullptr.
const ModeInfo* find_mode(std::string_view name);

} // namespace exl::modes
