// Kernel density of points on a grid (a raster result), with the disclosure mask that lets a
// density surface be published.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "kernkompas/core/disclosure.hpp"
#include "kernkompas/core/progress.hpp"
#include "kernkompas/core/raster.hpp"

namespace kk::stats {

// K(u) for u = distance / bandwidth, each integrating to 1 over the plane:
//   quartic       (3/π)(1 − u²)²  for u ≤ 1 (the default; QGIS's and ArcGIS's default too)
//   epanechnikov  (2/π)(1 − u²)   for u ≤ 1
//   gaussian      exp(−u²/2)/(2π), cut off at u = 4 (the mass beyond is 0.03 %)
enum class DensityKernel { kQuartic, kEpanechnikov, kGaussian };

// Parses "quartic", "epanechnikov" or "gaussian"; throws kk::Error (invalid argument) otherwise.
DensityKernel parse_density_kernel(std::string_view name);
std::string_view density_kernel_name(DensityKernel kernel);

// The distance beyond which a point adds nothing: the bandwidth, or 4 bandwidths (gaussian).
double kernel_reach(DensityKernel kernel, double bandwidth);

// A north-up grid: `columns` × `rows` square cells of `cell_size` metres, lower-left corner
// at (origin_x, origin_y). Densities are evaluated at cell centres.
struct DensityGrid {
  double origin_x = 0.0, origin_y = 0.0;
  double cell_size = 100.0;
  size_t columns = 0, rows = 0;

  // The grid of `cell_size` cells aligned to multiples of the cell size that covers the box
  // [min_x, max_x] × [min_y, max_y] widened by `margin` on every side.
  static DensityGrid covering(double min_x, double min_y, double max_x, double max_y, double cell_size,
                              double margin);
};

struct KernelDensityOptions {
  DensityKernel kernel = DensityKernel::kQuartic;
  // h, metres. DEFAULT: 500. REQUIRES: > 0.
  double bandwidth = 500.0;
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1. The result does not depend on it (bit for bit).
  unsigned threads = 1;
  // Disclosure control. A cell is no data when its reach (kernel_reach around the cell
  // centre, distance ≤ reach) holds 1 … k − 1 units, or — with weights — fewer than
  // magnitude_min_contributors units of weight > 0 or one unit contributing more than
  // dominance_share of the value (the table rules for magnitudes). Cells with no unit in reach hold 0. `internal` = true: nothing is masked.
  DisclosureSettings disclosure;
  ProgressCallback progress;
};

struct KernelDensity {
  // f(c) = Σ_i w_i K(‖c − x_i‖ / h) / h², per km² (× 10⁶ of the per-m² value), so that away
  // from the grid's edges Σ_cells f · cell area (km²) = Σ w_i. NaN = withheld.
  Raster density;
  // Units within reach of each cell (row-major, northern row first, like density.values):
  // what the mask was decided on, kept so breakdowns can be protected together
  // (protect_density_breakdown).
  std::vector<int64_t> units_in_reach;
  // Cells withheld by the count rule and by the magnitude rule.
  size_t withheld_cells = 0;
};

// Density of the points (x, y) with optional weights (empty = 1 each; NaN or negative
// weights are refused: kk::Error, invalid argument). Points with NaN coordinates are left out.
KernelDensity kernel_density(std::span<const double> x, std::span<const double> y,
                             std::span<const double> weights, const DensityGrid& grid,
                             const KernelDensityOptions& options);

// Protects density surfaces of a breakdown (e.g. one per SBI section) that add up to a
// published total against differencing: in a cell where the withheld parts together hold
// 1 … k − 1 units, the total minus the published parts would give their density, so the
// published part with the fewest units there is withheld too (repeated until the withheld
// parts hold none or at least k). Every part must be on the same grid.
void protect_density_breakdown(std::span<KernelDensity> parts, const DisclosureSettings& disclosure);

}  // namespace kk::stats
