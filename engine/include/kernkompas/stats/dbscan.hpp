// DBSCAN density clustering (Ester, Kriegel, Sander & Xu 1996) of points, numbered exactly as
// scikit-learn's sklearn.cluster.DBSCAN numbers them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"

namespace kk::stats {

struct DbscanOptions {
  // Neighbourhood radius: q is a neighbour of p when d(p, q) <= eps (squared distances are
  // compared, as scikit-learn's trees do). DEFAULT: 75 (m; a village centre).
  // REQUIRES: finite, >= 0.
  double eps = 75.0;
  // A point is a core point when its eps-neighbourhood, the point itself included, holds at
  // least min_samples points (coincident points count separately). DEFAULT: 5.
  // REQUIRES: >= 1.
  uint32_t min_samples = 5;
  // Worker threads for the neighbourhood queries. DEFAULT: 1. REQUIRES: >= 1.
  // Results never depend on it.
  unsigned threads = 1;
  // Progress and cancel (may be empty); called from the caller's thread only.
  ProgressCallback progress;
};

struct DbscanResult {
  // Per point: cluster number 0, 1, ... or -1 for noise.
  std::vector<int32_t> labels;
  // Per point: 1 for a core point, else 0.
  std::vector<uint8_t> core;
  int32_t cluster_count = 0;
};

// Clusters the n points (x[i], y[i]).
//
// The rule, identical to scikit-learn's (sklearn/cluster/_dbscan_inner.pyx, which scans the
// points in input order and grows a cluster from each unlabelled core point):
//  - clusters are the connected components of the core points, two core points connected
//    when within eps of each other;
//  - clusters are numbered 0, 1, ... in the order of their smallest core-point index;
//  - a non-core point within eps of at least one core point is a border point and joins the
//    lowest-numbered cluster among those of its core neighbours (the cluster that reaches
//    it first in scikit-learn's scan); other non-core points are noise (-1).
// Core flags and the core partition do not depend on the input order; cluster numbers do
// (up to relabelling), and so may a border point within eps of two clusters.
//
// Memory: the point index plus a few bytes per point. Neighbourhoods are counted in one pass
// and queried again in the next rather than stored (scikit-learn keeps them all).
// Throws kk::Error (kInvalidArgument) when x and y differ in length, a coordinate is not
// finite (the message names the point), there are 2^31 - 1 points or more, or an option is out
// of range; kk::Cancelled from the progress callback.
DbscanResult dbscan(std::span<const double> x, std::span<const double> y,
                    const DbscanOptions& options = {});

}  // namespace kk::stats
