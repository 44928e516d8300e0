// Kernel density (kernkompas/stats/kernel_density.hpp): hand-computed cell values, the
// integral of the surface, the disclosure mask and its breakdown protection, threads.
#include "kernkompas/stats/kernel_density.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <numeric>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

constexpr double kPi = std::numbers::pi;

KernelDensityOptions internal(DensityKernel kernel, double bandwidth) {
  KernelDensityOptions options;
  options.kernel = kernel;
  options.bandwidth = bandwidth;
  options.disclosure.internal = true;
  return options;
}

// A 10 × 10 grid of 100 m cells over [0, 1000]².
DensityGrid ten_by_ten() { return {0.0, 0.0, 100.0, 10, 10}; }

// Value at grid column c, row r counted from the south.
double at(const KernelDensity& d, size_t c, size_t r) {
  return d.density.values[(d.density.rows - 1 - r) * d.density.columns + c];
}

TEST(KernelDensity, OnePointByHand) {
  // One point at the centre of cell (4, 4) = (450, 450); h = 250 m.
  const std::vector<double> x{450}, y{450};
  for (auto [kernel, k0] : {std::pair{DensityKernel::kQuartic, 3.0 / kPi},
                            std::pair{DensityKernel::kEpanechnikov, 2.0 / kPi},
                            std::pair{DensityKernel::kGaussian, 1.0 / (2.0 * kPi)}}) {
    const KernelDensity d = kernel_density(x, y, {}, ten_by_ten(), internal(kernel, 250.0));
    // f = K(0) / h² per m², times 10⁶ per km².
    EXPECT_NEAR(at(d, 4, 4), k0 / (250.0 * 250.0) * 1e6, 1e-9);
    // Cell (6, 4): distance 200 m, u = 0.8, u² = 0.64.
    const double u2 = 0.64;
    const double expected = kernel == DensityKernel::kQuartic        ? 3.0 / kPi * (1 - u2) * (1 - u2)
                            : kernel == DensityKernel::kEpanechnikov ? 2.0 / kPi * (1 - u2)
                                                                     : std::exp(-u2 / 2) / (2 * kPi);
    EXPECT_NEAR(at(d, 6, 4), expected / (250.0 * 250.0) * 1e6, 1e-9) << density_kernel_name(kernel);
    EXPECT_EQ(d.units_in_reach[(9 - 4) * 10 + 6], 1);
  }
  // Quartic: cell (7, 4) at 300 m is beyond the bandwidth.
  const KernelDensity d = kernel_density(x, y, {}, ten_by_ten(), internal(DensityKernel::kQuartic, 250.0));
  EXPECT_EQ(at(d, 7, 4), 0.0);
  EXPECT_EQ(d.density.geotransform[0], 0.0);
  EXPECT_EQ(d.density.geotransform[3], 1000.0);  // the northern edge
  EXPECT_EQ(d.density.unit, "per_km2");
}

TEST(KernelDensity, IntegratesToTheTotalWeightAwayFromTheEdges) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> inner(4000.0, 6000.0);
  std::uniform_real_distribution<double> weight(0.5, 3.0);
  std::vector<double> x(400), y(400), w(400);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = inner(rng);
    y[i] = inner(rng);
    w[i] = weight(rng);
  }
  const double total = std::accumulate(w.begin(), w.end(), 0.0);
  const DensityGrid grid{0.0, 0.0, 50.0, 200, 200};  // 10 km square, the points 2 km from its edges
  for (DensityKernel kernel : {DensityKernel::kQuartic, DensityKernel::kEpanechnikov, DensityKernel::kGaussian}) {
    const KernelDensity d = kernel_density(x, y, w, grid, internal(kernel, 400.0));
    double integral = 0.0;
    for (double v : d.density.values) integral += v * (0.05 * 0.05);  // per km² × km²
    // A midpoint sum on 50 m cells of a kernel 400 m wide; the Gaussian loses its 0.03 % tail.
    EXPECT_NEAR(integral / total, 1.0, 2e-3) << density_kernel_name(kernel);
  }
}

TEST(KernelDensity, WithholdsCellsReachingOneToFourUnits) {
  // Four units at (450, 450): every cell within 250 m of it is withheld; farther cells hold 0.
  std::vector<double> x(4, 450.0), y(4, 450.0);
  KernelDensityOptions options;  // published: k = 5
  options.bandwidth = 250.0;
  KernelDensity d = kernel_density(x, y, {}, ten_by_ten(), options);
  EXPECT_TRUE(std::isnan(at(d, 4, 4)));
  EXPECT_TRUE(std::isnan(at(d, 6, 4)));  // 200 m
  EXPECT_EQ(at(d, 7, 4), 0.0);           // 300 m: no unit in reach
  // 3 × 3 within 141 m, 4 cells 200 m away along the axes, 8 at √(200² + 100²) = 224 m: 21.
  EXPECT_EQ(d.withheld_cells, 21u);
  // A fifth unit: published.
  x.push_back(450.0);
  y.push_back(450.0);
  d = kernel_density(x, y, {}, ten_by_ten(), options);
  EXPECT_EQ(d.withheld_cells, 0u);
  EXPECT_NEAR(at(d, 4, 4), 5 * 3.0 / kPi / (250.0 * 250.0) * 1e6, 1e-9);
}

TEST(KernelDensity, WithholdsADominatedWeightedCell) {
  // Five units together, one with 90 % of the weight: (1, 0.85)-dominance withholds the cells.
  const std::vector<double> x(5, 450.0), y(5, 450.0), w{36, 1, 1, 1, 1};
  KernelDensityOptions options;
  options.bandwidth = 250.0;
  KernelDensity d = kernel_density(x, y, w, ten_by_ten(), options);
  EXPECT_TRUE(std::isnan(at(d, 4, 4)));
  EXPECT_EQ(d.density.unit, "weight_per_km2");
  const std::vector<double> even{2, 1, 1, 1, 1};  // largest 1/3 of the total: published
  d = kernel_density(x, y, even, ten_by_ten(), options);
  EXPECT_NEAR(at(d, 4, 4), 6 * 3.0 / kPi / (250.0 * 250.0) * 1e6, 1e-9);
  // Units without a magnitude count as units, not as contributors: 2 of 5 contribute (< 3).
  const std::vector<double> two{1, 1, 0, 0, 0};
  d = kernel_density(x, y, two, ten_by_ten(), options);
  EXPECT_TRUE(std::isnan(at(d, 4, 4)));
  const std::vector<double> three{1, 1, 1, 0, 0};
  d = kernel_density(x, y, three, ten_by_ten(), options);
  EXPECT_NEAR(at(d, 4, 4), 3 * 3.0 / kPi / (250.0 * 250.0) * 1e6, 1e-9);
}

TEST(KernelDensity, SameBitsWithOneAndTwoThreads) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.0, 3000.0);
  std::vector<double> x(3000), y(3000);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = u(rng);
    y[i] = u(rng);
  }
  KernelDensityOptions options;
  options.bandwidth = 300.0;
  const DensityGrid grid = DensityGrid::covering(0, 0, 3000, 3000, 100, 300);
  const KernelDensity one = kernel_density(x, y, {}, grid, options);
  options.threads = 2;
  const KernelDensity two = kernel_density(x, y, {}, grid, options);
  ASSERT_EQ(one.density.values.size(), two.density.values.size());
  for (size_t i = 0; i < one.density.values.size(); ++i) {
    const double a = one.density.values[i], b = two.density.values[i];
    ASSERT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << i;
  }
  EXPECT_EQ(one.units_in_reach, two.units_in_reach);
}

TEST(KernelDensity, BreakdownWithholdsTheSmallestPublishedPart) {
  // Section A: 6 units, B: 2 units, C: 7 units, all at one spot. B is withheld by the count
  // rule; the total (15) would give B as total − A − C, so A (the smaller published) goes too.
  KernelDensityOptions options;
  options.bandwidth = 250.0;
  std::vector<KernelDensity> parts;
  for (size_t n : {6u, 2u, 7u}) {
    const std::vector<double> x(n, 450.0), y(n, 450.0);
    parts.push_back(kernel_density(x, y, {}, ten_by_ten(), options));
  }
  ASSERT_TRUE(std::isnan(at(parts[1], 4, 4)));
  ASSERT_FALSE(std::isnan(at(parts[0], 4, 4)));
  protect_density_breakdown(parts, options.disclosure);
  EXPECT_TRUE(std::isnan(at(parts[0], 4, 4)));
  EXPECT_FALSE(std::isnan(at(parts[2], 4, 4)));
  EXPECT_EQ(at(parts[0], 8, 8), 0.0);  // out of reach: 0 stays published
  EXPECT_EQ(parts[0].withheld_cells, 21u);
}

TEST(KernelDensity, CoveringGridIsAlignedToTheCellSize) {
  const DensityGrid g = DensityGrid::covering(130'040.0, 470'010.0, 131'960.0, 471'000.0, 100.0, 500.0);
  EXPECT_EQ(g.origin_x, 129'500.0);
  EXPECT_EQ(g.origin_y, 469'500.0);
  EXPECT_EQ(g.columns, 30u);  // 129 500 … 132 500
  EXPECT_EQ(g.rows, 20u);     // 469 500 … 471 500
}

TEST(KernelDensity, RefusesBadArguments) {
  const std::vector<double> x{1, 2}, y{1, 2};
  const std::vector<double> negative{1, -1};
  EXPECT_THROW(kernel_density(x, y, negative, ten_by_ten(), {}), Error);
  KernelDensityOptions zero;
  zero.bandwidth = 0.0;
  EXPECT_THROW(kernel_density(x, y, {}, ten_by_ten(), zero), Error);
  KernelDensityOptions negative_bandwidth;
  negative_bandwidth.bandwidth = -250.0;
  EXPECT_THROW(kernel_density(x, y, {}, ten_by_ten(), negative_bandwidth), Error);
  EXPECT_THROW(kernel_density(x, y, {}, DensityGrid{0, 0, 100, 0, 0}, {}), Error);
  EXPECT_THROW(parse_density_kernel("triangular"), Error);
  EXPECT_EQ(parse_density_kernel("epanechnikov"), DensityKernel::kEpanechnikov);
  EXPECT_THROW(DensityGrid::covering(0, 0, 1e9, 1e9, 1.0, 0.0), Error);
}

}  // namespace
}  // namespace kk::stats
