#pragma once

#include "exlschema/modes/mode.hpp"

#include <memory>

// -o starrocks (PRODUCT.md §4.4, issue #12): on the source, a temporary StarRocks (OLAP)
// external table points at the target's leader FE; each partition is written through it with a
// labelled INSERT on the source (external_copy.hpp has what the two external-table modes share).
namespace exl::modes {

std::unique_ptr<Mode> make_starrocks_mode();

} // namespace exl::modes
