// Wilson score interval.
#include "kernkompas/stats/wilson.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/normal.hpp"

namespace kk::stats {

ProportionInterval wilson_interval(int64_t successes, int64_t trials, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw Error(ErrorCode::kInvalidArgument,
                "Wilson interval: confidence must lie strictly between 0 and 1, got " +
                    std::to_string(confidence));
  }
  if (successes < 0 || trials < 0 || successes > trials) {
    throw Error(ErrorCode::kInvalidArgument, "Wilson interval: need 0 <= successes (" +
                                                 std::to_string(successes) + ") <= trials (" +
                                                 std::to_string(trials) + ")");
  }
  if (trials == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    return {nan, nan};
  }
  const double z = normal_quantile(1.0 - (1.0 - confidence) / 2.0);
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
  ProportionInterval interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
  if (successes == 0) interval.low = 0.0;
  if (successes == trials) interval.high = 1.0;
  return interval;
}

}  // namespace kk::stats
