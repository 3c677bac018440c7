#pragma once

#include "exlschema/modes/mode.hpp"

#include <optional>
#include <string>
#include <vector>

// Creation order (issue #9): tables first, then each view or MV after everything of the run it
// reads (a view on a view on a table works). Objects with the same wave number can be created at
// once. A cycle is that object's failure, not a crash.
namespace exl::modes {

struct CreationWaves {
  std::vector<int> wave;                              // per plan
  std::vector<std::optional<std::string>> problem;    // per plan: why it cannot be created
  std::vector<std::vector<std::size_t>> dependencies; // per plan: the plans it reads
  int count = 0;                                      // number of waves
};

// A view or MV whose reads are unknown (empty) comes after every table (views) or after every
// table and view (MVs).
CreationWaves creation_waves(const std::vector<TablePlan>& plans);

} // namespace exl::modes
