// Tests for kernkompas/stats/weights_builders.hpp: contiguity, k nearest neighbours,
// inverse-distance bands, islands — on cases small enough to list every neighbour by hand.
#include "kernkompas/stats/weights_builders.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

using geometry::MultiPolygonArray;

std::vector<uint32_t> neighbours_of(const SpatialWeights& w, size_t i) {
  const auto span = w.neighbours(i);
  return {span.begin(), span.end()};
}

void add_square(MultiPolygonArray& p, double x0, double y0, double size = 1.0) {
  p.begin_feature();
  p.begin_part();
  const std::vector<double> x{x0, x0 + size, x0 + size, x0, x0};
  const std::vector<double> y{y0, y0, y0 + size, y0 + size, y0};
  p.add_ring(x, y);
}

// 3 × 3 unit squares, feature = 3 · row + column.
MultiPolygonArray lattice3() {
  MultiPolygonArray p;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) add_square(p, c, r);
  }
  return p;
}

TEST(Contiguity, RookOnALatticeIsTheFourNeighbourhood) {
  const auto w = contiguity_weights(lattice3(), Contiguity::kRook);
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w.transform(), WeightsTransform::kBinary);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0, 2, 4}));
  EXPECT_EQ(neighbours_of(w, 4), (std::vector<uint32_t>{1, 3, 5, 7}));
  EXPECT_EQ(neighbours_of(w, 8), (std::vector<uint32_t>{5, 7}));
  EXPECT_EQ(w.nonzero_count(), 24u);  // 12 shared edges, both ways
}

TEST(Contiguity, QueenOnALatticeAddsTheDiagonals) {
  const auto w = contiguity_weights(lattice3(), Contiguity::kQueen);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 3, 4}));
  EXPECT_EQ(neighbours_of(w, 4), (std::vector<uint32_t>{0, 1, 2, 3, 5, 6, 7, 8}));
  EXPECT_EQ(neighbours_of(w, 6), (std::vector<uint32_t>{3, 4, 7}));
  EXPECT_EQ(w.nonzero_count(), 40u);  // 12 edges + 8 diagonals, both ways
}

TEST(Contiguity, CornerContactIsQueenOnlyAndGapsAreIslands) {
  MultiPolygonArray p;
  add_square(p, 0, 0);   // 0
  add_square(p, 1, 1);   // 1: touches 0 at (1, 1) only
  add_square(p, 5, 5);   // 2: far away
  p.begin_feature();     // 3: empty feature
  const auto queen = contiguity_weights(p, Contiguity::kQueen);
  const auto rook = contiguity_weights(p, Contiguity::kRook);
  EXPECT_EQ(neighbours_of(queen, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(queen, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(islands(queen), (std::vector<uint32_t>{2, 3}));
  EXPECT_EQ(islands(rook), (std::vector<uint32_t>{0, 1, 2, 3}));
}

TEST(Contiguity, EdgeOrientationDoesNotMatterButCommonVerticesDo) {
  MultiPolygonArray p;
  add_square(p, 0, 0, 2.0);  // 0: edge (2,0)-(2,2) counter-clockwise
  // 1: clockwise square to the right sharing that edge, traversed the other way.
  p.begin_feature();
  p.begin_part();
  p.add_ring(std::vector<double>{2, 2, 4, 4, 2}, std::vector<double>{0, 2, 2, 0, 0});
  // 2: on top of 0, its bottom edge (−1,2)-(1,2) overlaps 0's top edge (0,2)-(2,2) along
  // (0,2)-(1,2) without a common vertex.
  p.begin_feature();
  p.begin_part();
  p.add_ring(std::vector<double>{-1, 1, 1, -1}, std::vector<double>{2, 2, 3, 3});
  const auto rook = contiguity_weights(p, Contiguity::kRook);
  const auto queen = contiguity_weights(p, Contiguity::kQueen);
  EXPECT_EQ(neighbours_of(rook, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(rook, 1), (std::vector<uint32_t>{0}));
  // The T-junction-like contact of 2 shares no vertex with 0: not neighbours (libpysal too).
  EXPECT_TRUE(neighbours_of(queen, 2).empty());
}

TEST(Contiguity, HoleRingsAndSecondPartsCount) {
  MultiPolygonArray p;
  // 0: a 4 × 4 square with a 2 × 2 hole at (1, 1); 1: the square filling the hole.
  p.begin_feature();
  p.begin_part();
  p.add_ring(std::vector<double>{0, 4, 4, 0}, std::vector<double>{0, 0, 4, 4});
  p.add_ring(std::vector<double>{1, 1, 3, 3}, std::vector<double>{1, 3, 3, 1});
  add_square(p, 1, 1, 2.0);
  // 2: two parts, the second one next to square 0's right edge (4,0)-(4,4).
  p.begin_feature();
  p.begin_part();
  p.add_ring(std::vector<double>{10, 11, 11, 10}, std::vector<double>{0, 0, 1, 1});
  p.begin_part();
  p.add_ring(std::vector<double>{4, 6, 6, 4}, std::vector<double>{0, 0, 4, 4});
  const auto rook = contiguity_weights(p, Contiguity::kRook);
  EXPECT_EQ(neighbours_of(rook, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(neighbours_of(rook, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(neighbours_of(rook, 2), (std::vector<uint32_t>{0}));
}

TEST(Contiguity, RejectsNonFiniteVertices) {
  MultiPolygonArray p;
  add_square(p, 0, 0);
  p.x[2] = std::nan("");
  EXPECT_THROW(contiguity_weights(p, Contiguity::kQueen), Error);
}

// Points on a line at 0, 1, 3, 4 and 10: distances from 1 are 1 (to 0), 2 (to 3), 3 (to 4).
TEST(Knn, NearestNeighboursWithTiesByIndex) {
  const std::vector<double> x{0, 1, 3, 4, 10}, y(5, 0.0);
  const auto w1 = knn_weights(x, y, 1);
  EXPECT_EQ(neighbours_of(w1, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(w1, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(neighbours_of(w1, 4), (std::vector<uint32_t>{3}));
  const auto w2 = knn_weights(x, y, 2);
  // Point 2 (x = 3): point 3 at distance 1, then point 1 at 2 (point 0 is at 3).
  EXPECT_EQ(neighbours_of(w2, 2), (std::vector<uint32_t>{1, 3}));
  // A tie: from x = 2 (point 3), points 1 and 2 are both at distance 1; k = 1 takes index 1.
  const std::vector<double> xt{0, 1, 3, 2}, yt(4, 0.0);
  EXPECT_EQ(neighbours_of(knn_weights(xt, yt, 1), 3), (std::vector<uint32_t>{1}));
  // Fewer points than k + 1: every other point.
  EXPECT_EQ(neighbours_of(knn_weights(xt, yt, 10), 0), (std::vector<uint32_t>{1, 2, 3}));
  EXPECT_THROW(knn_weights(x, y, 0), Error);
}

TEST(InverseDistanceBand, WeightsArePowersOfTheDistance) {
  const std::vector<double> x{0, 3, 0, 100}, y{0, 4, 2, 0};
  const auto w = inverse_distance_band(x, y, 5.0, -1.0);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_NEAR(w.weights(0)[0], 1.0 / 5.0, 1e-15);
  EXPECT_NEAR(w.weights(0)[1], 1.0 / 2.0, 1e-15);
  const auto w2 = inverse_distance_band(x, y, 5.0, -2.0);
  EXPECT_NEAR(w2.weights(0)[0], 1.0 / 25.0, 1e-15);
  EXPECT_EQ(islands(w), (std::vector<uint32_t>{3}));
  const std::vector<double> same{1, 1};
  EXPECT_THROW(inverse_distance_band(same, same, 5.0, -1.0), Error);
  EXPECT_THROW(inverse_distance_band(x, y, 5.0, 0.0), Error);
}

}  // namespace
}  // namespace kk::stats
