// Sector concentration: location quotients, Shannon diversity, Herfindahl–Hirschman index,
// and the colocation quotient of two categories of points with its permutation p-value.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/stats/random.hpp"

namespace kk::stats {

// A table of counts (or other non-negative amounts): `areas` rows × `categories` columns,
// row-major, counts[a * categories + s] for area a and category s (e.g. kern × SBI section).
struct CategoryTable {
  std::span<const double> counts;
  size_t areas = 0;
  size_t categories = 0;
};

// Location quotients LQ(a, s) = (e_as / e_a) / (E_s / E), row-major like the table.
// The reference shares E_s / E are the table's column totals over its grand total when
// `reference` is empty (for kernen: pass every unit, buitengebied included, as rows), else
// `reference` (categories values, counts or shares; they are divided by their sum).
// NaN where the area has no units (e_a = 0) or the reference share is 0.
// Throws kk::Error (kInvalidArgument) for a table whose size is not areas × categories,
// a negative or non-finite count, or a reference of the wrong length, negative or summing
// to 0.
std::vector<double> location_quotients(const CategoryTable& table,
                                       std::span<const double> reference = {});

// Diversity per area, from the shares p_s = e_as / e_a.
struct Diversity {
  std::vector<double> shannon;            // H = −Σ p_s ln p_s (natural log), over p_s > 0
  std::vector<double> evenness;           // H / ln S, S = categories present; NaN for S < 2
  std::vector<double> evenness_all;       // H / ln C, C = the table's categories (21 SBI sections)
  std::vector<double> hhi;                // Σ p_s², in (0, 1]
  std::vector<uint32_t> categories_present;  // S
};

// Shannon H, evenness and HHI per row. A row without units gets NaN everywhere and S = 0;
// evenness_all is NaN for a table with fewer than 2 categories.
// Throws kk::Error (kInvalidArgument) as location_quotients.
Diversity diversity(const CategoryTable& table);

struct ColocationOptions {
  // Random relabellings for the pseudo p-value; 0 skips it (p_sim NaN). DEFAULT: 999.
  uint32_t permutations = 999;
  // Relabelling r draws from RandomStream(seed, r). DEFAULT: kDefaultSeed.
  uint64_t seed = kDefaultSeed;
  // Worker threads, the caller's included. DEFAULT: 1. REQUIRES: >= 1. Results never
  // depend on it.
  unsigned threads = 1;
  // Called from the caller's thread with step "colocation"; may cancel.
  ProgressCallback progress;
};

struct ColocationResult {
  double clq = 0.0;          // CLQ(A → B); NaN when undefined
  double count_ab = 0.0;     // C(A → B), fractional with ties
  size_t count_a = 0, count_b = 0, count = 0;  // N_A, N_B, N
  double p_sim = 0.0;        // folded pseudo p (M + 1) / (R + 1); NaN when not computed
  uint32_t at_least = 0, at_most = 0;  // relabellings with CLQ >= / <= the observed one
};

// Colocation quotient (Leslie & Kronenfeld 2011) of category a towards category b among
// points (x, y) labelled `category`:
//   CLQ(A → B) = (C(A → B) / N_A) / ((N_B − [A = B]) / (N − 1)),
// C(A → B) = Σ over A points of the share of their nearest neighbours (the point itself
// excluded) that are B; a point with several neighbours at exactly the same smallest
// distance gives each 1/k, as in the paper. For A = B the denominator counts the other A
// points (N_A − 1), as the paper does. CLQ = 1: B is as often the nearest neighbour of A as
// the share of B among the other points predicts; > 1: A attracts B.
// Inference: the labels are shuffled over the fixed locations (so N_A and N_B stay) and
// CLQ recomputed; p_sim is folded as in folded_pseudo_p, ties within 1e-9 counting in
// both tails. NaN clq (and p_sim) when N < 2, N_A = 0 or N_B − [A = B] = 0.
// Throws kk::Error (kInvalidArgument) for arrays of different lengths, a non-finite
// coordinate or threads = 0; kk::Cancelled from the progress callback.
ColocationResult colocation_quotient(std::span<const double> x, std::span<const double> y,
                                     std::span<const int32_t> category, int32_t a, int32_t b,
                                     const ColocationOptions& options = {});

}  // namespace kk::stats
