// Kernel density on a grid, gathered row by row.
//
// Points are sorted by y once. A grid row's value at each cell sums the points whose y lies
// within the kernel's reach of the row's centre line: a contiguous run of the sorted points,
// always added in the same order. So every cell's sum has one fixed order, and the raster is
// the same bit for bit whatever the number of threads (each thread owns whole rows).
#include "kernkompas/stats/kernel_density.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <limits>
#include <numeric>
#include <string>

#include "kernkompas/core/error.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr double kGaussianCutoff = 4.0;  // in bandwidths
constexpr double kSquareMetresPerKm2 = 1e6;

// K(u²) for u² ≤ (reach / h)², per unit bandwidth².
double kernel_value(DensityKernel kernel, double u_squared) {
  switch (kernel) {
    case DensityKernel::kQuartic: {
      const double t = 1.0 - u_squared;
      return t > 0.0 ? 3.0 / std::numbers::pi * t * t : 0.0;
    }
    case DensityKernel::kEpanechnikov: {
      const double t = 1.0 - u_squared;
      return t > 0.0 ? 2.0 / std::numbers::pi * t : 0.0;
    }
    case DensityKernel::kGaussian:
      return std::exp(-0.5 * u_squared) / (2.0 * std::numbers::pi);
  }
  return 0.0;
}

}  // namespace

DensityKernel parse_density_kernel(std::string_view name) {
  if (name == "quartic") return DensityKernel::kQuartic;
  if (name == "epanechnikov") return DensityKernel::kEpanechnikov;
  if (name == "gaussian") return DensityKernel::kGaussian;
  throw Error(ErrorCode::kInvalidArgument,
              "unknown density kernel '" + std::string(name) + "' (quartic, epanechnikov or gaussian)");
}

std::string_view density_kernel_name(DensityKernel kernel) {
  switch (kernel) {
    case DensityKernel::kQuartic: return "quartic";
    case DensityKernel::kEpanechnikov: return "epanechnikov";
    case DensityKernel::kGaussian: return "gaussian";
  }
  return "quartic";
}

double kernel_reach(DensityKernel kernel, double bandwidth) {
  return kernel == DensityKernel::kGaussian ? kGaussianCutoff * bandwidth : bandwidth;
}

DensityGrid DensityGrid::covering(double min_x, double min_y, double max_x, double max_y, double cell_size,
                                  double margin) {
  if (!(cell_size > 0.0) || !std::isfinite(cell_size)) {
    throw Error(ErrorCode::kInvalidArgument, "density grid: the cell size must be a positive number");
  }
  if (!(min_x <= max_x) || !(min_y <= max_y) || !std::isfinite(min_x + max_x + min_y + max_y) ||
      !(margin >= 0.0)) {
    throw Error(ErrorCode::kInvalidArgument, "density grid: the box to cover is empty or not finite");
  }
  DensityGrid grid;
  grid.cell_size = cell_size;
  grid.origin_x = std::floor((min_x - margin) / cell_size) * cell_size;
  grid.origin_y = std::floor((min_y - margin) / cell_size) * cell_size;
  const double columns = std::ceil((max_x + margin - grid.origin_x) / cell_size);
  const double rows = std::ceil((max_y + margin - grid.origin_y) / cell_size);
  constexpr double kMaxCells = 1e8;  // 800 MB of doubles: a wrong cell size, not a real grid
  if (std::max(columns, 1.0) * std::max(rows, 1.0) > kMaxCells) {
    throw Error(ErrorCode::kInvalidArgument, "density grid: more than 10^8 cells; use a larger cell size");
  }
  grid.columns = static_cast<size_t>(std::max(columns, 1.0));
  grid.rows = static_cast<size_t>(std::max(rows, 1.0));
  return grid;
}

KernelDensity kernel_density(std::span<const double> x, std::span<const double> y,
                             std::span<const double> weights, const DensityGrid& grid,
                             const KernelDensityOptions& options) {
  if (x.size() != y.size()) throw Error(ErrorCode::kInvalidArgument, "kernel density: x and y differ in length");
  if (!weights.empty() && weights.size() != x.size()) {
    throw Error(ErrorCode::kInvalidArgument, "kernel density: weights and points differ in length");
  }
  if (!(options.bandwidth > 0.0) || !std::isfinite(options.bandwidth)) {
    throw Error(ErrorCode::kInvalidArgument, "kernel density: the bandwidth must be a positive number");
  }
  if (!(grid.cell_size > 0.0) || grid.columns == 0 || grid.rows == 0) {
    throw Error(ErrorCode::kInvalidArgument, "kernel density: the grid is empty");
  }
  for (size_t i = 0; i < weights.size(); ++i) {
    if (!(weights[i] >= 0.0) || !std::isfinite(weights[i])) {
      throw Error(ErrorCode::kInvalidArgument,
                  "kernel density: weight " + std::to_string(i) + " is negative or not a number");
    }
  }

  // Points by ascending y (ties by index), NaN coordinates left out.
  std::vector<uint32_t> order;
  order.reserve(x.size());
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i]) && !std::isnan(y[i])) order.push_back(static_cast<uint32_t>(i));
  }
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return y[a] < y[b]; });
  std::vector<double> sorted_y(order.size());
  for (size_t k = 0; k < order.size(); ++k) sorted_y[k] = y[order[k]];

  const double h = options.bandwidth;
  const double reach = kernel_reach(options.kernel, h);
  const double reach_squared = reach * reach;
  const double scale = kSquareMetresPerKm2 / (h * h);
  const double cell = grid.cell_size;
  const bool weighted = !weights.empty();
  const DisclosureSettings& rule = options.disclosure;

  KernelDensity result;
  result.density = Raster::grid("density", grid.origin_x, grid.origin_y, cell, grid.columns, grid.rows);
  result.density.unit = weighted ? "weight_per_km2" : "per_km2";
  result.density.description = std::string(density_kernel_name(options.kernel)) + " kernel density, bandwidth " +
                               std::to_string(static_cast<long long>(std::lround(h))) + " m";
  result.units_in_reach.assign(grid.columns * grid.rows, 0);
  std::vector<size_t> withheld_by_row(grid.rows, 0);

  detail::parallel_blocks(grid.rows, 1, options.threads, options.progress, "kernel density",
                          [&](size_t begin, size_t end, unsigned) {
    std::vector<double> sum(grid.columns), largest(grid.columns);
    std::vector<int64_t> count(grid.columns), contributors(grid.columns);
    for (size_t row = begin; row < end; ++row) {  // row counted from the south
      const double cy = grid.origin_y + (static_cast<double>(row) + 0.5) * cell;
      std::fill(sum.begin(), sum.end(), 0.0);
      std::fill(largest.begin(), largest.end(), 0.0);
      std::fill(count.begin(), count.end(), 0);
      std::fill(contributors.begin(), contributors.end(), 0);
      const auto first = std::lower_bound(sorted_y.begin(), sorted_y.end(), cy - reach);
      const auto last = std::upper_bound(first, sorted_y.end(), cy + reach);
      for (auto it = first; it != last; ++it) {
        const uint32_t i = order[static_cast<size_t>(it - sorted_y.begin())];
        const double dy = y[i] - cy;
        const double half_width = std::sqrt(std::max(0.0, reach_squared - dy * dy));
        // Columns whose centres lie within the horizontal half-width around the point.
        const double lo = std::ceil((x[i] - half_width - grid.origin_x) / cell - 0.5);
        const double hi = std::floor((x[i] + half_width - grid.origin_x) / cell - 0.5);
        if (hi < 0.0 || lo > static_cast<double>(grid.columns - 1)) continue;
        const size_t c0 = static_cast<size_t>(std::max(lo, 0.0));
        const size_t c1 = static_cast<size_t>(std::min(hi, static_cast<double>(grid.columns - 1)));
        const double w = weighted ? weights[i] : 1.0;
        for (size_t c = c0; c <= c1; ++c) {
          const double dx = x[i] - (grid.origin_x + (static_cast<double>(c) + 0.5) * cell);
          const double d_squared = dx * dx + dy * dy;
          if (d_squared > reach_squared) continue;  // rounding at the rim
          const double contribution = w * kernel_value(options.kernel, d_squared / (h * h));
          sum[c] += contribution;
          largest[c] = std::max(largest[c], contribution);
          ++count[c];
          contributors[c] += w > 0.0;
        }
      }
      const size_t out_row = grid.rows - 1 - row;
      for (size_t c = 0; c < grid.columns; ++c) {
        const size_t cell_index = out_row * grid.columns + c;
        result.units_in_reach[cell_index] = count[c];
        const bool withheld = rule.withholds(count[c]) ||
                              (weighted && rule.withholds_magnitude(contributors[c], largest[c], sum[c]));
        if (withheld) {
          ++withheld_by_row[row];
        } else {
          result.density.values[cell_index] = sum[c] * scale;
        }
      }
    }
  });
  result.withheld_cells = std::accumulate(withheld_by_row.begin(), withheld_by_row.end(), size_t{0});
  return result;
}

void protect_density_breakdown(std::span<KernelDensity> parts, const DisclosureSettings& disclosure) {
  if (disclosure.internal || parts.empty()) return;
  const size_t cells = parts.front().units_in_reach.size();
  for (const KernelDensity& part : parts) {
    if (part.units_in_reach.size() != cells || part.density.values.size() != cells) {
      throw Error(ErrorCode::kInvalidArgument, "density breakdown: the parts are on different grids");
    }
  }
  for (size_t cell = 0; cell < cells; ++cell) {
    while (true) {
      int64_t hidden_units = 0;
      KernelDensity* smallest_published = nullptr;
      for (KernelDensity& part : parts) {
        const int64_t units = part.units_in_reach[cell];
        if (std::isnan(part.density.values[cell])) {
          hidden_units += units;
        } else if (units > 0 && (smallest_published == nullptr ||
                                 units < smallest_published->units_in_reach[cell])) {
          smallest_published = &part;
        }
      }
      if (!disclosure.withholds(hidden_units) || smallest_published == nullptr) break;
      smallest_published->density.values[cell] = std::numeric_limits<double>::quiet_NaN();
      ++smallest_published->withheld_cells;
    }
  }
}

}  // namespace kk::stats
