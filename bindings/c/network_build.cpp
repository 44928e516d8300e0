// C API: building a road network from polyline arrays (kk_network_create and its options),
// freeing it and reading its sizes.
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "array_args.hpp"
#include "capi_internal.hpp"
#include "network_internal.hpp"

using kk::capi::guard;
using kk::capi::require;

extern "C" {

kk_status kk_network_options_create(kk_context* ctx, kk_network_options** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    *out = new kk_network_options();
  });
}

void kk_network_options_destroy(kk_network_options* options) { delete options; }

kk_status kk_network_options_set_speeds(kk_context* ctx, kk_network_options* options, const double* speeds_kmh,
                                        size_t count) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    require(speeds_kmh, "speeds_kmh");
    if (count == 0) kk::capi::invalid("speeds_kmh needs at least one road class, got count 0");
    options->build.speed_kmh.assign(speeds_kmh, speeds_kmh + count);
  });
}

kk_status kk_network_options_set_node_tolerance_m(kk_context* ctx, kk_network_options* options,
                                                  double node_tolerance_m) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    if (!(node_tolerance_m >= 0) || node_tolerance_m == std::numeric_limits<double>::infinity()) {
      kk::capi::invalid("node_tolerance_m must be finite and >= 0, got " + std::to_string(node_tolerance_m));
    }
    options->build.node_tolerance_m = node_tolerance_m;
  });
}

kk_status kk_network_options_set_split_at_shared_vertices(kk_context* ctx, kk_network_options* options,
                                                          int split) {
  return guard(ctx, __func__, [&] {
    require(options, "options");
    options->build.split_at_shared_vertices = split != 0;
  });
}

kk_status kk_network_create(kk_context* ctx, size_t line_count, const uint64_t* offsets, const double* x,
                            size_t x_stride_bytes, const double* y, size_t y_stride_bytes,
                            const uint16_t* road_class, const uint8_t* direction,
                            const kk_network_options* options, kk_network** out) {
  if (out != nullptr) *out = nullptr;
  return guard(ctx, __func__, [&] {
    require(out, "out");
    require(offsets, "offsets");
    const uint64_t vertex_count = offsets[line_count];
    if (vertex_count > 0) {
      require(x, "x");
      require(y, "y");
    }
    const std::vector<double> xs = kk::capi::gather<double>(x, x_stride_bytes, vertex_count);
    const std::vector<double> ys = kk::capi::gather<double>(y, y_stride_bytes, vertex_count);
    std::vector<kk::network::Direction> directions;
    if (direction != nullptr) {
      directions.resize(line_count);
      for (size_t i = 0; i < line_count; ++i) {
        if (direction[i] > 2) {
          kk::capi::invalid("road line " + std::to_string(i) + ": direction must be 0, 1 or 2, got " +
                            std::to_string(direction[i]));
        }
        directions[i] = static_cast<kk::network::Direction>(direction[i]);
      }
    }
    kk::network::PolylineArrays lines;
    lines.x = xs;
    lines.y = ys;
    lines.offsets = {offsets, line_count + 1};
    if (road_class != nullptr) lines.road_class = {road_class, line_count};
    lines.direction = directions;
    auto network = std::make_unique<kk_network>();
    network->graph = std::make_unique<kk::network::RoadNetwork>(
        kk::network::build_road_network(lines, options != nullptr ? options->build : kk::network::RoadNetworkOptions{}));
    network->index = std::make_unique<kk::network::LinkIndex>(*network->graph);
    *out = network.release();
  });
}

void kk_network_destroy(kk_network* network) { delete network; }

kk_status kk_network_node_count(kk_context* ctx, const kk_network* network, size_t* out) {
  return kk::capi::read_value(ctx, __func__, network, "network", out, [&] { return network->graph->node_count(); });
}

kk_status kk_network_link_count(kk_context* ctx, const kk_network* network, size_t* out) {
  return kk::capi::read_value(ctx, __func__, network, "network", out, [&] { return network->graph->link_count(); });
}

kk_status kk_network_arc_count(kk_context* ctx, const kk_network* network, size_t* out) {
  return kk::capi::read_value(ctx, __func__, network, "network", out, [&] { return network->graph->arc_count(); });
}

kk_status kk_network_component_count(kk_context* ctx, const kk_network* network, size_t* out) {
  return kk::capi::read_value(ctx, __func__, network, "network", out,
                              [&] { return network->graph->component_count(); });
}

kk_status kk_network_memory_bytes(kk_context* ctx, const kk_network* network, size_t* out) {
  return kk::capi::read_value(ctx, __func__, network, "network", out,
                              [&] { return network->graph->memory_bytes() + network->index->memory_bytes(); });
}

}  // extern "C"
