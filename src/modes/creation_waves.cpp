#include "modes/creation_waves.hpp"

#include "exlschema/starrocks/dependency_order.hpp"

#include <algorithm>
#include <map>

namespace exl::modes {
namespace {

std::vector<starrocks::CloneObject> clone_objects(const std::vector<TablePlan>& plans) {
  std::vector<starrocks::CloneObject> objects;
  for (const TablePlan& plan : plans) {
    objects.push_back({{plan.job.source.database, plan.job.source.table},
                       plan.job.kind,
                       plan.job.kind == ObjectKind::Table ? std::string() : plan.definition});
  }
  return objects;
}

std::vector<std::vector<std::size_t>> dependencies(const std::vector<TablePlan>& plans) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < plans.size(); ++i) {
    index[plans[i].job.name()] = i;
  }
  std::vector<std::vector<std::size_t>> out(plans.size());
  for (std::size_t i = 0; i < plans.size(); ++i) {
    for (const std::string& read : plans[i].reads) {
      const auto it = index.find(read);
      if (it != index.end() && it->second != i) {
        out[i].push_back(it->second);
      }
    }
  }
  return out;
}

} // namespace

CreationWaves
creation_waves(const std::vector<TablePlan>& plans,
               const std::function<bool(const starrocks::ObjectName&)>& exists_on_target) {
  CreationWaves out;
  out.wave.assign(plans.size(), 0);
  out.problem.resize(plans.size());
  out.dependencies = dependencies(plans);
  const starrocks::CreationOrder order =
      starrocks::creation_order(clone_objects(plans), exists_on_target);
  for (const auto& failure : order.failures) {
    out.problem[failure.object] = failure.reason;
  }
  for (std::size_t i : order.order) { // every object after what it reads
    for (std::size_t dep : out.dependencies[i]) {
      out.wave[i] = std::max(out.wave[i], out.wave[dep] + 1);
    }
  }
  for (std::size_t i = 0; i < plans.size(); ++i) {
    out.count = std::max(out.count, out.wave[i] + 1);
  }
  return out;
}

} // namespace exl::modes
