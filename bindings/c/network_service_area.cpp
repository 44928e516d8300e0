// C API: service areas (isochrones) over a road network, their polygons handed out as WKB.
#include <memory>
#include <string>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "kernkompas/network/service_area.hpp"
#include "network_internal.hpp"
#include "wkb.hpp"

struct kk_service_areas {
  kk::network::ServiceAreas areas;
};

namespace kk::capi {
namespace {

network::Metric metric_of(int metric) {
  if (metric != KK_METRIC_DISTANCE && metric != KK_METRIC_TIME) {
    invalid("metric must be KK_METRIC_DISTANCE (0) or KK_METRIC_TIME (1), got " +
            std::to_string(metric));
  }
  return static_cast<network::Metric>(metric);
}

void check_row(const kk_service_areas& areas, size_t row) {
  if (row >= areas.areas.size()) {
    invalid("row " + std::to_string(row) + " out of range (size " + std::to_string(areas.areas.size()) + ")");
  }
}

}  // namespace
}  // namespace kk::capi

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_network_service_areas(kk_context* ctx, const kk_network* network, size_t origin_count,
                                   const double* origin_x, size_t origin_x_stride_bytes, const double* origin_y,
                                   size_t origin_y_stride_bytes, const double* limits, size_t limit_count,
                                   int metric, double band_m, kk_service_areas** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(network, "network");
    require(out, "out");
    if (limit_count > 0) require(limits, "limits");
    if (origin_count > 0) {
      require(origin_x, "origin_x");
      require(origin_y, "origin_y");
    }
    kk::network::ServiceAreaOptions options;
    options.metric = kk::capi::metric_of(metric);
    options.limits.assign(limits, limits + limit_count);
    options.band_m = band_m;
    // The engine checks the limits and the band (kInvalidArgument) before any search.
    const std::vector<double> xs = kk::capi::gather<double>(origin_x, origin_x_stride_bytes, origin_count);
    const std::vector<double> ys = kk::capi::gather<double>(origin_y, origin_y_stride_bytes, origin_count);
    const kk::network::SnappedPoints origins = network->index->snap(xs, ys);
    auto result = std::make_unique<kk_service_areas>();
    result->areas = kk::network::service_areas(*network->graph, origins, options);
    *out = result.release();
  });
}

kk_status kk_service_areas_count(kk_context* ctx, const kk_service_areas* areas, size_t* out) {
  return kk::capi::read_value(ctx, __func__, areas, "areas", out, [&] { return areas->areas.size(); });
}

kk_status kk_service_areas_row(kk_context* ctx, const kk_service_areas* areas, size_t row, size_t* origin,
                               double* limit) {
  if (origin != nullptr) *origin = 0;
  if (limit != nullptr) *limit = 0.0;
  return guard(ctx, __func__, [&] {
    require(areas, "areas");
    kk::capi::check_row(*areas, row);
    if (origin != nullptr) *origin = areas->areas.origin[row];
    if (limit != nullptr) *limit = areas->areas.limit[row];
  });
}

kk_status kk_service_areas_wkb_size(kk_context* ctx, const kk_service_areas* areas, size_t row, size_t* out) {
  return kk::capi::read_value(ctx, __func__, areas, "areas", out, [&] {
    kk::capi::check_row(*areas, row);
    return kk::capi::multipolygon_wkb(areas->areas.polygons, row, nullptr);
  });
}

kk_status kk_service_areas_wkb(kk_context* ctx, const kk_service_areas* areas, size_t row, unsigned char* out,
                               size_t capacity_bytes) {
  return guard(ctx, __func__, [&] {
    require(areas, "areas");
    kk::capi::check_row(*areas, row);
    require(out, "out");
    const size_t needed = kk::capi::multipolygon_wkb(areas->areas.polygons, row, nullptr);
    if (capacity_bytes < needed) {
      kk::capi::invalid("buffer holds " + std::to_string(capacity_bytes) + " bytes but " +
                        std::to_string(needed) + " are needed");
    }
    kk::capi::multipolygon_wkb(areas->areas.polygons, row, out);
  });
}

void kk_service_areas_destroy(kk_service_areas* areas) { delete areas; }

}  // extern "C"
