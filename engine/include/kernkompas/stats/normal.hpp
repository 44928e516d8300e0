// The standard normal distribution: tail probabilities and quantiles.
#pragma once

namespace kk::stats {

// P(|Z| >= |z|) for Z ~ N(0, 1): the two-sided p-value of a z-score. NaN stays NaN.
double normal_two_sided_p(double z);

// P(Z >= z), the upper tail.
double normal_upper_tail(double z);

// The z with P(Z <= z) = p, accurate to about 1e-15 (Acklam's rational approximation refined
// by one Halley step). REQUIRES: 0 < p < 1; returns NaN otherwise (±inf at exactly 0 and 1).
double normal_quantile(double p);

}  // namespace kk::stats
