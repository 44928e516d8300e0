// Private to bindings/c: the weights handle shared by the statistics entry points (stats.cpp:
// Gi*; stats_autocorrelation.cpp: the weights builders, Moran). Their array helpers are in
// array_args.hpp.
#pragma once

#include "array_args.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

struct kk_weights {
  kk::stats::SpatialWeights weights;
};
