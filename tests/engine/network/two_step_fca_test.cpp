// Tests for Hansen accessibility and (enhanced) 2SFCA (kernkompas/network/two_step_fca.hpp) on
// a two-supply / three-demand case worked by hand.
#include "kernkompas/network/two_step_fca.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::network {
namespace {

// Demand P = 100, 200, 300 (i = 0, 1, 2); supply S = 10, 20 (j = 0, 1). Costs:
//   d(0,0) = 5, d(1,0) = 8, d(1,1) = 4, d(2,1) = 9, d(2,0) = 15 (beyond a catchment of 10).
const std::vector<double> kPopulation{100, 200, 300};
const std::vector<double> kSupply{10, 20};
const std::vector<uint32_t> kOrigin{0, 1, 1, 2, 2};
const std::vector<uint32_t> kDestination{0, 0, 1, 1, 0};
const std::vector<double> kCost{5, 8, 4, 9, 15};
const OdCostView kOd{kOrigin, kDestination, kCost};

double total_served(const TwoStepResult& r) {
  double sum = 0.0;
  for (size_t i = 0; i < kPopulation.size(); ++i) sum += kPopulation[i] * r.accessibility[i];
  return sum;
}

TEST(NetworkTwoStepFca, ClassicTwoStepByHand) {
  // Catchment 10: R_0 = 10 / (100 + 200) = 1/30, R_1 = 20 / (200 + 300) = 1/25.
  // A_0 = 1/30, A_1 = 1/30 + 1/25 = 11/150, A_2 = 1/25.
  // Σ P_i A_i = 100/30 + 200 · 11/150 + 300/25 = 10/3 + 44/3 + 12 = 30 = S_0 + S_1.
  DistanceDecay step;
  step.catchment = 10.0;
  const TwoStepResult r = two_step_fca(kPopulation, kSupply, kOd, step);
  EXPECT_DOUBLE_EQ(r.supply_ratio[0], 1.0 / 30.0);
  EXPECT_DOUBLE_EQ(r.supply_ratio[1], 1.0 / 25.0);
  EXPECT_DOUBLE_EQ(r.accessibility[0], 1.0 / 30.0);
  EXPECT_DOUBLE_EQ(r.accessibility[1], 11.0 / 150.0);
  EXPECT_DOUBLE_EQ(r.accessibility[2], 1.0 / 25.0);
  EXPECT_DOUBLE_EQ(total_served(r), 30.0);
}

TEST(NetworkTwoStepFca, EnhancedTwoStepWithZonesByHand) {
  // Zones (0, 5] weight 1 and (5, 10] weight 0.5; d = 15 lies beyond them (weight 0).
  // R_0 = 10 / (100·1 + 200·0.5) = 0.05; R_1 = 20 / (200·1 + 300·0.5) = 2/35.
  // A_0 = 0.05; A_1 = 0.05·0.5 + 2/35 = 0.025 + 2/35; A_2 = (2/35)·0.5 = 1/35.
  // Σ P_i A_i = 5 + (5 + 400/35) + 300/35 = 30.
  DistanceDecay zones;
  zones.kind = DecayKind::kZones;
  zones.zone_upper = {5.0, 10.0};
  zones.zone_weight = {1.0, 0.5};
  const TwoStepResult r = two_step_fca(kPopulation, kSupply, kOd, zones);
  EXPECT_DOUBLE_EQ(r.supply_ratio[0], 0.05);
  EXPECT_DOUBLE_EQ(r.supply_ratio[1], 2.0 / 35.0);
  EXPECT_DOUBLE_EQ(r.accessibility[0], 0.05);
  EXPECT_DOUBLE_EQ(r.accessibility[1], 0.025 + 2.0 / 35.0);
  EXPECT_DOUBLE_EQ(r.accessibility[2], 1.0 / 35.0);
  EXPECT_NEAR(total_served(r), 30.0, 1e-12);
}

TEST(NetworkTwoStepFca, SupplyWithoutDemandHasNoRatio) {
  // A third supply point (S = 50) that only the empty demand point 3 (P = 0) reaches at 2:
  // nobody shares it, R_2 = NaN, and it adds nothing; demand 3 reaches nothing else: A_3 = 0.
  const std::vector<double> population{100, 200, 300, 0};
  const std::vector<double> supply{10, 20, 50};
  const std::vector<uint32_t> origin{0, 1, 1, 2, 3};
  const std::vector<uint32_t> destination{0, 0, 1, 1, 2};
  const std::vector<double> cost{5, 8, 4, 9, 2};
  DistanceDecay step;
  step.catchment = 10.0;
  const TwoStepResult r = two_step_fca(population, supply, {origin, destination, cost}, step);
  EXPECT_TRUE(std::isnan(r.supply_ratio[2]));
  EXPECT_EQ(r.accessibility[3], 0.0);
  EXPECT_DOUBLE_EQ(r.accessibility[1], 11.0 / 150.0);  // as in the classic case
}

TEST(NetworkTwoStepFca, HansenExponentialByHand) {
  // f = exp(-0.1 d), no catchment: A_0 = 10 e^-0.5 = 6.0653065971;
  // A_1 = 10 e^-0.8 + 20 e^-0.4 = 4.4932896412 + 13.4064009207 = 17.8996905619;
  // A_2 = 20 e^-0.9 + 10 e^-1.5 = 8.1313931948 + 2.2313016015 = 10.3626947963.
  DistanceDecay exponential;
  exponential.kind = DecayKind::kExponential;
  exponential.beta = 0.1;
  const std::vector<double> a = hansen_accessibility(3, kSupply, kOd, exponential);
  EXPECT_NEAR(a[0], 6.0653065971, 1e-9);
  EXPECT_NEAR(a[1], 17.8996905619, 1e-9);
  EXPECT_NEAR(a[2], 10.3626947963, 1e-9);
}

TEST(NetworkTwoStepFca, HansenPowerWithCatchmentByHand) {
  // f = d^-2 within 10: A_0 = 10/25 = 0.4; A_1 = 10/64 + 20/16 = 0.15625 + 1.25 = 1.40625;
  // A_2 = 20/81 = 0.2469135802 (d = 15 is beyond the catchment).
  DistanceDecay power;
  power.kind = DecayKind::kPower;
  power.beta = 2.0;
  power.catchment = 10.0;
  const std::vector<double> a = hansen_accessibility(3, kSupply, kOd, power);
  EXPECT_DOUBLE_EQ(a[0], 0.4);
  EXPECT_DOUBLE_EQ(a[1], 1.40625);
  EXPECT_DOUBLE_EQ(a[2], 20.0 / 81.0);
}

TEST(NetworkTwoStepFca, DecayFunctionsByHand) {
  DistanceDecay d;
  d.catchment = 10.0;
  EXPECT_EQ(decay_weight(d, 10.0), 1.0);  // the catchment is inclusive
  EXPECT_EQ(decay_weight(d, 10.5), 0.0);
  d.kind = DecayKind::kGaussian;
  d.sigma = 5.0;
  EXPECT_DOUBLE_EQ(decay_weight(d, 5.0), std::exp(-0.5));  // one sigma: e^-1/2 = 0.6065
  EXPECT_DOUBLE_EQ(decay_weight(d, 0.0), 1.0);
  d.kind = DecayKind::kPower;
  d.beta = 1.0;
  d.min_cost = 2.0;
  EXPECT_DOUBLE_EQ(decay_weight(d, 0.0), 0.5);  // clamped to 2: 1/2, not infinity
  EXPECT_DOUBLE_EQ(decay_weight(d, 4.0), 0.25);
  d.kind = DecayKind::kZones;
  d.zone_upper = {3.0, 6.0};
  d.zone_weight = {1.0, 0.4};
  EXPECT_EQ(decay_weight(d, 3.0), 1.0);
  EXPECT_EQ(decay_weight(d, 3.1), 0.4);
  EXPECT_EQ(decay_weight(d, 6.1), 0.0);  // within the catchment but beyond the zones
}

TEST(NetworkTwoStepFca, BadInputIsRefused) {
  DistanceDecay d;
  const std::vector<double> negative{-1.0, 20.0};
  EXPECT_THROW(two_step_fca(kPopulation, negative, kOd, d), Error);
  const std::vector<uint32_t> far_supply{0, 0, 1, 1, 2};
  EXPECT_THROW(hansen_accessibility(3, kSupply, {kOrigin, far_supply, kCost}, d), Error);
  d.kind = DecayKind::kZones;  // zones without bounds
  EXPECT_THROW(hansen_accessibility(3, kSupply, kOd, d), Error);
  d.kind = DecayKind::kGaussian;
  d.sigma = 0.0;
  try {
    hansen_accessibility(3, kSupply, kOd, d);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "accessibility: decay sigma must be finite and > 0");
  }
}

}  // namespace
}  // namespace kk::network
