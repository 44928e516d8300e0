// Tests for kernkompas/stats/permutation.hpp: conditional permutation counts, folding,
// reproducibility and thread independence.
#include "kernkompas/stats/permutation.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "kernkompas/core/error.hpp"
#include "testing/complete_graph.hpp"
#include "kernkompas/stats/random.hpp"

namespace kk::stats {
namespace {

TEST(Permutation, FoldedPseudoP) {
  // No ties: at_most = R − at_least; M = min of the two.
  EXPECT_DOUBLE_EQ(folded_pseudo_p(0, 999, 999), 1.0 / 1000.0);
  EXPECT_DOUBLE_EQ(folded_pseudo_p(999, 0, 999), 1.0 / 1000.0);
  EXPECT_DOUBLE_EQ(folded_pseudo_p(24, 975, 999), 25.0 / 1000.0);
  EXPECT_DOUBLE_EQ(folded_pseudo_p(975, 24, 999), 25.0 / 1000.0);
  EXPECT_DOUBLE_EQ(folded_pseudo_p(500, 499, 999), 500.0 / 1000.0);
  // Ties at the bottom: every simulation >= observed, 300 equal to it. PySAL would give
  // M = min(999, 0) = 0; counting ties in both tails gives M = 300.
  EXPECT_DOUBLE_EQ(folded_pseudo_p(999, 300, 999), 301.0 / 1000.0);
}

TEST(Permutation, SelfIsNeverDrawnAndDrawsAreWithoutReplacement) {
  // Values 0, 1, 2. Observation 0 has one neighbour (1): its simulated lag is v1 or v2,
  // never its own 0, so every simulation is >= the observed lag 1, and about half equal it.
  // Observation 2 has two neighbours (0, 1): drawing 2 of the 2 others without replacement
  // always gives {0, 1}, so the lag never changes.
  const auto w = SpatialWeights::from_csr({0, 1, 1, 3}, {1, 0, 1}, {1.0, 1.0, 1.0},
                                          WeightsTransform::kBinary);
  const std::vector<double> v{0.0, 1.0, 2.0};
  PermutationOptions options;
  options.permutations = 999;
  const LagPermutationCounts c = permute_lag(w, v, options);
  EXPECT_EQ(c.observed_lag, (std::vector<double>{1.0, 0.0, 1.0}));
  EXPECT_EQ(c.at_least[0], 999u);
  EXPECT_GT(c.at_most[0], 400u);  // Binomial(999, 1/2): mean 499.5, sd 15.8
  EXPECT_LT(c.at_most[0], 600u);
  EXPECT_EQ(c.at_least[1], 999u);  // island
  EXPECT_EQ(c.at_most[1], 999u);
  EXPECT_EQ(c.at_least[2], 999u);
  EXPECT_EQ(c.at_most[2], 999u);
}

// Every observation of a complete graph draws all n − 1 others (the Fisher–Yates path, as
// k > m/2): each simulated lag is exactly the sum of the others, so every simulation ties
// with the observed lag — for every observation in turn, which holds only if each one
// leaves the shared pool as it found it.
TEST(Permutation, CompleteGraphDrawsAllOthersForEveryObservation) {
  const size_t n = 5;
  const auto w = testing::complete_graph_weights(n);
  const std::vector<double> v{1.0, 2.0, 4.0, 8.0, 16.0};  // every subset sum differs
  PermutationOptions options;
  options.permutations = 99;
  const LagPermutationCounts c = permute_lag(w, v, options);
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(c.observed_lag[i], 31.0 - v[i]) << i;
    EXPECT_EQ(c.at_least[i], 99u) << i;
    EXPECT_EQ(c.at_most[i], 99u) << i;
  }
}

TEST(Permutation, RejectionPathDrawsDistinctNeighbours) {
  // Observation 0 of 5 has neighbours 1 and 2 (lag 1 + 2 = 3); its 2 simulated neighbours
  // are 2 of the 4 others {1, 2, 4, 8} (k = 2 <= m/2: the stamp-and-redraw path). Without
  // replacement the six possible sums 3, 5, 6, 9, 10, 12 are all >= 3 and only {1, 2} gives
  // 3 (probability 1/6); drawing one value twice could give 1 + 1 = 2.
  const auto w = SpatialWeights::from_csr({0, 2, 2, 2, 2, 2}, {1, 2}, {1.0, 1.0});
  const std::vector<double> v{0.0, 1.0, 2.0, 4.0, 8.0};
  PermutationOptions options;
  options.permutations = 999;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    options.seed = seed;
    const LagPermutationCounts c = permute_lag(w, v, options);
    ASSERT_EQ(c.at_least[0], 999u) << "seed " << seed;
    EXPECT_GT(c.at_most[0], 110u);  // Binomial(999, 1/6): mean 166.5, sd 11.8
    EXPECT_LT(c.at_most[0], 225u);
  }
}

std::pair<SpatialWeights, std::vector<double>> random_grid(int side, uint64_t seed) {
  std::vector<int64_t> col, row;
  std::vector<double> v;
  RandomStream rng(seed, 0);
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      col.push_back(c);
      row.push_back(r);
      v.push_back(rng.uniform() < 0.3 ? static_cast<double>(rng.below(5)) : rng.uniform());
    }
  }
  return {SpatialWeights::grid_distance_band(col, row, 1.0, 1.5), v};
}

TEST(Permutation, SameSeedSameCountsWhateverTheThreads) {
  const auto [w, v] = random_grid(23, 7);  // 529 observations: several blocks per thread
  PermutationOptions options;
  options.permutations = 199;
  options.seed = 42;
  options.threads = 1;
  const LagPermutationCounts one = permute_lag(w, v, options);
  const LagPermutationCounts again = permute_lag(w, v, options);
  options.threads = 2;
  const LagPermutationCounts two = permute_lag(w, v, options);
  options.threads = 5;
  const LagPermutationCounts five = permute_lag(w, v, options);
  EXPECT_EQ(one.at_least, again.at_least);
  EXPECT_EQ(one.at_least, two.at_least);
  EXPECT_EQ(one.at_most, two.at_most);
  EXPECT_EQ(one.at_least, five.at_least);
  options.seed = 43;
  const LagPermutationCounts other = permute_lag(w, v, options);
  EXPECT_NE(one.at_least, other.at_least);
}

TEST(Permutation, ProgressIsReportedAndCanCancel) {
  const auto [w, v] = random_grid(10, 1);
  PermutationOptions options;
  options.permutations = 9;
  double last = -1.0;
  options.progress = [&](std::string_view step, double fraction) {
    EXPECT_EQ(step, "permutations");
    EXPECT_GE(fraction, last);
    last = fraction;
    return true;
  };
  permute_lag(w, v, options);
  EXPECT_EQ(last, 1.0);
  options.threads = 2;
  options.progress = [](std::string_view, double) { return false; };
  EXPECT_THROW(permute_lag(w, v, options), Cancelled);
}

// One "stop" is enough: a callback that cancels at its first report and would let every
// later report pass still ends the run with kk::Cancelled, on one thread or two.
TEST(Permutation, CancelAtTheFirstReportStopsTheRun) {
  const auto [w, v] = random_grid(40, 1);
  PermutationOptions options;
  options.permutations = 9;
  for (unsigned threads : {1u, 2u}) {
    options.threads = threads;
    int calls = 0;
    options.progress = [&](std::string_view, double) { return ++calls > 1; };
    EXPECT_THROW(permute_lag(w, v, options), Cancelled) << threads << " threads";
    EXPECT_EQ(calls, 1) << threads << " threads";
  }
}

TEST(Permutation, RejectsBadArguments) {
  const auto [w, v] = random_grid(3, 1);
  PermutationOptions options;
  options.permutations = 0;
  EXPECT_THROW(permute_lag(w, v, options), Error);
  options.permutations = 9;
  options.threads = 0;
  EXPECT_THROW(permute_lag(w, v, options), Error);
  options.threads = 1;
  EXPECT_THROW(permute_lag(w, std::vector<double>{1.0}, options), Error);
}

TEST(RandomStream, DependsOnSeedAndStreamOnly) {
  RandomStream a(1, 2), b(1, 2), c(1, 3), d(2, 2);
  const uint64_t first = a.next();
  EXPECT_EQ(first, b.next());
  EXPECT_NE(first, c.next());
  EXPECT_NE(first, d.next());
  // below(bound) stays below the bound and reaches both ends.
  RandomStream e(9, 9);
  bool zero = false, top = false;
  for (int k = 0; k < 1000; ++k) {
    const uint32_t x = e.below(7);
    ASSERT_LT(x, 7u);
    zero |= x == 0;
    top |= x == 6;
  }
  EXPECT_TRUE(zero && top);
}

}  // namespace
}  // namespace kk::stats
