// Per-row mean, median and missing count, and the catchment arithmetic, by hand.
#include "kernkompas/access/kern_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernkompas/access/catchment.hpp"
#include "kernkompas/core/error.hpp"

namespace kk::access {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

TEST(AccessKernStatistics, MeanMedianAndMissingPerRow) {
  const std::vector<double> values = {4, 1, kNan, 3, 2, 10, kNan, 7};
  const std::vector<uint32_t> row = {0, 0, 0, 0, 0, 1, 2, kNoRow};
  const RowSummary s = summarize_per_row(values, row, 4);
  EXPECT_EQ(s.mean[0], 2.5);    // (4 + 1 + 3 + 2) / 4
  EXPECT_EQ(s.median[0], 2.5);  // the middle two, 2 and 3
  EXPECT_EQ(s.missing, (std::vector<int64_t>{1, 0, 1, 0}));
  EXPECT_EQ(s.taking_part, (std::vector<int64_t>{5, 1, 1, 0}));
  EXPECT_EQ(s.median[1], 10.0);
  EXPECT_TRUE(std::isnan(s.mean[2]));  // only a missing value
  EXPECT_TRUE(std::isnan(s.median[3]));  // nobody
  EXPECT_THROW(summarize_per_row(values, std::vector<uint32_t>{0}, 1), Error);
  EXPECT_THROW(summarize_per_row(std::vector<double>{1}, std::vector<uint32_t>{5}, 2), Error);
}

TEST(AccessCatchment, InvertedTwoStepOnTwoDemandPointsAndThreeLocations) {
  // Demand D0 (60 inhabitants) reaches L0 at 2 and L1 at 4; D1 (30) reaches L1 at 1 and L2 at
  // 12 (beyond the catchment of 10). L2 is not located in the second case.
  const std::vector<uint32_t> origin = {0, 0, 1, 1}, destination = {0, 1, 1, 2};
  const std::vector<double> cost = {2, 4, 1, 12}, population = {60, 30};
  CatchmentInput in;
  in.location_count = 3;
  in.population = population;
  in.od = {origin, destination, cost};
  CatchmentOptions options;
  options.within = 3;
  options.decay.catchment = 10;
  LocationCatchment c = location_catchment(in, options);
  EXPECT_EQ(c.population_within, (std::vector<double>{60, 30, 0}));  // cost <= 3
  EXPECT_EQ(c.hansen, (std::vector<double>{60, 90, 0}));              // step within 10
  // D0 shared by L0, L1 (30 each), D1 by L1 alone (30).
  EXPECT_EQ(c.two_step, (std::vector<double>{30, 60, 0}));
  // Zones 0-2 weight 1, 2-10 weight 0.5: D0 weighs L0 1, L1 0.5; D1 weighs L1 1.
  options.decay.kind = network::DecayKind::kZones;
  options.decay.zone_upper = {2, 10};
  options.decay.zone_weight = {1, 0.5};
  c = location_catchment(in, options);
  EXPECT_DOUBLE_EQ(c.hansen[1], 60 * 0.5 + 30);
  // R(D0) = 60 / 1.5 = 40; R(D1) = 30 / 1 = 30. C(L0) = 40, C(L1) = 40 * 0.5 + 30.
  EXPECT_DOUBLE_EQ(c.two_step[0], 40.0);
  EXPECT_DOUBLE_EQ(c.two_step[1], 50.0);
  EXPECT_DOUBLE_EQ(c.two_step[0] + c.two_step[1], 90.0);  // everybody covered
  const std::vector<uint8_t> located = {1, 1, 0}, supplies = {1, 0, 1};
  in.located = located;
  in.supplies = supplies;
  options.decay = {};
  options.decay.catchment = 10;
  c = location_catchment(in, options);
  EXPECT_TRUE(std::isnan(c.population_within[2]));
  EXPECT_TRUE(std::isnan(c.two_step[1]));  // not supplying
  EXPECT_EQ(c.two_step[0], 60.0);          // D0 has L0 alone among the suppliers
  const std::vector<double> negative = {-1, 30};
  in.population = negative;
  EXPECT_THROW(location_catchment(in, options), Error);
}

}  // namespace
}  // namespace kk::access
