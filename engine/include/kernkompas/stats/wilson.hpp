// Wilson score interval for a proportion (Wilson 1927): the interval used for every rate,
// because it stays inside [0, 1] and behaves for small denominators and rates near 0 or 1,
// where the normal (Wald) interval fails.
#pragma once

#include <cstdint>

namespace kk::stats {

struct ProportionInterval {
  double low;
  double high;
};

// Interval for `successes` out of `trials` at the given confidence level:
//   p = x/n, z = Φ⁻¹(1 − (1 − confidence)/2),
//   centre = (p + z²/(2n)) / (1 + z²/n),
//   half   = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/(4n²)).
// x = 0 gives low = 0 exactly, x = n gives high = 1 exactly. trials = 0 gives {NaN, NaN}.
// Throws kk::Error (kInvalidArgument) unless 0 <= successes <= trials and
// 0 < confidence < 1.
ProportionInterval wilson_interval(int64_t successes, int64_t trials, double confidence = 0.95);

}  // namespace kk::stats
