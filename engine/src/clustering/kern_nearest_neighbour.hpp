// Nearest-neighbour statistics per kern: columns of the kern table.
#pragma once

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"

namespace kk::clustering {

// Adds nn_mean_m and Clark–Evans R, z, p (plain and with Donnelly's edge correction for the
// kern's own area and perimeter) to the kern table. Each kern uses its own locations; the
// buitengebied row has none (NaN). Published output withholds a kern's values when it has
// 1 … k − 1 locations (a mean distance between two premises reveals their spacing).
void add_kern_nearest_neighbour(const RunContext& context, AnalysisResult& result);

}  // namespace kk::clustering
