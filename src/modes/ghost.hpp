#pragma once

#include "exlschema/modes/mode.hpp"

#include <memory>

namespace exl::modes {

// Clones structure only; the life cycle's structure steps are all it has.
class GhostMode final : public Mode {
public:
  const ModeInfo& info() const override;
  TablePlan plan_table(RunContext& ctx, const TableJob& job) override;
};

std::unique_ptr<Mode> make_ghost_mode();

} // namespace exl::modes
