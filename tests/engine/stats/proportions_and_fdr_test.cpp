// Tests for kernkompas/stats/{normal,wilson,fdr}.hpp against hand-computed values.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/normal.hpp"
#include "kernkompas/stats/wilson.hpp"

namespace kk::stats {
namespace {

TEST(Normal, QuantileAndTails) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-14);
  EXPECT_NEAR(normal_quantile(0.5), 0.0, 1e-15);
  EXPECT_NEAR(normal_quantile(0.001), -3.090232306167813, 1e-13);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-11);
  EXPECT_TRUE(std::isnan(normal_quantile(1.5)));
  EXPECT_TRUE(std::isnan(normal_quantile(-0.5)));  // below 0, also between -1 and 0
  EXPECT_NEAR(normal_two_sided_p(1.959963984540054), 0.05, 1e-15);
  EXPECT_NEAR(normal_two_sided_p(-1.959963984540054), 0.05, 1e-15);
  EXPECT_NEAR(normal_upper_tail(1.6448536269514722), 0.05, 1e-15);
  EXPECT_TRUE(std::isnan(normal_two_sided_p(std::nan(""))));
}

// Hand computation, z = 1.959963984540054, z² = 3.841458820694124:
//   1 of 4: p = .25, d = 1 + z²/4 = 1.960364705, centre = (.25 + z²/8)/d = .372472709,
//           half = z/d · sqrt(.25·.75/4 + z²/64) = .326885449  → [.045587, .699358]
//   3 of 5: d = 1.768291764, centre = (.6 + z²/10)/d = .556551753,
//           half = z/d · sqrt(.6·.4/5 + z²/100) = .325827472   → [.230724, .882379]
//   0 of 10: low 0, high = z²/(10 + z²) = .277532800
//   5 of 5: low = 5/(5 + z²) = .565517535, high 1
TEST(Wilson, HandComputedIntervals) {
  auto check = [](int64_t x, int64_t n, double low, double high) {
    const ProportionInterval ci = wilson_interval(x, n);
    EXPECT_NEAR(ci.low, low, 1e-12) << x << " of " << n;
    EXPECT_NEAR(ci.high, high, 1e-12) << x << " of " << n;
  };
  check(1, 4, 0.045587260809701, 0.699358157417598);
  check(3, 5, 0.230724281276013, 0.882379225767352);
  check(0, 10, 0.0, 0.277532799862889);
  check(5, 5, 0.565517535216825, 1.0);
  EXPECT_EQ(wilson_interval(0, 10).low, 0.0);  // exactly, not -1e-17
  EXPECT_EQ(wilson_interval(5, 5).high, 1.0);
}

TEST(Wilson, OtherConfidenceAndEdgeCases) {
  // 90 %: z = 1.6448536269514722; 0 of 10 → high = z²/(10 + z²) = 2.705543/12.705543.
  EXPECT_NEAR(wilson_interval(0, 10, 0.90).high, 2.705543454095404 / 12.705543454095404, 1e-12);
  const ProportionInterval none = wilson_interval(0, 0);
  EXPECT_TRUE(std::isnan(none.low));
  EXPECT_TRUE(std::isnan(none.high));
  EXPECT_THROW(wilson_interval(3, 2), Error);
  EXPECT_THROW(wilson_interval(-1, 2), Error);
  EXPECT_THROW(wilson_interval(1, 2, 1.0), Error);
}

// m = 5 finite p-values, alpha = .05, thresholds k·alpha/m = .01 .02 .03 .04 .05.
// Sorted: .005 (≤ .01), .03 (> .02), .032 (> .03), .033 (≤ .04), .9 (> .05): the largest k
// with p(k) ≤ k·alpha/m is 4, so the step-up rejects the four smallest — including .03 and
// .032, which fail their own thresholds. NaN is not a test.
TEST(BenjaminiHochberg, KnownVector) {
  const std::vector<double> p{0.033, 0.9, 0.005, std::nan(""), 0.03, 0.032};
  EXPECT_EQ(benjamini_hochberg(p, 0.05), (std::vector<uint8_t>{1, 0, 1, 0, 1, 1}));
  // At alpha = .02 the thresholds are .004 .008 .012 .016 .02 and no p(k) is at or below
  // its own: nothing is rejected.
  EXPECT_EQ(benjamini_hochberg(p, 0.02), (std::vector<uint8_t>{0, 0, 0, 0, 0, 0}));
  // q(5) = .9, q(4) = 5·.033/4 = .04125, q(3) = min(.04125, 5·.032/3) = .04125,
  // q(2) = min(.04125, 5·.03/2) = .04125, q(1) = min(.04125, 5·.005/1) = .025.
  const std::vector<double> q = benjamini_hochberg_adjusted(p);
  EXPECT_NEAR(q[0], 0.04125, 1e-15);
  EXPECT_NEAR(q[1], 0.9, 1e-15);
  EXPECT_NEAR(q[2], 0.025, 1e-15);
  EXPECT_TRUE(std::isnan(q[3]));
  EXPECT_NEAR(q[4], 0.04125, 1e-15);
  EXPECT_NEAR(q[5], 0.04125, 1e-15);
}

TEST(BenjaminiHochberg, TiesAndEmpty) {
  // Four equal p of .04 with m = 4: p(4) = .04 ≤ 4·.05/4 — all rejected.
  EXPECT_EQ(benjamini_hochberg(std::vector<double>{0.04, 0.04, 0.04, 0.04}),
            (std::vector<uint8_t>{1, 1, 1, 1}));
  EXPECT_TRUE(benjamini_hochberg(std::vector<double>{}).empty());
  EXPECT_THROW(benjamini_hochberg(std::vector<double>{0.1}, 0.0), Error);
}

}  // namespace
}  // namespace kk::stats
