// Ripley's K, L and H of a point pattern in a polygon window, with Ripley's isotropic edge
// correction and Monte Carlo envelopes from uniform patterns in the same window.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/stats/pattern_window.hpp"
#include "kernkompas/stats/random.hpp"

namespace kk::stats {

struct RipleyOptions {
  // Distances r at which K is evaluated, in coordinate units (metres in a projected CRS).
  // REQUIRES: non-empty, finite, >= 0, strictly ascending.
  std::vector<double> distances;
  // Uniform patterns simulated for the envelopes; 0 skips them (l_lo, l_hi NaN).
  // DEFAULT: 99.
  uint32_t simulations = 99;
  // The envelope is the envelope_rank-th smallest and largest simulated L at each r.
  // DEFAULT: 1 (pointwise min and max; with 99 simulations a pointwise two-sided test at
  // 2 %). REQUIRES: 1 <= envelope_rank <= simulations / 2 when simulations >= 2; 1 when 1.
  uint32_t envelope_rank = 1;
  // Simulation s draws from RandomStream(seed, s). DEFAULT: kDefaultSeed.
  uint64_t seed = kDefaultSeed;
  // Worker threads, the caller's included. DEFAULT: 1. REQUIRES: >= 1. Results never
  // depend on it.
  unsigned threads = 1;
  // Called from the caller's thread with step "ripley"; may cancel.
  ProgressCallback progress;
};

// One row per distance.
struct RipleyResult {
  size_t points = 0;  // n
  double area = 0.0;  // A, of the window
  std::vector<double> distance;       // r
  std::vector<double> k;              // edge-corrected K(r)
  std::vector<double> l;              // sqrt(K / π)
  std::vector<double> h;              // L − r
  std::vector<double> k_uncorrected;  // K without edge correction (every weight 1)
  std::vector<double> l_lo, l_hi;     // envelope of the simulated edge-corrected L
};

// K(r) = A / (n (n − 1)) · Σ_i Σ_{j≠i} w_ij 1(d_ij <= r), over ordered pairs, with Ripley's
// isotropic weight w_ij = 1 / (share of the circumference of the circle around i through j
// that lies inside the window), computed exactly (PatternWindow::Centre::share). Weights are
// not capped (spatstat caps them at 100 by default); a weight is large only when i lies
// near a sharp corner and j far away. A pair whose circle meets the window in isolated
// points only (share 0, possible only for a point on the boundary) gets weight 1.
// Under complete spatial randomness K(r) = π r², so L(r) = r and H(r) = 0. d_ij <= r is
// decided as d_ij² <= r² in double precision.
// Envelopes: `simulations` patterns of n independent uniform points in the window, each
// with the same estimator; l_lo / l_hi are the envelope_rank-th smallest / largest
// simulated L per r. With n < 2 every K, L and H is NaN and nothing is simulated.
// Throws kk::Error (kInvalidArgument) for x/y of different lengths, a non-finite
// coordinate, a point outside the window (the message gives its index) or options out of
// range; kk::Cancelled from the progress callback.
RipleyResult ripley(std::span<const double> x, std::span<const double> y,
                    const PatternWindow& window, const RipleyOptions& options);

}  // namespace kk::stats
