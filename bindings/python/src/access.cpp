// kernkompas._core road-network accessibility on numpy arrays (kk::network without a project):
// a RoadNetwork handle built from shapely's ragged line layout, snapping, nearest facility,
// facilities within thresholds, origin-destination costs, Hansen and 2SFCA.
// kernkompas/access.py is the public face; this file only moves arrays, with the GIL released
// during the work and results handed to numpy without copies.
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "arrays.hpp"
#include "binding.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/network/euclidean.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/reach.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/service_area.hpp"
#include "kernkompas/network/snap.hpp"
#include "kernkompas/network/two_step_fca.hpp"

namespace kk::python {
namespace {

// The graph and its link index. The index points into the graph, so both live on the heap
// and never move; built once, read-only afterwards (safe to share between threads).
struct Network {
  std::unique_ptr<network::RoadNetwork> graph;
  std::unique_ptr<network::LinkIndex> index;
};

void same_length(const Input<double>& x, const Input<double>& y, const char* what) {
  if (x.shape(0) != y.shape(0)) {
    invalid(std::string(what) + ": x has " + std::to_string(x.shape(0)) + " points, y " +
            std::to_string(y.shape(0)));
  }
}

network::Metric metric_of(int metric) {
  if (metric != 0 && metric != 1) invalid("metric must be 0 (distance) or 1 (time), got " + std::to_string(metric));
  return static_cast<network::Metric>(metric);
}

Network* build_network(const Input<double>& x, const Input<double>& y, const Input<uint64_t>& offsets,
                       const Input<uint16_t>& road_class, const Input<uint8_t>& direction,
                       std::vector<double> speeds_kmh, double node_tolerance_m, bool split_at_shared_vertices) {
  std::vector<network::Direction> directions(direction.shape(0));
  for (size_t i = 0; i < directions.size(); ++i) {
    if (direction.data()[i] > 2) {
      invalid("road line " + std::to_string(i) + ": direction must be 0 (both), 1 (forward) or 2 (backward), got " +
              std::to_string(direction.data()[i]));
    }
    directions[i] = static_cast<network::Direction>(direction.data()[i]);
  }
  network::RoadNetworkOptions options;
  options.speed_kmh = std::move(speeds_kmh);
  options.node_tolerance_m = node_tolerance_m;
  options.split_at_shared_vertices = split_at_shared_vertices;
  auto handle = std::make_unique<Network>();
  {
    nb::gil_scoped_release release;
    const network::PolylineArrays lines{span_of(x), span_of(y), span_of(offsets), span_of(road_class), directions};
    handle->graph = std::make_unique<network::RoadNetwork>(network::build_road_network(lines, options));
    handle->index = std::make_unique<network::LinkIndex>(*handle->graph);
  }
  return handle.release();
}

network::SnappedPoints snap_released(const Network& net, const Input<double>& x, const Input<double>& y,
                                     double max_distance_m, unsigned threads) {
  network::SnapOptions options;
  options.max_distance_m = max_distance_m;
  options.threads = threads;
  return net.index->snap(span_of(x), span_of(y), options);
}

nb::tuple snap(const Network& net, const Input<double>& x, const Input<double>& y, double max_distance_m,
               unsigned threads) {
  same_length(x, y, "snap");
  network::SnappedPoints result;
  {
    nb::gil_scoped_release release;
    result = snap_released(net, x, y, max_distance_m, threads);
  }
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->link, owner), output(held->offset_m, owner), output(held->distance_m, owner),
                        output(held->x, owner), output(held->y, owner), output(held->beyond_limit, owner));
}

// Runs `work(origins, facilities)` on both sides snapped, with the GIL released and the
// progress callable adapted; returns the work's result and the origins' snapping.
template <typename Work>
auto snapped_search(const Network& net, const Input<double>& ox, const Input<double>& oy, const Input<double>& fx,
                    const Input<double>& fy, double max_snap_m, unsigned threads, nb::object progress, Work&& work) {
  same_length(ox, oy, "origins");
  same_length(fx, fy, "facilities");
  PythonProgress adapter(std::move(progress));
  ProgressCallback callback = adapter.callback();
  network::SnappedPoints origins;
  decltype(work(origins, origins, callback)) result;
  try {
    nb::gil_scoped_release release;
    origins = snap_released(net, ox, oy, max_snap_m, threads);
    const network::SnappedPoints facilities = snap_released(net, fx, fy, max_snap_m, threads);
    result = work(origins, facilities, callback);
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  return std::make_pair(std::move(result), std::move(origins));
}

nb::tuple nearest_facility(const Network& net, const Input<double>& ox, const Input<double>& oy,
                           const Input<double>& fx, const Input<double>& fy, int metric, bool add_snap_distance,
                           double max_snap_m, unsigned threads, nb::object progress) {
  network::NearestFacilityOptions options;
  options.threads = threads;
  options.cost.metric = metric_of(metric);
  options.cost.add_snap_distance = add_snap_distance;
  auto both = snapped_search(net, ox, oy, fx, fy, max_snap_m, threads, std::move(progress),
                             [&](const network::SnappedPoints& o, const network::SnappedPoints& f,
                                 const ProgressCallback& callback) {
                               options.progress = callback;
                               return network::nearest_facility(*net.graph, o, f, options);
                             });
  auto [held, owner] = owned(std::move(both));
  return nb::make_tuple(output(held->first.facility, owner), output(held->first.distance_m, owner),
                        output(held->first.time_s, owner), output(held->second.distance_m, owner),
                        output(held->second.beyond_limit, owner));
}

network::ReachOptions reach_options(int metric, bool add_snap_distance, unsigned threads) {
  network::ReachOptions options;
  options.threads = threads;
  options.cost.metric = metric_of(metric);
  options.cost.add_snap_distance = add_snap_distance;
  return options;
}

nb::tuple count_within(const Network& net, const Input<double>& ox, const Input<double>& oy, const Input<double>& fx,
                       const Input<double>& fy, const Input<double>& thresholds, int metric, bool add_snap_distance,
                       double max_snap_m, unsigned threads, nb::object progress) {
  network::ReachOptions options = reach_options(metric, add_snap_distance, threads);
  auto both = snapped_search(net, ox, oy, fx, fy, max_snap_m, threads, std::move(progress),
                             [&](const network::SnappedPoints& o, const network::SnappedPoints& f,
                                 const ProgressCallback& callback) {
                               options.progress = callback;
                               return network::count_facilities_within(*net.graph, o, f, span_of(thresholds), options);
                             });
  auto [held, owner] = owned(std::move(both.first));
  return nb::make_tuple(output(held->counts, owner), held->thresholds.size());
}

nb::tuple od_costs(const Network& net, const Input<double>& ox, const Input<double>& oy, const Input<double>& dx,
                   const Input<double>& dy, double max_cost, int metric, bool add_snap_distance, double max_snap_m,
                   unsigned threads, nb::object progress) {
  network::ReachOptions options = reach_options(metric, add_snap_distance, threads);
  auto both = snapped_search(net, ox, oy, dx, dy, max_snap_m, threads, std::move(progress),
                             [&](const network::SnappedPoints& o, const network::SnappedPoints& d,
                                 const ProgressCallback& callback) {
                               options.progress = callback;
                               return network::od_costs_within(*net.graph, o, d, max_cost, options);
                             });
  auto [held, owner] = owned(std::move(both.first));
  return nb::make_tuple(output(held->origin, owner), output(held->destination, owner),
                        output(held->distance_m, owner), output(held->time_s, owner));
}

network::DistanceDecay decay_of(int kind, double catchment, double beta, double sigma, double min_cost,
                                std::vector<double> zone_upper, std::vector<double> zone_weight) {
  if (kind < 0 || kind > 4) invalid("decay kind must lie in [0, 4], got " + std::to_string(kind));
  network::DistanceDecay decay;
  decay.kind = static_cast<network::DecayKind>(kind);
  decay.catchment = catchment;
  decay.beta = beta;
  decay.sigma = sigma;
  decay.min_cost = min_cost;
  decay.zone_upper = std::move(zone_upper);
  decay.zone_weight = std::move(zone_weight);
  network::check_decay(decay);
  return decay;
}

nb::object hansen(size_t demand_count, const Input<double>& supply, const Input<uint32_t>& origin,
                  const Input<uint32_t>& destination, const Input<double>& cost, int kind, double catchment,
                  double beta, double sigma, double min_cost, std::vector<double> zone_upper,
                  std::vector<double> zone_weight) {
  const network::DistanceDecay decay =
      decay_of(kind, catchment, beta, sigma, min_cost, std::move(zone_upper), std::move(zone_weight));
  std::vector<double> result;
  {
    nb::gil_scoped_release release;
    result = network::hansen_accessibility(demand_count, span_of(supply),
                                           {span_of(origin), span_of(destination), span_of(cost)}, decay);
  }
  auto [held, owner] = owned(std::move(result));
  return nb::cast(output(*held, owner));
}

nb::tuple two_step_fca(const Input<double>& population, const Input<double>& supply, const Input<uint32_t>& origin,
                       const Input<uint32_t>& destination, const Input<double>& cost, int kind, double catchment,
                       double beta, double sigma, double min_cost, std::vector<double> zone_upper,
                       std::vector<double> zone_weight) {
  const network::DistanceDecay decay =
      decay_of(kind, catchment, beta, sigma, min_cost, std::move(zone_upper), std::move(zone_weight));
  network::TwoStepResult result;
  {
    nb::gil_scoped_release release;
    result = network::two_step_fca(span_of(population), span_of(supply),
                                   {span_of(origin), span_of(destination), span_of(cost)}, decay);
  }
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->accessibility, owner), output(held->supply_ratio, owner));
}

network::EuclideanOptions euclidean_options(double detour_factor, double speed_kmh) {
  network::EuclideanOptions options;
  options.detour_factor = detour_factor;
  options.speed_kmh = speed_kmh;
  return options;
}

nb::tuple nearest_facility_euclidean(const Input<double>& ox, const Input<double>& oy, const Input<double>& fx,
                                     const Input<double>& fy, double detour_factor, double speed_kmh) {
  same_length(ox, oy, "origins");
  same_length(fx, fy, "facilities");
  network::NearestFacilityResult result;
  {
    nb::gil_scoped_release release;
    result = network::nearest_facility_euclidean(span_of(ox), span_of(oy), span_of(fx), span_of(fy),
                                                 euclidean_options(detour_factor, speed_kmh));
  }
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->facility, owner), output(held->distance_m, owner), output(held->time_s, owner));
}

nb::tuple count_within_euclidean(const Input<double>& ox, const Input<double>& oy, const Input<double>& fx,
                                 const Input<double>& fy, const Input<double>& thresholds, double detour_factor,
                                 double speed_kmh) {
  same_length(ox, oy, "origins");
  same_length(fx, fy, "facilities");
  network::FacilityCounts result;
  {
    nb::gil_scoped_release release;
    result = network::count_facilities_within_euclidean(span_of(ox), span_of(oy), span_of(fx), span_of(fy),
                                                        span_of(thresholds),
                                                        euclidean_options(detour_factor, speed_kmh));
  }
  auto [held, owner] = owned(std::move(result));
  return nb::make_tuple(output(held->counts, owner), held->thresholds.size());
}

// (origin, limit, polygon x, y, vertex/ring/part offsets, node offsets, nodes): the node lists
// flattened as CSR so they cross without one Python object per row.
nb::tuple service_areas(const Network& net, const Input<double>& ox, const Input<double>& oy,
                        std::vector<double> limits, int metric, double band_m, bool add_snap_distance,
                        nb::object progress) {
  same_length(ox, oy, "origins");
  network::ServiceAreaOptions options;
  options.metric = metric_of(metric);
  options.limits = std::move(limits);
  options.band_m = band_m;
  options.add_snap_distance = add_snap_distance;
  PythonProgress adapter(std::move(progress));
  options.progress = adapter.callback();
  struct Flat {
    network::ServiceAreas areas;
    std::vector<uint64_t> node_offsets{0};
    std::vector<uint32_t> nodes;
  } flat;
  try {
    nb::gil_scoped_release release;
    const network::SnappedPoints origins = snap_released(net, ox, oy, std::numeric_limits<double>::infinity(), 1);
    flat.areas = network::service_areas(*net.graph, origins, options);
    for (std::vector<uint32_t>& row : flat.areas.reachable_nodes) {
      flat.nodes.insert(flat.nodes.end(), row.begin(), row.end());
      flat.node_offsets.push_back(flat.nodes.size());
      std::vector<uint32_t>().swap(row);
    }
  } catch (const Cancelled&) {
    adapter.rethrow_if_failed();
    throw;
  }
  auto [held, owner] = owned(std::move(flat));
  geometry::MultiPolygonArray& g = held->areas.polygons;
  return nb::make_tuple(output(held->areas.origin, owner), output(held->areas.limit, owner), output(g.x, owner),
                        output(g.y, owner), output(g.vertex_offsets, owner), output(g.ring_offsets, owner),
                        output(g.part_offsets, owner), output(held->node_offsets, owner),
                        output(held->nodes, owner));
}

}  // namespace

void bind_access(nb::module_& m) {
  nb::class_<Network>(m, "RoadNetwork", "A road graph and its link index (private; see kernkompas.access).")
      .def("__init__",
           [](Network* self, const Input<double>& x, const Input<double>& y, const Input<uint64_t>& offsets,
              const Input<uint16_t>& road_class, const Input<uint8_t>& direction, std::vector<double> speeds_kmh,
              double node_tolerance_m, bool split_at_shared_vertices) {
             std::unique_ptr<Network> built(build_network(x, y, offsets, road_class, direction,
                                                          std::move(speeds_kmh), node_tolerance_m,
                                                          split_at_shared_vertices));
             new (self) Network(std::move(*built));
           },
           nb::arg("x"), nb::arg("y"), nb::arg("offsets"), nb::arg("road_class"), nb::arg("direction"),
           nb::arg("speeds_kmh"), nb::arg("node_tolerance_m"), nb::arg("split_at_shared_vertices"))
      .def_prop_ro("node_count", [](const Network& n) { return n.graph->node_count(); })
      .def_prop_ro("link_count", [](const Network& n) { return n.graph->link_count(); })
      .def_prop_ro("arc_count", [](const Network& n) { return n.graph->arc_count(); })
      .def_prop_ro("components", [](const Network& n) { return n.graph->component_count(); })
      .def_prop_ro("skipped_lines", [](const Network& n) { return n.graph->skipped_lines(); })
      .def_prop_ro("memory_bytes", [](const Network& n) { return n.graph->memory_bytes(); })
      .def_prop_ro("index_memory_bytes", [](const Network& n) { return n.index->memory_bytes(); })
      .def("node_xy",
           [](const Network& n) {
             std::vector<double> x(n.graph->node_count()), y(n.graph->node_count());
             for (uint32_t i = 0; i < x.size(); ++i) {
               x[i] = n.graph->node_x(i);
               y[i] = n.graph->node_y(i);
             }
             auto [held, owner] = owned(std::make_pair(std::move(x), std::move(y)));
             return nb::make_tuple(output(held->first, owner), output(held->second, owner));
           },
           "(x, y) of every node.")
      .def("links",
           [](const Network& n) {
             const size_t count = n.graph->link_count();
             struct Links {
               std::vector<uint32_t> from, to, component;
               std::vector<double> length_m, time_s;
               std::vector<uint8_t> direction;
             } links;
             links.from.resize(count);
             links.to.resize(count);
             links.component.resize(count);
             links.length_m.resize(count);
             links.time_s.resize(count);
             links.direction.resize(count);
             for (uint32_t l = 0; l < count; ++l) {
               links.from[l] = n.graph->link_from(l);
               links.to[l] = n.graph->link_to(l);
               links.component[l] = n.graph->component(links.from[l]);
               links.length_m[l] = n.graph->link_length_m(l);
               links.time_s[l] = n.graph->link_time_s(l);
               links.direction[l] = static_cast<uint8_t>(n.graph->link_direction(l));
             }
             auto [held, owner] = owned(std::move(links));
             return nb::make_tuple(output(held->from, owner), output(held->to, owner), output(held->length_m, owner),
                                   output(held->time_s, owner), output(held->direction, owner),
                                   output(held->component, owner));
           },
           "(from, to, length_m, time_s, direction, component) of every link.");

  m.def("network_snap", &snap, nb::arg("network"), nb::arg("x"), nb::arg("y"), nb::arg("max_distance_m"),
        nb::arg("threads"),
        "(link, offset_m, distance_m, x, y, beyond_limit) of each point snapped to its nearest link.");
  m.def("network_nearest_facility", &nearest_facility, nb::arg("network"), nb::arg("origin_x"),
        nb::arg("origin_y"), nb::arg("facility_x"), nb::arg("facility_y"), nb::arg("metric"),
        nb::arg("add_snap_distance"), nb::arg("max_snap_m"), nb::arg("threads"), nb::arg("progress").none(),
        "(facility, distance_m, time_s, origin snap distance, origin beyond_limit) per origin.");
  m.def("network_count_within", &count_within, nb::arg("network"), nb::arg("origin_x"), nb::arg("origin_y"),
        nb::arg("facility_x"), nb::arg("facility_y"), nb::arg("thresholds"), nb::arg("metric"),
        nb::arg("add_snap_distance"), nb::arg("max_snap_m"), nb::arg("threads"), nb::arg("progress").none(),
        "(counts row-major origins x thresholds, number of thresholds).");
  m.def("network_od_costs", &od_costs, nb::arg("network"), nb::arg("origin_x"), nb::arg("origin_y"),
        nb::arg("destination_x"), nb::arg("destination_y"), nb::arg("max_cost"), nb::arg("metric"),
        nb::arg("add_snap_distance"), nb::arg("max_snap_m"), nb::arg("threads"), nb::arg("progress").none(),
        "(origin, destination, distance_m, time_s) of every pair within max_cost.");
  m.def("nearest_facility_euclidean", &nearest_facility_euclidean, nb::arg("origin_x"), nb::arg("origin_y"),
        nb::arg("facility_x"), nb::arg("facility_y"), nb::arg("detour_factor"), nb::arg("speed_kmh"),
        "(facility, distance_m, time_s) by straight line x detour factor.");
  m.def("count_within_euclidean", &count_within_euclidean, nb::arg("origin_x"), nb::arg("origin_y"),
        nb::arg("facility_x"), nb::arg("facility_y"), nb::arg("thresholds"), nb::arg("detour_factor"),
        nb::arg("speed_kmh"), "(counts row-major origins x thresholds, number of thresholds), straight line.");
  m.def("network_service_areas", &service_areas, nb::arg("network"), nb::arg("origin_x"), nb::arg("origin_y"),
        nb::arg("limits"), nb::arg("metric"), nb::arg("band_m"), nb::arg("add_snap_distance"),
        nb::arg("progress").none(),
        "(origin, limit, x, y, vertex_offsets, ring_offsets, part_offsets, node_offsets, nodes) per row.");
  m.def("hansen_accessibility", &hansen, nb::arg("demand_count"), nb::arg("supply"), nb::arg("origin"),
        nb::arg("destination"), nb::arg("cost"), nb::arg("kind"), nb::arg("catchment"), nb::arg("beta"),
        nb::arg("sigma"), nb::arg("min_cost"), nb::arg("zone_upper"), nb::arg("zone_weight"),
        "Hansen accessibility per demand point.");
  m.def("two_step_fca", &two_step_fca, nb::arg("population"), nb::arg("supply"), nb::arg("origin"),
        nb::arg("destination"), nb::arg("cost"), nb::arg("kind"), nb::arg("catchment"), nb::arg("beta"),
        nb::arg("sigma"), nb::arg("min_cost"), nb::arg("zone_upper"), nb::arg("zone_weight"),
        "(accessibility per demand point, supply ratio per supply point) of (E)2SFCA.");
}

}  // namespace kk::python
