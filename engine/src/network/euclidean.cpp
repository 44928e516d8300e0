// The straight-line fallback: nearest facility and counts within radii through a point index
// over the facilities, distances scaled by the detour factor.
#include "kernkompas/network/euclidean.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/point_index.hpp"
#include "search.hpp"

namespace kk::network {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check_inputs(std::span<const double> origin_x, std::span<const double> origin_y,
                  std::span<const double> facility_x, std::span<const double> facility_y,
                  const EuclideanOptions& options, std::string_view what) {
  const std::string prefix(what);
  if (origin_x.size() != origin_y.size()) {
    throw Error(ErrorCode::kInvalidArgument, prefix + ": origin x and y differ in length");
  }
  if (facility_x.size() != facility_y.size()) {
    throw Error(ErrorCode::kInvalidArgument, prefix + ": facility x and y differ in length");
  }
  if (!std::isfinite(options.detour_factor) || options.detour_factor < 1.0) {
    throw Error(ErrorCode::kInvalidArgument, prefix + ": detour_factor must be finite and >= 1, got " +
                                                 std::to_string(options.detour_factor));
  }
  if (!std::isfinite(options.speed_kmh) || options.speed_kmh <= 0.0) {
    throw Error(ErrorCode::kInvalidArgument,
                prefix + ": speed_kmh must be finite and > 0, got " + std::to_string(options.speed_kmh));
  }
}

bool is_nan_point(double x, double y) { return std::isnan(x) || std::isnan(y); }

}  // namespace

NearestFacilityResult nearest_facility_euclidean(std::span<const double> origin_x, std::span<const double> origin_y,
                                                 std::span<const double> facility_x,
                                                 std::span<const double> facility_y,
                                                 const EuclideanOptions& options) {
  check_inputs(origin_x, origin_y, facility_x, facility_y, options, "nearest facility (straight line)");
  const size_t n = origin_x.size();
  NearestFacilityResult result;
  result.facility.assign(n, kNoFacility);
  result.distance_m.assign(n, kNaN);
  result.time_s.assign(n, kNaN);
  const index::PointIndex facilities(facility_x, facility_y);
  const double metres_per_second = options.speed_kmh / 3.6;
  std::vector<index::Neighbour> nearest;
  for (size_t i = 0; i < n; ++i) {
    if (is_nan_point(origin_x[i], origin_y[i])) continue;
    // The index orders equal distances by the lower index: ties go to the lower facility.
    facilities.nearest(origin_x[i], origin_y[i], 1, nearest);
    if (nearest.empty()) continue;
    result.facility[i] = nearest[0].index;
    result.distance_m[i] = nearest[0].distance * options.detour_factor;
    result.time_s[i] = result.distance_m[i] / metres_per_second;
  }
  return result;
}

FacilityCounts count_facilities_within_euclidean(std::span<const double> origin_x, std::span<const double> origin_y,
                                                 std::span<const double> facility_x,
                                                 std::span<const double> facility_y,
                                                 std::span<const double> thresholds_m,
                                                 const EuclideanOptions& options) {
  constexpr std::string_view kWhat = "facility counts (straight line)";
  check_inputs(origin_x, origin_y, facility_x, facility_y, options, kWhat);
  detail::check_thresholds(thresholds_m, kWhat);
  const size_t n = origin_x.size();
  const size_t width = thresholds_m.size();
  FacilityCounts out;
  out.thresholds.assign(thresholds_m.begin(), thresholds_m.end());
  out.counts.assign(n * width, 0.0);
  const index::PointIndex facilities(facility_x, facility_y);
  // A radius a hair wider than the largest threshold / detour, so rounding in the division
  // loses no facility; the exact test below is on straight × detour, as documented.
  const double radius = thresholds_m.back() / options.detour_factor * (1.0 + 1e-12);
  std::vector<index::Neighbour> near;
  std::vector<uint32_t> first_fit(width);
  for (size_t i = 0; i < n; ++i) {
    double* row = out.counts.data() + i * width;
    if (is_nan_point(origin_x[i], origin_y[i])) {
      std::fill_n(row, width, kNaN);
      continue;
    }
    facilities.within(origin_x[i], origin_y[i], radius, near);
    std::fill(first_fit.begin(), first_fit.end(), 0u);
    for (const index::Neighbour& f : near) {
      const double cost = f.distance * options.detour_factor;
      const auto first = std::lower_bound(thresholds_m.begin(), thresholds_m.end(), cost);
      if (first != thresholds_m.end()) ++first_fit[static_cast<size_t>(first - thresholds_m.begin())];
    }
    // Thresholds ascend: a facility counts in every threshold from the first it fits in.
    double running = 0.0;
    for (size_t k = 0; k < width; ++k) {
      running += first_fit[k];
      row[k] = running;
    }
  }
  return out;
}

}  // namespace kk::network
