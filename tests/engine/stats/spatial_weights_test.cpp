// Tests for kernkompas/stats/spatial_weights.hpp: CSR invariants and the builders.
#include "kernkompas/stats/spatial_weights.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

std::vector<uint32_t> neighbours_of(const SpatialWeights& w, size_t i) {
  const auto span = w.neighbours(i);
  return {span.begin(), span.end()};
}

// 3 × 3 grid, observation index = 3 · row + column.
struct Grid3 {
  std::vector<int64_t> col{0, 1, 2, 0, 1, 2, 0, 1, 2};
  std::vector<int64_t> row{0, 0, 0, 1, 1, 1, 2, 2, 2};
};

TEST(SpatialWeights, EmptyHasNoObservations) {
  const SpatialWeights w;
  EXPECT_EQ(w.size(), 0u);
  EXPECT_EQ(w.nonzero_count(), 0u);
  EXPECT_EQ(w.max_cardinality(), 0u);
}

TEST(SpatialWeights, GridBandOfOneAndAHalfCellsIsQueen) {
  const Grid3 g;
  const auto w = SpatialWeights::grid_distance_band(g.col, g.row, 250.0, 375.0);
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w.transform(), WeightsTransform::kBinary);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 3, 4}));           // corner
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0, 2, 3, 4, 5}));     // edge
  EXPECT_EQ(neighbours_of(w, 4), (std::vector<uint32_t>{0, 1, 2, 3, 5, 6, 7, 8}));  // centre
  EXPECT_EQ(w.nonzero_count(), 4u * 3 + 4u * 5 + 8u);
  for (double weight : w.weight_values()) EXPECT_EQ(weight, 1.0);
}

// A band far wider than the grid (1e300 m) joins every pair, with no cast of a huge double
// (UBSan float-cast-overflow) and no loop over empty offsets.
TEST(SpatialWeights, GridBandWiderThanTheGridJoinsEveryPair) {
  const Grid3 g;
  const auto w = SpatialWeights::grid_distance_band(g.col, g.row, 250.0, 1e300);
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w.nonzero_count(), 9u * 8u);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

// A threshold tiny against the extent (1e-300 m over 1e6 m) finds no neighbour, and its
// bucket index does not overflow; points at the same place are still neighbours.
TEST(SpatialWeights, PointBandWithATinyThresholdOverAWideExtent) {
  const std::vector<double> x{0.0, 0.0, 1e6}, y{0.0, 0.0, 1e6};
  const auto w = SpatialWeights::distance_band(x, y, 1e-300);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0}));
  EXPECT_TRUE(neighbours_of(w, 2).empty());
}

TEST(SpatialWeights, GridBandOfExactlyOneCellIsRookDespiteRounding) {
  const Grid3 g;
  // 0.1 is not exact in binary; the band is still exactly one cell.
  const auto w = SpatialWeights::grid_distance_band(g.col, g.row, 0.1, 0.1);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 3}));
  EXPECT_EQ(neighbours_of(w, 4), (std::vector<uint32_t>{1, 3, 5, 7}));
  // 0.3 / 0.1 = 2.9999999999999996: cells three steps away are still inside.
  const auto far = SpatialWeights::grid_distance_band(std::vector<int64_t>{0, 3},
                                                      std::vector<int64_t>{0, 0}, 0.1, 0.3);
  EXPECT_EQ(far.cardinality(0), 1u);
}

TEST(SpatialWeights, GridBandSkipsEmptyCellsAndFindsIslands) {
  // Cells (0,0), (1,1) and (5,5): the first two touch at a corner, the third is alone.
  const auto w = SpatialWeights::grid_distance_band(std::vector<int64_t>{0, 1, 5},
                                                    std::vector<int64_t>{0, 1, 5}, 100.0, 150.0);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0}));
  EXPECT_EQ(w.cardinality(2), 0u);
  EXPECT_EQ(w.island_count(), 1u);
}

// A band wide beside the cell size (found by fuzzing: 1e300 m over 1 m cells looped over
// (2 reach + 1)² offsets per cell, and cast a reach past int64) compares every pair of cells.
TEST(SpatialWeights, GridBandWiderThanTheGridComparesEveryPair) {
  const std::vector<int64_t> col{0, 1, 9}, row{0, 0, 9};
  // sqrt(9² + 9²) = 12.73 cells: (0,0)-(9,9) in, (1,0)-(9,9) = sqrt(8² + 9²) = 12.04 in too.
  const auto wide = SpatialWeights::grid_distance_band(col, row, 1.0, 12.8);
  EXPECT_EQ(neighbours_of(wide, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(neighbours_of(wide, 2), (std::vector<uint32_t>{0, 1}));
  // 12.5 cells: (1,0)-(9,9) in, (0,0)-(9,9) out.
  const auto between = SpatialWeights::grid_distance_band(col, row, 1.0, 12.5);
  EXPECT_EQ(neighbours_of(between, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(between, 2), (std::vector<uint32_t>{1}));
  const auto everything = SpatialWeights::grid_distance_band(col, row, 1.0, 1e300);
  EXPECT_EQ(everything.nonzero_count(), 6u);
}

TEST(SpatialWeights, GridRejectsACellTwice) {
  EXPECT_THROW(SpatialWeights::grid_distance_band(std::vector<int64_t>{2, 2},
                                                  std::vector<int64_t>{7, 7}, 100.0, 150.0),
               Error);
  // The message names the cell and both observations (1 and 3, not the first in order).
  try {
    SpatialWeights::grid_distance_band(std::vector<int64_t>{5, 2, 0, 2}, std::vector<int64_t>{0, 7, 0, 7},
                                       100.0, 150.0);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cell (column 2, row 7) occurs twice"), std::string::npos) << message;
    EXPECT_TRUE(message.find("(observations 1 and 3)") != std::string::npos ||
                message.find("(observations 3 and 1)") != std::string::npos)
        << message;
  }
}

// Bad input to the point band is refused with one line naming the point or the problem.
TEST(SpatialWeights, PointBandRejectsBadInput) {
  auto message = [](const std::function<void()>& call) -> std::string {
    try {
      call();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> x{0.0, 1.0, 2.0}, y{0.0, 0.0, 0.0};
  EXPECT_NE(message([&] { SpatialWeights::distance_band(x, std::vector<double>{0.0, 0.0}, 1.0); })
                .find("x and y differ in length"),
            std::string::npos);
  for (double threshold : {-1.0, nan, inf}) {
    EXPECT_NE(message([&] { SpatialWeights::distance_band(x, y, threshold); })
                  .find("threshold must be finite and >= 0"),
              std::string::npos)
        << threshold;
  }
  std::vector<double> bad_y = y;
  bad_y[2] = nan;
  EXPECT_NE(message([&] { SpatialWeights::distance_band(x, bad_y, 1.0); })
                .find("point 2 has a non-finite coordinate"),
            std::string::npos);
  std::vector<double> bad_x = x;
  bad_x[1] = inf;
  EXPECT_NE(message([&] { SpatialWeights::distance_band(bad_x, y, 1.0); })
                .find("point 1 has a non-finite coordinate"),
            std::string::npos);
  // A band of 0 m is allowed: points 1 m apart are no neighbours.
  EXPECT_EQ(SpatialWeights::distance_band(x, y, 0.0).nonzero_count(), 0u);
  EXPECT_EQ(SpatialWeights::distance_band(x, y, 1.0).nonzero_count(), 4u);
}

TEST(SpatialWeights, PointDistanceBandIncludesTheThreshold) {
  // Points 0–1 exactly 3 apart, 1–2 5 apart, 0–2 sqrt(3² + 5²)... placed on a line.
  const std::vector<double> x{0.0, 3.0, 8.0, 100.0};
  const std::vector<double> y{0.0, 0.0, 0.0, 0.0};
  const auto w = SpatialWeights::distance_band(x, y, 5.0);
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1}));
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0, 2}));  // 5.0 <= 5.0
  EXPECT_EQ(neighbours_of(w, 2), (std::vector<uint32_t>{1}));
  EXPECT_EQ(w.cardinality(3), 0u);
}

TEST(SpatialWeights, PointBandOnCellCentresEqualsGridBand) {
  const Grid3 g;
  std::vector<double> x, y;
  for (size_t i = 0; i < 9; ++i) {
    x.push_back(1000.0 + 250.0 * static_cast<double>(g.col[i]) + 125.0);
    y.push_back(2000.0 + 250.0 * static_cast<double>(g.row[i]) + 125.0);
  }
  const auto points = SpatialWeights::distance_band(x, y, 375.0);
  const auto grid = SpatialWeights::grid_distance_band(g.col, g.row, 250.0, 375.0);
  EXPECT_EQ(points.offsets(), grid.offsets());
  EXPECT_EQ(points.neighbour_indices(), grid.neighbour_indices());
}

TEST(SpatialWeights, FromCsrSortsRowsAndValidates) {
  auto w = SpatialWeights::from_csr({0, 2, 3, 3}, {2, 1, 0}, {0.5, 2.0, 1.0});
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1, 2}));
  EXPECT_EQ(w.weights(0)[0], 2.0);
  EXPECT_EQ(w.weights(0)[1], 0.5);
  EXPECT_EQ(w.transform(), WeightsTransform::kOther);

  EXPECT_THROW(SpatialWeights::from_csr({0, 1}, {0}, {1.0}), Error);           // self
  EXPECT_THROW(SpatialWeights::from_csr({0, 1, 1}, {5}, {1.0}), Error);        // out of range
  EXPECT_THROW(SpatialWeights::from_csr({0, 2, 2, 2}, {1, 1}, {1, 1}), Error); // twice
  EXPECT_THROW(SpatialWeights::from_csr({0, 1, 1}, {1}, {}), Error);           // sizes
  EXPECT_THROW(SpatialWeights::from_csr({1, 1}, {}, {}), Error);               // offsets[0]
}

// Every row is checked and sorted, not only the first.
TEST(SpatialWeights, FromCsrChecksAndSortsEveryRow) {
  auto w = SpatialWeights::from_csr({0, 1, 3, 4}, {1, 2, 0, 1}, {1.0, 0.5, 2.0, 1.0});
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(w.weights(1)[0], 2.0);
  EXPECT_EQ(w.weights(1)[1], 0.5);
  EXPECT_THROW(SpatialWeights::from_csr({0, 1, 2}, {1, 1}, {1.0, 1.0}), Error);  // row 1 lists itself
  EXPECT_THROW(SpatialWeights::from_csr({0, 1, 2}, {1, 0}, {1.0, std::numeric_limits<double>::infinity()}),
               Error);                                                           // row 1, weight
}

// Cells that share a column (one cell a row) are distinct cells, not a duplicate.
TEST(SpatialWeights, GridCellsInOneColumnAreDistinct) {
  const std::vector<int64_t> col{0, 0, 0};
  const std::vector<int64_t> row{0, 1, 2};
  const auto w = SpatialWeights::grid_distance_band(col, row, 1.0, 1.0);
  EXPECT_EQ(neighbours_of(w, 1), (std::vector<uint32_t>{0, 2}));
  EXPECT_EQ(neighbours_of(w, 0), (std::vector<uint32_t>{1}));
}

TEST(SpatialWeights, RowStandardisedRowsSumToOne) {
  const Grid3 g;
  const auto w = SpatialWeights::grid_distance_band(g.col, g.row, 1.0, 1.5).row_standardised();
  EXPECT_EQ(w.transform(), WeightsTransform::kRowStandardised);
  for (size_t i = 0; i < w.size(); ++i) {
    double sum = 0.0;
    for (double v : w.weights(i)) sum += v;
    EXPECT_NEAR(sum, 1.0, 1e-15);
  }
  EXPECT_DOUBLE_EQ(w.weights(0)[0], 1.0 / 3.0);
}

}  // namespace
}  // namespace kk::stats
