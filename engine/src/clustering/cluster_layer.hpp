// DBSCAN clusters of the locations: a cluster id per location and the `cluster` layer.
#pragma once

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"

namespace kk::clustering {

struct ClusterSettings {
  double eps_m = 75.0;
  uint32_t min_samples = 5;
  double hull_ratio = 0.3;       // GEOS concave hull: 1 = convex hull, towards 0 tighter
  double publish_grid_m = 50.0;  // published outlines are snapped to this grid
};

// Runs DBSCAN over every location with coordinates, adds `cluster_id` (−1 noise) to the
// location columns, and a `cluster` table with one polygon per cluster: cluster_id,
// kern_code (the kern holding most of its locations; buitengebied when most lie outside),
// n_locations, n_core, sbi_mix (the three largest SBI sections, "G:12;I:5;M:3"; published:
// only sections of at least k locations),
// n_units_with_status, n_vacant, share_vacant, then the disclosure flags.
//
// Internal output: the concave hull of the cluster's locations, widened by 5 m so a line of
// points still has an area. Published output: that hull widened by eps/2 and snapped to a
// publish_grid_m grid, so no outline vertex is a premise; a cluster of 1 … k − 1 locations
// is withheld with its outline; a cluster's vacancy is withheld when, in the kernen its
// clusters touch, the units outside every cluster number 1 … k − 1 (the kern table minus the
// clusters would reveal them).
void add_clusters(const RunContext& context, const ClusterSettings& settings, AnalysisResult& result);

}  // namespace kk::clustering
