// Tests for the straight-line fallback (kernkompas/network/euclidean.hpp): 3-4-5 triangles
// worked by hand, ties to the lower facility index, counts on a lattice (Gauss's circle
// numbers), NaN points and bad options.
#include "kernkompas/network/euclidean.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::network {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(NetworkEuclidean, NearestFacilityOnThreeFourFiveTriangles) {
  // Origin 0 at (0,0): facility 0 at (600,800) is 1000 m away, facility 1 at (-300,-400)
  // 500 m. Origin 1 at (900,1200): facility 0 is 500 m away, facility 1 2000 m.
  // Detour 1.3: 650 m and 650 m; at 36 km/h (10 m/s): 65 s.
  const std::vector<double> ox{0.0, 900.0}, oy{0.0, 1200.0};
  const std::vector<double> fx{600.0, -300.0}, fy{800.0, -400.0};
  EuclideanOptions options;
  options.speed_kmh = 36.0;
  const NearestFacilityResult r = nearest_facility_euclidean(ox, oy, fx, fy, options);
  EXPECT_EQ(r.facility, (std::vector<uint32_t>{1, 0}));
  EXPECT_DOUBLE_EQ(r.distance_m[0], 650.0);
  EXPECT_DOUBLE_EQ(r.distance_m[1], 650.0);
  EXPECT_DOUBLE_EQ(r.time_s[0], 65.0);
  EXPECT_DOUBLE_EQ(r.time_s[1], 65.0);

  // The default speed, 40 km/h: 650 m in 650 / (40 / 3.6) = 58.5 s.
  const NearestFacilityResult d = nearest_facility_euclidean(ox, oy, fx, fy);
  EXPECT_DOUBLE_EQ(d.time_s[0], 58.5);
  // Without a detour the straight line itself.
  options.detour_factor = 1.0;
  const NearestFacilityResult straight = nearest_facility_euclidean(ox, oy, fx, fy, options);
  EXPECT_DOUBLE_EQ(straight.distance_m[0], 500.0);
  EXPECT_DOUBLE_EQ(straight.time_s[0], 50.0);
}

TEST(NetworkEuclidean, TiesGoToTheLowerFacilityIndex) {
  // Four facilities 5 m from the origin (3-4-5 in four directions), given in an order that
  // puts the lowest index neither first nor last in space; a NaN facility comes first.
  const std::vector<double> ox{0.0}, oy{0.0};
  const std::vector<double> fx{kNaN, 4.0, -3.0, 3.0, -4.0}, fy{0.0, -3.0, 4.0, 4.0, -3.0};
  const NearestFacilityResult r = nearest_facility_euclidean(ox, oy, fx, fy);
  EXPECT_EQ(r.facility[0], 1u);
  EXPECT_DOUBLE_EQ(r.distance_m[0], 5.0 * 1.3);
}

TEST(NetworkEuclidean, NaNOriginsAndNoFacilities) {
  const std::vector<double> ox{kNaN, 3.0}, oy{0.0, 4.0};
  const std::vector<double> fx{0.0}, fy{0.0};
  const NearestFacilityResult r = nearest_facility_euclidean(ox, oy, fx, fy);
  EXPECT_EQ(r.facility[0], kNoFacility);
  EXPECT_TRUE(std::isnan(r.distance_m[0]));
  EXPECT_TRUE(std::isnan(r.time_s[0]));
  EXPECT_EQ(r.facility[1], 0u);
  EXPECT_DOUBLE_EQ(r.distance_m[1], 6.5);

  const std::vector<double> none;
  const NearestFacilityResult empty = nearest_facility_euclidean(ox, oy, none, none);
  EXPECT_EQ(empty.facility, (std::vector<uint32_t>{kNoFacility, kNoFacility}));
  EXPECT_TRUE(std::isnan(empty.distance_m[1]));

  const std::vector<double> thresholds{100.0};
  const FacilityCounts counts = count_facilities_within_euclidean(ox, oy, fx, fy, thresholds);
  EXPECT_TRUE(std::isnan(counts.at(0, 0)));
  EXPECT_EQ(counts.at(1, 0), 1.0);
}

TEST(NetworkEuclidean, CountsOnALatticeAreGaussCircleNumbers) {
  // Facilities on a 21 × 21 lattice, 100 m apart; origin at its centre. Lattice points with
  // a² + b² <= r²: 5, 13, 29 for r = 1, 2, 3. With detour 2 the thresholds 200, 400, 600 m
  // are straight radii of 100, 200, 300 m.
  std::vector<double> fx, fy;
  for (int a = -10; a <= 10; ++a) {
    for (int b = -10; b <= 10; ++b) {
      fx.push_back(a * 100.0);
      fy.push_back(b * 100.0);
    }
  }
  // Origin 1 sits at a corner of the lattice: a quarter disc plus the two half axes. Within
  // straight 300 m: the points with a, b >= 0 and a² + b² <= 9: 11.
  const std::vector<double> ox{0.0, -1000.0}, oy{0.0, -1000.0};
  const std::vector<double> thresholds{200.0, 400.0, 600.0};
  EuclideanOptions options;
  options.detour_factor = 2.0;
  const FacilityCounts c = count_facilities_within_euclidean(ox, oy, fx, fy, thresholds, options);
  EXPECT_EQ(c.thresholds, thresholds);
  ASSERT_EQ(c.counts.size(), 6u);
  EXPECT_EQ(c.at(0, 0), 5.0);
  EXPECT_EQ(c.at(0, 1), 13.0);
  EXPECT_EQ(c.at(0, 2), 29.0);
  EXPECT_EQ(c.at(1, 0), 3.0);
  EXPECT_EQ(c.at(1, 1), 6.0);
  EXPECT_EQ(c.at(1, 2), 11.0);
}

TEST(NetworkEuclidean, CountsIncludeAFacilityExactlyAtTheThreshold) {
  // 500 m straight × 1.3 = 650 m: in at 650 m, out at 649.99 m.
  const std::vector<double> ox{0.0}, oy{0.0}, fx{300.0}, fy{400.0};
  const std::vector<double> thresholds{649.99, 650.0};
  const FacilityCounts c = count_facilities_within_euclidean(ox, oy, fx, fy, thresholds);
  EXPECT_EQ(c.at(0, 0), 0.0);
  EXPECT_EQ(c.at(0, 1), 1.0);
}

TEST(NetworkEuclidean, RefusesBadInput) {
  const std::vector<double> one{0.0}, two{0.0, 1.0}, thresholds{100.0};
  const auto refused = [](auto&& call) {
    try {
      call();
      return false;
    } catch (const Error& e) {
      return e.code() == ErrorCode::kInvalidArgument;
    }
  };
  EXPECT_TRUE(refused([&] { nearest_facility_euclidean(one, two, one, one); }));
  EXPECT_TRUE(refused([&] { nearest_facility_euclidean(one, one, two, one); }));
  EuclideanOptions options;
  options.detour_factor = 0.9;
  EXPECT_TRUE(refused([&] { nearest_facility_euclidean(one, one, one, one, options); }));
  options.detour_factor = 1.3;
  options.speed_kmh = 0.0;
  EXPECT_TRUE(refused([&] { count_facilities_within_euclidean(one, one, one, one, thresholds, options); }));
  options.speed_kmh = 40.0;
  const std::vector<double> descending{200.0, 100.0}, none;
  EXPECT_TRUE(refused([&] { count_facilities_within_euclidean(one, one, one, one, descending, options); }));
  EXPECT_TRUE(refused([&] { count_facilities_within_euclidean(one, one, one, one, none, options); }));
  EXPECT_FALSE(refused([&] { count_facilities_within_euclidean(one, one, one, one, thresholds, options); }));
}

}  // namespace
}  // namespace kk::network
