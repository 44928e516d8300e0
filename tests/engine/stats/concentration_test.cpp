// Tests for kernkompas/stats/concentration.hpp: location quotients, Shannon, HHI and the
// colocation quotient on small cases worked out by hand.
#include "kernkompas/stats/concentration.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

// Three areas × three categories:
//   area 0: 2 2 0   (total 4)
//   area 1: 1 3 4   (total 8)
//   area 2: 0 0 0   (no units)
// Column totals 3 5 4, grand total 12: reference shares 1/4, 5/12, 1/3.
const std::vector<double> kCounts{2, 2, 0, 1, 3, 4, 0, 0, 0};
const CategoryTable kTable{kCounts, 3, 3};

TEST(LocationQuotient, AgainstTheTableTotal) {
  const std::vector<double> lq = location_quotients(kTable);
  // Area 0: shares 1/2 1/2 0 → 2, 1.2, 0. Area 1: 1/8 3/8 1/2 → 0.5, 0.9, 1.5.
  const std::vector<double> expected{2.0, 1.2, 0.0, 0.5, 0.9, 1.5};
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(lq[i], expected[i], 1e-15) << i;
  for (size_t i = 6; i < 9; ++i) EXPECT_TRUE(std::isnan(lq[i])) << i;
}

TEST(LocationQuotient, AgainstAGivenReference) {
  // Reference counts 1 1 2 → shares 1/4 1/4 1/2.
  const std::vector<double> lq = location_quotients(kTable, std::vector<double>{1, 1, 2});
  EXPECT_NEAR(lq[0], 2.0, 1e-15);
  EXPECT_NEAR(lq[1], 2.0, 1e-15);
  EXPECT_NEAR(lq[2], 0.0, 1e-15);
  EXPECT_NEAR(lq[3], 0.5, 1e-15);
  EXPECT_NEAR(lq[4], 1.5, 1e-15);
  EXPECT_NEAR(lq[5], 1.0, 1e-15);
  // A category absent from the reference has no quotient.
  const std::vector<double> partial = location_quotients(kTable, std::vector<double>{0, 1, 1});
  EXPECT_TRUE(std::isnan(partial[0]));
  EXPECT_NEAR(partial[1], 1.0, 1e-15);
}

TEST(LocationQuotient, RejectsBadTables) {
  EXPECT_THROW(location_quotients(CategoryTable{kCounts, 2, 3}), Error);
  const std::vector<double> negative{1, -1};
  EXPECT_THROW(location_quotients(CategoryTable{negative, 1, 2}), Error);
  EXPECT_THROW(location_quotients(kTable, std::vector<double>{1, 1}), Error);
  EXPECT_THROW(location_quotients(kTable, std::vector<double>{0, 0, 0}), Error);
}

TEST(Diversity, ShannonEvennessHhiByHand) {
  const Diversity d = diversity(kTable);
  // Area 0: H = ln 2, S = 2, evenness 1, H / ln 3, HHI = 1/2.
  EXPECT_NEAR(d.shannon[0], std::log(2.0), 1e-15);
  EXPECT_NEAR(d.evenness[0], 1.0, 1e-15);
  EXPECT_NEAR(d.evenness_all[0], std::log(2.0) / std::log(3.0), 1e-15);
  EXPECT_NEAR(d.hhi[0], 0.5, 1e-15);
  EXPECT_EQ(d.categories_present[0], 2u);
  // Area 1: H = (1/8) ln 8 + (3/8) ln(8/3) + (1/2) ln 2 = 0.974315..., HHI = 1/64 + 9/64 + 16/64.
  const double h1 = 0.125 * std::log(8.0) + 0.375 * std::log(8.0 / 3.0) + 0.5 * std::log(2.0);
  EXPECT_NEAR(d.shannon[1], h1, 1e-15);
  EXPECT_NEAR(d.shannon[1], 0.974315, 1e-6);
  EXPECT_NEAR(d.evenness[1], h1 / std::log(3.0), 1e-15);
  EXPECT_NEAR(d.hhi[1], 26.0 / 64.0, 1e-15);
  // Area 2 has no units.
  EXPECT_TRUE(std::isnan(d.shannon[2]));
  EXPECT_TRUE(std::isnan(d.hhi[2]));
  EXPECT_EQ(d.categories_present[2], 0u);
}

TEST(Diversity, SingleCategoryHasNoEvenness) {
  const std::vector<double> counts{0, 7, 0};
  const Diversity d = diversity(CategoryTable{counts, 1, 3});
  EXPECT_EQ(d.shannon[0], 0.0);
  EXPECT_FALSE(std::signbit(d.shannon[0]));  // +0, as the CSV writes it
  EXPECT_TRUE(std::isnan(d.evenness[0]));
  EXPECT_EQ(d.evenness_all[0], 0.0);
  EXPECT_EQ(d.hhi[0], 1.0);
}

// Five points on a line, categories A = 0, B = 1, C = 2:
//   p0 A (0, 0)   p1 B (1, 0)   p2 A (2.5, 0)   p3 C (4, 0)   p4 B (10, 0)
// Nearest neighbours: p0 → p1; p1 → p0; p2 → p1 and p3 tied at 1.5; p3 → p2; p4 → p3.
//   C(A → B) = 1 (p0) + 1/2 (p2: one of two tied neighbours is B) = 1.5
//   CLQ(A → B) = (1.5 / 2) / (2 / 4) = 1.5
//   C(B → A) = 1 (p1) + 0 (p4) = 1, CLQ(B → A) = (1 / 2) / (2 / 4) = 1
//   C(A → A) = 0, CLQ(A → A) = 0 / ((2 − 1) / 4) = 0
const std::vector<double> kX{0, 1, 2.5, 4, 10}, kY{0, 0, 0, 0, 0};
const std::vector<int32_t> kCategory{0, 1, 0, 2, 1};

TEST(ColocationQuotient, ByHandWithATie) {
  ColocationOptions options;
  options.permutations = 0;
  const ColocationResult ab = colocation_quotient(kX, kY, kCategory, 0, 1, options);
  EXPECT_DOUBLE_EQ(ab.count_ab, 1.5);
  EXPECT_DOUBLE_EQ(ab.clq, 1.5);
  EXPECT_EQ(ab.count_a, 2u);
  EXPECT_EQ(ab.count_b, 2u);
  EXPECT_EQ(ab.count, 5u);
  EXPECT_TRUE(std::isnan(ab.p_sim));
  EXPECT_DOUBLE_EQ(colocation_quotient(kX, kY, kCategory, 1, 0, options).clq, 1.0);
  EXPECT_DOUBLE_EQ(colocation_quotient(kX, kY, kCategory, 0, 0, options).clq, 0.0);
  EXPECT_TRUE(std::isnan(colocation_quotient(kX, kY, kCategory, 0, 7, options).clq));
}

// The permutation distribution of C(A → B) over the 5!/(2! 2! 1!) = 30 equally likely
// labellings, enumerated: the share of relabellings at or above the observed 1.5 must
// match the simulated one.
TEST(ColocationQuotient, PermutationMatchesEnumeration) {
  std::vector<int32_t> labels = kCategory;
  std::sort(labels.begin(), labels.end());
  const std::vector<std::vector<uint32_t>> nn{{1}, {0}, {1, 3}, {2}, {3}};
  int total = 0, at_least = 0, at_most = 0;
  do {
    double c = 0.0;
    for (size_t i = 0; i < 5; ++i) {
      if (labels[i] != 0) continue;
      double hits = 0.0;
      for (uint32_t j : nn[i]) hits += labels[j] == 1 ? 1.0 : 0.0;
      c += hits / static_cast<double>(nn[i].size());
    }
    ++total;
    at_least += c >= 1.5 - 1e-12 ? 1 : 0;
    at_most += c <= 1.5 + 1e-12 ? 1 : 0;  // ties with the observed value count on both sides
  } while (std::next_permutation(labels.begin(), labels.end()));
  ASSERT_EQ(total, 30);
  const double exact = static_cast<double>(at_least) / total;
  const double exact_at_most = static_cast<double>(at_most) / total;

  ColocationOptions options;
  options.permutations = 20000;
  options.seed = 4;
  const ColocationResult r = colocation_quotient(kX, kY, kCategory, 0, 1, options);
  EXPECT_NEAR(static_cast<double>(r.at_least) / options.permutations, exact, 0.01);
  EXPECT_NEAR(static_cast<double>(r.at_most) / options.permutations, exact_at_most, 0.01);
  EXPECT_DOUBLE_EQ(r.p_sim, (std::min(r.at_least, r.at_most) + 1.0) / (options.permutations + 1.0));
}

// A point with more tied nearest neighbours than the first index query returns: the centre
// p0 (A) has all eight points (±3, ±4), (±4, ±3) at exactly 5 (3² + 4² = 5²); p1 … p3 are
// C, p4 … p8 are B (neighbours tie by index, so the first four are three C and one B).
//   C(A → B) = 5/8 (five of its eight neighbours), N_A = 1, N_B = 5, N = 9
//   CLQ(A → B) = (5/8 / 1) / (5 / 8) = 1
TEST(ColocationQuotient, EveryTiedNeighbourCountsBeyondTheFirstQuery) {
  const std::vector<double> x{0, 3, 4, 4, 3, -3, -4, -4, -3}, y{0, 4, 3, -3, -4, -4, -3, 3, 4};
  const std::vector<int32_t> category{0, 2, 2, 2, 1, 1, 1, 1, 1};
  ColocationOptions options;
  options.permutations = 0;
  const ColocationResult r = colocation_quotient(x, y, category, 0, 1, options);
  EXPECT_DOUBLE_EQ(r.count_ab, 0.625);
  EXPECT_DOUBLE_EQ(r.clq, 1.0);
}

TEST(ColocationQuotient, SameSeedSameResultWhateverTheThreads) {
  std::vector<double> x, y;
  std::vector<int32_t> category;
  RandomStream stream(12, 0);
  for (int i = 0; i < 400; ++i) {
    x.push_back(stream.uniform() * 100);
    y.push_back(stream.uniform() * 100);
    category.push_back(static_cast<int32_t>(stream.below(4)));
  }
  ColocationOptions options;
  options.permutations = 199;
  options.threads = 1;
  const ColocationResult one = colocation_quotient(x, y, category, 1, 2, options);
  options.threads = 2;
  const ColocationResult two = colocation_quotient(x, y, category, 1, 2, options);
  EXPECT_EQ(one.clq, two.clq);
  EXPECT_EQ(one.at_least, two.at_least);
  EXPECT_EQ(one.at_most, two.at_most);
  EXPECT_GT(one.p_sim, 0.05);  // random labels: no colocation
}

TEST(ColocationQuotient, RejectsBadInput) {
  EXPECT_THROW(colocation_quotient(kX, std::vector<double>{0, 0}, kCategory, 0, 1), Error);
  std::vector<double> x = kX;
  x[2] = std::nan("");
  EXPECT_THROW(colocation_quotient(x, kY, kCategory, 0, 1), Error);
}

}  // namespace
}  // namespace kk::stats
