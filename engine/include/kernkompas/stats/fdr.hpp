// Multiple testing: the Benjamini–Hochberg false discovery rate procedure (1995).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace kk::stats {

// Benjamini–Hochberg step-up: with the m finite p-values sorted p(1) <= ... <= p(m), find the
// largest k with p(k) <= k·alpha/m and flag every test with p <= p(k). Returns one 0/1 flag
// per input. NaN p-values are not tests: they are never flagged and do not count in m.
// Throws kk::Error (kInvalidArgument) unless 0 < alpha < 1.
std::vector<uint8_t> benjamini_hochberg(std::span<const double> p_values, double alpha = 0.05);

// BH-adjusted p-values (q-values): q(k) = min over j >= k of min(1, m·p(j)/j), so that
// benjamini_hochberg(p, alpha)[i] == (q[i] <= alpha) up to rounding. NaN stays NaN.
std::vector<double> benjamini_hochberg_adjusted(std::span<const double> p_values);

}  // namespace kk::stats
