// Per-location proximity to one facility type: the network and the straight-line way.
#include "proximity.hpp"

#include "kernkompas/network/euclidean.hpp"
#include "kernkompas/network/reach.hpp"

namespace kk::access {

network::SnappedPoints subset(const network::SnappedPoints& points, std::span<const uint32_t> rows) {
  network::SnappedPoints out;
  for (uint32_t r : rows) {
    out.link.push_back(points.link[r]);
    out.offset_m.push_back(points.offset_m[r]);
    out.distance_m.push_back(points.distance_m[r]);
    out.x.push_back(points.x[r]);
    out.y.push_back(points.y[r]);
    out.beyond_limit.push_back(points.beyond_limit[r]);
  }
  return out;
}

namespace {

TypeValues from_results(const network::NearestFacilityResult& nearest, const network::FacilityCounts* counts) {
  TypeValues v;
  v.km.reserve(nearest.distance_m.size());
  for (double d : nearest.distance_m) v.km.push_back(d / 1000.0);
  for (double t : nearest.time_s) v.min.push_back(t / 60.0);
  if (counts != nullptr) v.counts = counts->counts;
  return v;
}

}  // namespace

TypeValues network_values(const network::RoadNetwork& roads, const network::SnappedPoints& locations,
                          const network::SnappedPoints& facilities, std::span<const double> radii_m,
                          network::Metric metric, unsigned threads, const ProgressCallback& progress) {
  network::NearestFacilityOptions nearest_options;
  nearest_options.cost.metric = metric;
  nearest_options.progress = progress;
  nearest_options.threads = threads;
  const network::NearestFacilityResult nearest =
      network::nearest_facility(roads, locations, facilities, nearest_options);
  if (radii_m.empty()) return from_results(nearest, nullptr);
  network::ReachOptions reach_options;
  reach_options.cost.metric = network::Metric::kDistance;  // the radii are road kilometres
  reach_options.progress = progress;
  reach_options.threads = threads;
  const network::FacilityCounts counts =
      network::count_facilities_within(roads, locations, facilities, radii_m, reach_options);
  return from_results(nearest, &counts);
}

TypeValues euclidean_values(std::span<const double> lx, std::span<const double> ly, std::span<const double> fx,
                            std::span<const double> fy, std::span<const double> radii_m, const Straight& straight) {
  network::EuclideanOptions options;
  options.detour_factor = straight.detour_factor;
  options.speed_kmh = straight.speed_kmh;
  const network::NearestFacilityResult nearest = network::nearest_facility_euclidean(lx, ly, fx, fy, options);
  if (radii_m.empty()) return from_results(nearest, nullptr);
  const network::FacilityCounts counts = network::count_facilities_within_euclidean(lx, ly, fx, fy, radii_m, options);
  return from_results(nearest, &counts);
}

}  // namespace kk::access
