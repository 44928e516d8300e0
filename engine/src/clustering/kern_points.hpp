// The locations of each kern as coordinate arrays: what the per-kern point statistics take.
#pragma once

#include <cmath>
#include <vector>

#include "kernkompas/context.hpp"

namespace kk::clustering {

struct KernPoints {
  std::vector<std::vector<double>> x, y;  // per kern (not buitengebied), in register order
};

// Every location with finite coordinates, grouped by the kern it was assigned to.
inline KernPoints points_per_kern(const RunContext& context) {
  const LocationLayer& l = context.input.locations;
  KernPoints points;
  points.x.resize(context.input.kernen.size());
  points.y.resize(context.input.kernen.size());
  for (size_t i = 0; i < l.size(); ++i) {
    const int32_t kern = context.assignment.kern[i];
    if (kern == assign::kBuitengebied || !std::isfinite(l.x[i]) || !std::isfinite(l.y[i])) continue;
    points.x[static_cast<size_t>(kern)].push_back(l.x[i]);
    points.y[static_cast<size_t>(kern)].push_back(l.y[i]);
  }
  return points;
}

}  // namespace kk::clustering
