#pragma once

#include "exlschema/modes/mode.hpp"
#include "exlschema/starrocks/object_name.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

// Creation order (issue #9): tables first, then each view or MV after everything of the run it
// reads (a view on a view on a table works). The order and the failures (a cycle, a base that is
// neither in the run nor on the target) come from starrocks::creation_order; this groups the
// order into waves whose objects can be created at once.
namespace exl::modes {

struct CreationWaves {
  std::vector<int> wave;                              // per plan
  std::vector<std::optional<std::string>> problem;    // per plan: why it cannot be created
  std::vector<std::vector<std::size_t>> dependencies; // per plan: the plans it reads
  int count = 0;                                      // number of waves
};

// `exists_on_target`: whether an object a view reads, named as on the source and not part of the
// run, is already on the target.
CreationWaves
creation_waves(const std::vector<TablePlan>& plans,
               const std::function<bool(const starrocks::ObjectName&)>& exists_on_target);

} // namespace exl::modes
