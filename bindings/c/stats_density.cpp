// C API: kernel density of points on a grid (kk_stats_kernel_density).
#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "capi_internal.hpp"
#include "kernkompas/stats/kernel_density.hpp"

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_stats_kernel_density(kk_context* ctx, size_t count, const double* x, const double* y,
                                  const double* weights, const char* kernel, double bandwidth,
                                  double origin_x, double origin_y, double cell_size, size_t columns,
                                  size_t rows, int64_t disclosure_k, unsigned threads, double* density,
                                  int64_t* units_in_reach, size_t capacity) {
  return guard(ctx, __func__, [&] {
    if (count > 0) {
      require(x, "x");
      require(y, "y");
    }
    require(kernel, "kernel");
    require(density, "density");
    if (columns != 0 && rows > SIZE_MAX / columns) {
      throw kk::Error(kk::ErrorCode::kInvalidArgument, "columns × rows overflows");
    }
    if (capacity < columns * rows) {
      throw kk::Error(kk::ErrorCode::kInvalidArgument,
                      "capacity " + std::to_string(capacity) + " is smaller than the " +
                          std::to_string(columns * rows) + " cells of the grid");
    }
    if (disclosure_k < 0) throw kk::Error(kk::ErrorCode::kInvalidArgument, "disclosure_k must be >= 0");
    kk::stats::KernelDensityOptions options;
    options.kernel = kk::stats::parse_density_kernel(kernel);
    options.bandwidth = bandwidth;
    options.threads = threads;
    options.disclosure.internal = disclosure_k == 0;
    if (disclosure_k > 0) options.disclosure.k = disclosure_k;
    const kk::stats::DensityGrid grid{origin_x, origin_y, cell_size, columns, rows};
    const std::span<const double> no_weights;
    const kk::stats::KernelDensity result = kk::stats::kernel_density(
        {x, count}, {y, count}, weights != nullptr ? std::span<const double>(weights, count) : no_weights, grid,
        options);
    std::copy(result.density.values.begin(), result.density.values.end(), density);
    if (units_in_reach != nullptr) {
      std::copy(result.units_in_reach.begin(), result.units_in_reach.end(), units_in_reach);
    }
  });
}

}  // extern "C"
