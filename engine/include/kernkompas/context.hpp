// The run context: everything a run derives from its inputs once and every indicator family
// shares — the inputs (already in the working CRS), one polygon locator over the kernen, the
// assignment of every register and of the population points, and the shared execution and
// disclosure settings, the point index over the locations and the link index over the road
// network. It holds no family logic.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/assign/assign.hpp"
#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/execution.hpp"
#include "kernkompas/core/options.hpp"
#include "kernkompas/index/point_index.hpp"
#include "kernkompas/index/polygon_locator.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk {

// The point index over the current register's locations, built on first use so a run
// without point statistics never pays for it. Families run one after another, so the lazy
// build needs no lock.
class LocationIndex {
 public:
  explicit LocationIndex(const LocationLayer& locations) : locations_(&locations) {}
  const index::PointIndex& get() const {
    if (!index_) index_ = std::make_unique<index::PointIndex>(locations_->x, locations_->y);
    return *index_;
  }

 private:
  const LocationLayer* locations_;
  mutable std::unique_ptr<index::PointIndex> index_;
};

// The link index over the run's road network (snapping), built on first use like the
// location index; nullptr-free: only call get() when input.roads is set.
class RoadIndex {
 public:
  explicit RoadIndex(const std::optional<network::RoadNetwork>& roads) : roads_(&roads) {}
  const network::LinkIndex& get() const {
    if (!index_) index_ = std::make_unique<network::LinkIndex>(roads_->value());
    return *index_;
  }

 private:
  const std::optional<network::RoadNetwork>* roads_;
  mutable std::unique_ptr<network::LinkIndex> index_;
};

struct RunContext {
  const AnalysisInput& input;
  ExecutionSettings execution;
  DisclosureSettings disclosure;
  index::PolygonLocator locator;  // over input.kernen.geometry
  assign::Assignment assignment;  // of input.locations
  // Of input.earlier_snapshots, in the same order.
  std::vector<assign::Assignment> snapshot_assignments;
  // Of input.population's points, when there is a population layer.
  std::optional<assign::Assignment> population_assignment;
  // k-nearest and radius queries over input.locations (clustering statistics).
  LocationIndex location_index;
  // Snapping to input.roads (accessibility); the network itself lives in the input.
  RoadIndex road_index;
};

// The shared settings from the "execution" and "disclosure" sections.
ExecutionSettings execution_settings(const Settings& settings, ProgressCallback progress);
DisclosureSettings disclosure_settings(const Settings& settings);

// Builds the locator once and assigns every register and the population points with it.
// Throws kk::Cancelled from the progress callback.
std::unique_ptr<RunContext> build_run_context(const AnalysisInput& input, const Settings& settings,
                                              const ProgressCallback& progress);

}  // namespace kk
