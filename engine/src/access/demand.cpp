// Demand points and their travel times to the locations.
#include "demand.hpp"

#include <cmath>

#include "kernkompas/index/point_index.hpp"
#include "kernkompas/network/reach.hpp"

namespace kk::access {

std::optional<Demand> demand_points(const AnalysisInput& input, const Points& kern_centres) {
  Demand d;
  auto add = [&d](double x, double y, double inhabitants) {
    if (!std::isfinite(x) || !std::isfinite(y) || std::isnan(inhabitants)) return;
    d.x.push_back(x);
    d.y.push_back(y);
    d.inhabitants.push_back(inhabitants);
  };
  if (input.population) {
    d.source = "the population layer";
    const PopulationLayer& p = *input.population;
    for (size_t i = 0; i < p.size(); ++i) add(p.x[i], p.y[i], p.inhabitants[i]);
  } else {
    d.source = "the kern centres with the kern population";
    const KernLayer& k = input.kernen;
    for (size_t i = 0; i < k.size() && i < k.population.size(); ++i) add(kern_centres.x[i], kern_centres.y[i], k.population[i]);
  }
  if (d.x.empty()) return std::nullopt;
  return d;
}

MinuteCosts network_minutes(const network::RoadNetwork& roads, const network::SnappedPoints& demand,
                            const network::SnappedPoints& locations, double max_min, unsigned threads,
                            const ProgressCallback& progress) {
  network::ReachOptions options;
  options.cost.metric = network::Metric::kTime;
  options.progress = progress;
  options.threads = threads;
  const network::OdCosts od = network::od_costs_within(roads, demand, locations, max_min * 60.0, options);
  MinuteCosts out;
  out.demand = od.origin;
  out.location = od.destination;
  out.minutes.reserve(od.size());
  for (double t : od.time_s) out.minutes.push_back(t / 60.0);
  return out;
}

MinuteCosts straight_minutes(const Demand& demand, std::span<const double> lx, std::span<const double> ly,
                             double max_min, const Straight& straight) {
  // Minutes per straight-line metre: detoured metres at the speed (km/h -> m/min).
  const double minutes_per_m = straight.detour_factor / (straight.speed_kmh * 1000.0 / 60.0);
  const double radius_m = max_min / minutes_per_m;
  const index::PointIndex locations(lx, ly);
  MinuteCosts out;
  std::vector<index::Neighbour> near;
  for (uint32_t k = 0; k < demand.x.size(); ++k) {
    locations.within(demand.x[k], demand.y[k], radius_m, near);
    for (const index::Neighbour& n : near) {
      out.demand.push_back(k);
      out.location.push_back(n.index);
      out.minutes.push_back(n.distance * minutes_per_m);
    }
  }
  return out;
}

}  // namespace kk::access
