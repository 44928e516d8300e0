// C API: point-pattern statistics on plain arrays (kk_stats_nearest_neighbours,
// kk_stats_clark_evans, kk_stats_dbscan), usable on any layer without a project.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "kernkompas/stats/dbscan.hpp"
#include "kernkompas/stats/nearest_neighbour.hpp"

namespace kk::capi {
namespace {

struct Coordinates {
  std::vector<double> x, y;
};

// The caller's strided x and y, after the checks every function here shares.
Coordinates read_points(size_t count, const double* x, size_t x_stride_bytes, const double* y,
                        size_t y_stride_bytes, unsigned threads) {
  if (count > 0) {
    require(x, "x");
    require(y, "y");
  }
  if (threads < 1) invalid("threads must be >= 1, got 0");
  return {gather<double>(x, x_stride_bytes, count), gather<double>(y, y_stride_bytes, count)};
}

void copy_test(const kk::stats::ClarkEvansTest& from, kk_clark_evans_test* to) {
  if (to != nullptr) *to = {from.expected, from.standard_error, from.r, from.z, from.p};
}

}  // namespace
}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_stats_nearest_neighbours(kk_context* ctx, size_t count, const double* x,
                                      size_t x_stride_bytes, const double* y,
                                      size_t y_stride_bytes, unsigned threads, double* distance,
                                      uint32_t* neighbour, size_t capacity) {
  return guard(ctx, __func__, [&] {
    const kk::capi::Coordinates points =
        kk::capi::read_points(count, x, x_stride_bytes, y, y_stride_bytes, threads);
    if (distance != nullptr || neighbour != nullptr) kk::capi::require_capacity(capacity, count);
    const kk::stats::NearestNeighbourResult result =
        kk::stats::nearest_neighbours(points.x, points.y, {.threads = threads});
    kk::capi::copy_out(result.distance, distance);
    kk::capi::copy_out(result.neighbour, neighbour);
  });
}

kk_status kk_stats_clark_evans(kk_context* ctx, size_t count, const double* x,
                               size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                               double area, double perimeter, unsigned threads,
                               double* mean_distance, kk_clark_evans_test* plain,
                               kk_clark_evans_test* donnelly) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (mean_distance != nullptr) *mean_distance = kNaN;
  kk::capi::copy_test({kNaN, kNaN, kNaN, kNaN, kNaN}, plain);
  kk::capi::copy_test({kNaN, kNaN, kNaN, kNaN, kNaN}, donnelly);
  return guard(ctx, __func__, [&] {
    const kk::capi::Coordinates points =
        kk::capi::read_points(count, x, x_stride_bytes, y, y_stride_bytes, threads);
    const kk::stats::ClarkEvansResult result =
        kk::stats::clark_evans(points.x, points.y, area, perimeter, {.threads = threads});
    if (mean_distance != nullptr) *mean_distance = result.mean_distance;
    kk::capi::copy_test(result.plain, plain);
    kk::capi::copy_test(result.donnelly, donnelly);
  });
}

kk_status kk_stats_dbscan(kk_context* ctx, size_t count, const double* x, size_t x_stride_bytes,
                          const double* y, size_t y_stride_bytes, double eps,
                          uint32_t min_samples, unsigned threads, int32_t* labels, uint8_t* core,
                          size_t capacity, int32_t* cluster_count) {
  return guard(ctx, __func__, [&] {
    const kk::capi::Coordinates points =
        kk::capi::read_points(count, x, x_stride_bytes, y, y_stride_bytes, threads);
    if (count > 0) require(labels, "labels");
    kk::capi::require_capacity(capacity, count);
    const kk::stats::DbscanResult result = kk::stats::dbscan(
        points.x, points.y, {.eps = eps, .min_samples = min_samples, .threads = threads});
    kk::capi::copy_out(result.labels, labels);
    kk::capi::copy_out(result.core, core);
    if (cluster_count != nullptr) *cluster_count = result.cluster_count;
  });
}

}  // extern "C"
