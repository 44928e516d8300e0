// Tests for DBSCAN (kernkompas/stats/dbscan.hpp): a hand-made line with a border point between
// two clusters, a brute-force copy of scikit-learn's scan on random sets with exact ties,
// thread-count independence and input-order independence up to relabelling.
#include "kernkompas/stats/dbscan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

// eps 1, min_samples 4, on a line: the border point at x = 2 (index 0) has core neighbours
// at x = 1 (cluster A) and x = 3 (cluster C) and only three points in its own neighbourhood.
// C's core points come first in the input, so C is cluster 0 and the border point joins it.
const std::vector<double> kLineX{2.0, 3.0, 3.4, 3.7, 4.0, 0.0, 0.3, 0.6, 1.0, 10.0};
const std::vector<double> kLineY(10, 0.0);

TEST(Dbscan, BorderPointBetweenTwoClustersJoinsTheFirstInInputOrder) {
  const DbscanResult r = dbscan(kLineX, kLineY, {.eps = 1.0, .min_samples = 4});
  EXPECT_EQ(r.core, (std::vector<uint8_t>{0, 1, 1, 1, 1, 1, 1, 1, 1, 0}));
  EXPECT_EQ(r.labels, (std::vector<int32_t>{0, 0, 0, 0, 0, 1, 1, 1, 1, -1}));
  EXPECT_EQ(r.cluster_count, 2);
  // With A's points first, A is cluster 0 and takes the border point.
  const std::vector<double> x{0.0, 0.3, 0.6, 1.0, 2.0, 3.0, 3.4, 3.7, 4.0, 10.0};
  const DbscanResult swapped = dbscan(x, kLineY, {.eps = 1.0, .min_samples = 4});
  EXPECT_EQ(swapped.labels, (std::vector<int32_t>{0, 0, 0, 0, 0, 1, 1, 1, 1, -1}));
  // min_samples 3 makes the border point core (x=1, 2, 3 within 1): one cluster.
  const DbscanResult joined = dbscan(kLineX, kLineY, {.eps = 1.0, .min_samples = 3});
  EXPECT_EQ(joined.labels, (std::vector<int32_t>{0, 0, 0, 0, 0, 0, 0, 0, 0, -1}));
  // eps just under 1 cuts the bridge: the point at 2 is noise.
  const DbscanResult cut = dbscan(kLineX, kLineY, {.eps = 0.999, .min_samples = 4});
  EXPECT_EQ(cut.labels[0], -1);
  EXPECT_EQ(cut.cluster_count, 2);
}

TEST(Dbscan, MinSamplesOneMakesEveryPointCoreAndCoincidentPointsCount) {
  const std::vector<double> x{0, 0, 5};
  const std::vector<double> y{0, 0, 0};
  EXPECT_EQ(dbscan(x, y, {.eps = 0.0, .min_samples = 1}).labels, (std::vector<int32_t>{0, 0, 1}));
  const DbscanResult two = dbscan(x, y, {.eps = 0.0, .min_samples = 2});
  EXPECT_EQ(two.labels, (std::vector<int32_t>{0, 0, -1}));
  EXPECT_EQ(two.core, (std::vector<uint8_t>{1, 1, 0}));
  EXPECT_TRUE(dbscan({}, {}).labels.empty());
}

// scikit-learn's algorithm written out plainly: all neighbourhoods by brute force, then the
// depth-first scan of _dbscan_inner.pyx.
DbscanResult sklearn_scan(const std::vector<double>& x, const std::vector<double>& y, double eps,
                          uint32_t min_samples) {
  const size_t n = x.size();
  std::vector<std::vector<size_t>> nbhd(n);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      const double dx = x[i] - x[j], dy = y[i] - y[j];
      if (dx * dx + dy * dy <= eps * eps) nbhd[i].push_back(j);
    }
  }
  DbscanResult r;
  r.labels.assign(n, -1);
  r.core.assign(n, 0);
  for (size_t i = 0; i < n; ++i) r.core[i] = nbhd[i].size() >= min_samples;
  int32_t label = 0;
  std::vector<size_t> stack;
  for (size_t start = 0; start < n; ++start) {
    if (r.labels[start] != -1 || !r.core[start]) continue;
    size_t i = start;
    while (true) {
      if (r.labels[i] == -1) {
        r.labels[i] = label;
        if (r.core[i]) {
          for (size_t v : nbhd[i]) {
            if (r.labels[v] == -1) stack.push_back(v);
          }
        }
      }
      if (stack.empty()) break;
      i = stack.back();
      stack.pop_back();
    }
    ++label;
  }
  r.cluster_count = label;
  return r;
}

// Points on a coarse integer grid (many exact distance ties at eps) with clumps.
void random_points(uint64_t seed, size_t n, std::vector<double>& x, std::vector<double>& y,
                   int grid = 60) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> cell(0, grid);
  x.resize(n);
  y.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const bool clump = i % 3 == 0;
    x[i] = clump ? 10 + cell(rng) % 8 : cell(rng);
    y[i] = clump ? 20 + cell(rng) % 8 : cell(rng);
  }
}

TEST(Dbscan, MatchesScikitLearnsScanOnRandomSetsWithTies) {
  std::vector<double> x, y;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    random_points(seed, 1500, x, y);
    for (double eps : {1.0, 2.0, 2.5}) {
      for (uint32_t min_samples : {2u, 5u, 9u}) {
        const DbscanResult expected = sklearn_scan(x, y, eps, min_samples);
        const DbscanResult got = dbscan(x, y, {.eps = eps, .min_samples = min_samples, .threads = 2});
        const std::string where = "seed " + std::to_string(seed) + " eps " + std::to_string(eps) +
                                  " min_samples " + std::to_string(min_samples);
        ASSERT_EQ(got.core, expected.core) << where;
        ASSERT_EQ(got.labels, expected.labels) << where;
        ASSERT_EQ(got.cluster_count, expected.cluster_count) << where;
      }
    }
  }
}

TEST(Dbscan, ThreadCountDoesNotChangeTheResult) {
  std::vector<double> x, y;
  random_points(99, 10000, x, y, 400);
  const DbscanResult one = dbscan(x, y, {.eps = 1.5, .min_samples = 3, .threads = 1});
  const DbscanResult three = dbscan(x, y, {.eps = 1.5, .min_samples = 3, .threads = 3});
  EXPECT_GT(one.cluster_count, 1);
  EXPECT_EQ(one.labels, three.labels);
  EXPECT_EQ(one.core, three.core);
}

TEST(Dbscan, ShuffledInputGivesTheSameCorePartitionUpToRelabelling) {
  std::vector<double> x, y;
  random_points(5, 3000, x, y);
  const DbscanOptions options{.eps = 2.0, .min_samples = 6};
  const DbscanResult base = dbscan(x, y, options);
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::shuffle(order.begin(), order.end(), std::mt19937_64(11));
  std::vector<double> sx(x.size()), sy(y.size());
  for (size_t k = 0; k < order.size(); ++k) sx[k] = x[order[k]], sy[k] = y[order[k]];
  const DbscanResult shuffled = dbscan(sx, sy, options);
  ASSERT_EQ(base.cluster_count, shuffled.cluster_count);
  std::map<int32_t, int32_t> relabel;  // base label -> shuffled label, one to one on core points
  for (size_t k = 0; k < order.size(); ++k) {
    const size_t i = order[k];
    ASSERT_EQ(base.core[i], shuffled.core[k]);
    if (!base.core[i]) {
      // Noise stays noise; a border point stays a border point (perhaps of another cluster).
      ASSERT_EQ(base.labels[i] == -1, shuffled.labels[k] == -1) << "point " << i;
      continue;
    }
    const auto [it, inserted] = relabel.emplace(base.labels[i], shuffled.labels[k]);
    ASSERT_EQ(it->second, shuffled.labels[k]) << "point " << i;
  }
  std::vector<int32_t> images;
  for (const auto& [from, to] : relabel) images.push_back(to);
  std::sort(images.begin(), images.end());
  EXPECT_EQ(std::unique(images.begin(), images.end()), images.end()) << "two clusters merged";
}

TEST(Dbscan, BadInputThrowsWithTheProblem) {
  const std::vector<double> x{0, std::numeric_limits<double>::infinity()};
  const std::vector<double> y{0, 0};
  try {
    dbscan(x, y);
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("point 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(dbscan(kLineX, std::vector<double>{0}), Error);
  EXPECT_THROW(dbscan(kLineX, kLineY, {.eps = -1.0}), Error);
  EXPECT_THROW(dbscan(kLineX, kLineY, {.eps = std::numeric_limits<double>::quiet_NaN()}), Error);
  EXPECT_THROW(dbscan(kLineX, kLineY, {.min_samples = 0}), Error);
  EXPECT_THROW(dbscan(kLineX, kLineY, {.threads = 0}), Error);
}

TEST(Dbscan, ProgressCanCancel) {
  DbscanOptions options{.eps = 1.0, .min_samples = 4};
  options.progress = [](std::string_view, double) { return false; };
  EXPECT_THROW(dbscan(kLineX, kLineY, options), Cancelled);
}

}  // namespace
}  // namespace kk::stats
