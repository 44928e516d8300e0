// C API: snapping points to a road network and the searches over it (nearest facility,
// facilities within thresholds).
#include <string>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/reach.hpp"
#include "network_internal.hpp"

namespace kk::capi {
namespace {

// Snaps `count` strided points (the arrays may be NULL only when count is 0).
network::SnappedPoints snap_points(const kk_network& net, size_t count, const double* x, size_t x_stride,
                                   const double* y, size_t y_stride, const char* x_name, const char* y_name) {
  if (count > 0) {
    require(x, x_name);
    require(y, y_name);
  }
  const std::vector<double> xs = gather<double>(x, x_stride, count);
  const std::vector<double> ys = gather<double>(y, y_stride, count);
  return net.index->snap(xs, ys);
}

network::PathCostOptions cost_options(kk_network_metric metric, int add_snap_distance) {
  if (metric != KK_METRIC_DISTANCE && metric != KK_METRIC_TIME) {
    invalid("metric must be KK_METRIC_DISTANCE (0) or KK_METRIC_TIME (1), got " +
            std::to_string(static_cast<int>(metric)));
  }
  network::PathCostOptions cost;
  cost.metric = static_cast<network::Metric>(metric);
  cost.add_snap_distance = add_snap_distance != 0;
  return cost;
}

}  // namespace
}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_network_snap(kk_context* ctx, const kk_network* network, size_t count, const double* x,
                          size_t x_stride_bytes, const double* y, size_t y_stride_bytes, uint32_t* link,
                          double* offset_m, double* distance_m, size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(network, "network");
    kk::capi::require_capacity(capacity, count);
    const kk::network::SnappedPoints snapped =
        kk::capi::snap_points(*network, count, x, x_stride_bytes, y, y_stride_bytes, "x", "y");
    kk::capi::copy_out(snapped.link, link);
    kk::capi::copy_out(snapped.offset_m, offset_m);
    kk::capi::copy_out(snapped.distance_m, distance_m);
  });
}

kk_status kk_network_nearest_facility(kk_context* ctx, const kk_network* network, size_t origin_count,
                                      const double* origin_x, size_t origin_x_stride_bytes, const double* origin_y,
                                      size_t origin_y_stride_bytes, size_t facility_count, const double* facility_x,
                                      size_t facility_x_stride_bytes, const double* facility_y,
                                      size_t facility_y_stride_bytes, kk_network_metric metric,
                                      int add_snap_distance, uint32_t* facility, double* distance_m, double* time_s,
                                      size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(network, "network");
    kk::capi::require_capacity(capacity, origin_count);
    kk::network::NearestFacilityOptions options;
    options.cost = kk::capi::cost_options(metric, add_snap_distance);
    const kk::network::SnappedPoints origins = kk::capi::snap_points(
        *network, origin_count, origin_x, origin_x_stride_bytes, origin_y, origin_y_stride_bytes, "origin_x",
        "origin_y");
    const kk::network::SnappedPoints facilities = kk::capi::snap_points(
        *network, facility_count, facility_x, facility_x_stride_bytes, facility_y, facility_y_stride_bytes,
        "facility_x", "facility_y");
    const kk::network::NearestFacilityResult result =
        kk::network::nearest_facility(*network->graph, origins, facilities, options);
    kk::capi::copy_out(result.facility, facility);
    kk::capi::copy_out(result.distance_m, distance_m);
    kk::capi::copy_out(result.time_s, time_s);
  });
}

kk_status kk_network_count_within(kk_context* ctx, const kk_network* network, size_t origin_count,
                                  const double* origin_x, size_t origin_x_stride_bytes, const double* origin_y,
                                  size_t origin_y_stride_bytes, size_t facility_count, const double* facility_x,
                                  size_t facility_x_stride_bytes, const double* facility_y,
                                  size_t facility_y_stride_bytes, const double* thresholds,
                                  size_t threshold_count, kk_network_metric metric, int add_snap_distance,
                                  double* counts, size_t capacity) {
  return guard(ctx, __func__, [&] {
    require(network, "network");
    if (threshold_count > 0) require(thresholds, "thresholds");
    if (origin_count > 0 && threshold_count > 0) require(counts, "counts");
    if (threshold_count != 0 && origin_count > SIZE_MAX / threshold_count) {
      kk::capi::invalid("origin_count * threshold_count overflows");
    }
    kk::capi::require_capacity(capacity, origin_count * threshold_count);
    kk::network::ReachOptions options;
    options.cost = kk::capi::cost_options(metric, add_snap_distance);
    const kk::network::SnappedPoints origins = kk::capi::snap_points(
        *network, origin_count, origin_x, origin_x_stride_bytes, origin_y, origin_y_stride_bytes, "origin_x",
        "origin_y");
    const kk::network::SnappedPoints facilities = kk::capi::snap_points(
        *network, facility_count, facility_x, facility_x_stride_bytes, facility_y, facility_y_stride_bytes,
        "facility_x", "facility_y");
    const std::vector<double> limits(thresholds, thresholds + threshold_count);
    const kk::network::FacilityCounts result =
        kk::network::count_facilities_within(*network->graph, origins, facilities, limits, options);
    kk::capi::copy_out(result.counts, counts);
  });
}

}  // extern "C"
