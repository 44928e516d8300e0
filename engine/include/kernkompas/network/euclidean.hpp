// The straight-line fallback when there is no road network: distance = straight line × a
// detour factor, time = that distance at one speed. Same result structs as the network
// searches (nearest_facility.hpp, reach.hpp), so callers treat both methods alike; every
// output built on it must say so (INDICATORS.md: "every output says which method produced it").
#pragma once

#include <span>

#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/reach.hpp"

namespace kk::network {

struct EuclideanOptions {
  // Network distance per metre of straight line. DEFAULT: 1.3 (a common figure for Dutch
  // roads). REQUIRES: finite, >= 1.
  double detour_factor = 1.3;
  // Travel speed for the time. DEFAULT: 40 km/h. REQUIRES: finite, > 0.
  double speed_kmh = 40.0;
};

// Nearest facility of every origin by straight-line distance (the detour factor scales every
// distance alike, so it does not change which facility is nearest); ties go to the lower
// facility index. distance_m = straight line × detour_factor, time_s = distance_m / speed.
// A NaN origin, or no facility with finite coordinates, gives kNoFacility and NaN. Facilities
// with a NaN coordinate take no part. Cost: O((n + m) log m) through a point index.
// Throws kk::Error (kInvalidArgument) for x/y of different lengths or bad options.
NearestFacilityResult nearest_facility_euclidean(std::span<const double> origin_x, std::span<const double> origin_y,
                                                 std::span<const double> facility_x,
                                                 std::span<const double> facility_y,
                                                 const EuclideanOptions& options = {});

// Per origin, the number of facilities with straight line × detour_factor <= each threshold
// (metres; ascending). NaN counts for a NaN origin. Cost: one radius query per origin.
// Throws kk::Error (kInvalidArgument) for x/y of different lengths, bad options and
// thresholds that are empty, not finite, negative or not ascending.
FacilityCounts count_facilities_within_euclidean(std::span<const double> origin_x, std::span<const double> origin_y,
                                                 std::span<const double> facility_x,
                                                 std::span<const double> facility_y,
                                                 std::span<const double> thresholds_m,
                                                 const EuclideanOptions& options = {});

}  // namespace kk::network
