#pragma once

#include "exlschema/modes/mode.hpp"

#include <memory>

// -o mysql (PRODUCT.md §4.3, issue #12): on the target, a temporary MYSQL external table reads
// the source FE's query port; each partition is loaded from it with a labelled INSERT on the
// target (external_copy.hpp has what the two external-table modes share).
namespace exl::modes {

std::unique_ptr<Mode> make_mysql_mode();

} // namespace exl::modes
