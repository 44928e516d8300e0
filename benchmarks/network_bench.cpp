// The road network (kk::network) on a generated street grid of about 1M links:
//   BM_BuildNetwork        RoadNetworkBuilder over 1,001,112 one-segment lines
//   BM_Snap/n              snapping n origins to the nearest link
//   BM_NearestFacility/m   nearest of m facilities for 1M snapped origins (one multi-source
//                          Dijkstra over the reversed graph plus the per-origin step)
//   BM_CountWithin/m/threads
//                          facilities within 1, 3, 5, 10, 20 km of 1M origins (m bounded
//                          searches, spread over the threads)
//   BM_ServiceArea         service areas of 5, 10 and 15 minutes around one origin in the
//                          middle of the grid (one bounded search, three GEOS buffers)
// Grid: 708 × 708 nodes 100 m apart; every 7th street one-way (alternating direction), every
// 10th a faster through road. Points uniform over the grid from a fixed seed.
// Counters: bytes per link of the network and of the link index.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/reach.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/service_area.hpp"
#include "kernkompas/network/snap.hpp"
#include "kernkompas/stats/random.hpp"

namespace {

using namespace kk::network;

constexpr int kSide = 708;
constexpr double kSpacing = 100.0;

struct Lines {
  std::vector<double> x, y;
  std::vector<uint64_t> offsets{0};
  std::vector<uint16_t> road_class;
  std::vector<Direction> direction;
};

const Lines& grid_lines() {
  static const Lines lines = [] {
    Lines l;
    auto add = [&](double x0, double y0, double x1, double y1, int street) {
      l.x.insert(l.x.end(), {x0, x1});
      l.y.insert(l.y.end(), {y0, y1});
      l.offsets.push_back(l.x.size());
      l.road_class.push_back(street % 10 == 0 ? 1 : 0);
      l.direction.push_back(street % 7 != 0 ? Direction::kBoth
                                            : (street / 7) % 2 == 0 ? Direction::kForward : Direction::kBackward);
    };
    for (int a = 0; a < kSide; ++a) {
      for (int b = 0; b + 1 < kSide; ++b) {
        add(a * kSpacing, b * kSpacing, a * kSpacing, (b + 1) * kSpacing, a);
        add(b * kSpacing, a * kSpacing, (b + 1) * kSpacing, a * kSpacing, a + 1);
      }
    }
    return l;
  }();
  return lines;
}

RoadNetworkOptions options() {
  RoadNetworkOptions o;
  o.speed_kmh = {30.0, 80.0};
  return o;
}

const RoadNetwork& grid() {
  static const RoadNetwork net = [] {
    const Lines& l = grid_lines();
    return build_road_network({l.x, l.y, l.offsets, l.road_class, l.direction}, options());
  }();
  return net;
}

const LinkIndex& grid_index() {
  static const LinkIndex index(grid());
  return index;
}

struct Points {
  std::vector<double> x, y;
};

Points uniform_points(size_t n, uint64_t stream) {
  kk::stats::RandomStream rng(20261201, stream);
  Points p;
  const double side = (kSide - 1) * kSpacing;
  for (size_t i = 0; i < n; ++i) {
    p.x.push_back(side * rng.uniform());
    p.y.push_back(side * rng.uniform());
  }
  return p;
}

const SnappedPoints& origins() {
  static const SnappedPoints s = [] {
    const Points p = uniform_points(1000000, 1);
    return grid_index().snap(p.x, p.y);
  }();
  return s;
}

SnappedPoints facilities(size_t m) {
  const Points p = uniform_points(m, 2);
  return grid_index().snap(p.x, p.y);
}

void BM_BuildNetwork(benchmark::State& state) {
  const Lines& l = grid_lines();
  size_t bytes = 0, links = 0;
  for (auto _ : state) {
    const RoadNetwork net = build_road_network({l.x, l.y, l.offsets, l.road_class, l.direction}, options());
    bytes = net.memory_bytes();
    links = net.link_count();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["links"] = static_cast<double>(links);
  state.counters["bytes_per_link"] = static_cast<double>(bytes) / static_cast<double>(links);
  state.counters["index_bytes_per_link"] =
      static_cast<double>(grid_index().memory_bytes()) / static_cast<double>(grid().link_count());
}
BENCHMARK(BM_BuildNetwork)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_Snap(benchmark::State& state) {
  const Points p = uniform_points(static_cast<size_t>(state.range(0)), 1);
  for (auto _ : state) {
    const SnappedPoints s = grid_index().snap(p.x, p.y);
    benchmark::DoNotOptimize(s.link.data());
  }
}
BENCHMARK(BM_Snap)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_NearestFacility(benchmark::State& state) {
  const SnappedPoints& o = origins();
  const SnappedPoints f = facilities(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    const NearestFacilityResult r = nearest_facility(grid(), o, f);
    benchmark::DoNotOptimize(r.distance_m.data());
  }
}
BENCHMARK(BM_NearestFacility)->Arg(10)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_CountWithin(benchmark::State& state) {
  const SnappedPoints& o = origins();
  const SnappedPoints f = facilities(static_cast<size_t>(state.range(0)));
  ReachOptions options;
  options.threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    const FacilityCounts c = count_facilities_within(grid(), o, f, kDefaultRadiiM, options);
    benchmark::DoNotOptimize(c.counts.data());
  }
}
// Wall time is the figure for threads > 1 (CPU time counts the caller's thread only).
BENCHMARK(BM_CountWithin)
    ->ArgNames({"m", "threads"})
    ->Args({10, 1})
    ->Args({10, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

void BM_ServiceArea(benchmark::State& state) {
  const double middle = (kSide - 1) * kSpacing / 2.0;
  const std::vector<double> x{middle + 37.0}, y{middle + 11.0};
  const SnappedPoints origin = grid_index().snap(x, y);
  ServiceAreaOptions options;
  options.limits = {300.0, 600.0, 900.0};
  size_t vertices = 0, nodes = 0;
  for (auto _ : state) {
    const ServiceAreas areas = service_areas(grid(), origin, options);
    vertices = areas.polygons.x.size();
    nodes = areas.reachable_nodes.back().size();
    benchmark::DoNotOptimize(vertices);
  }
  state.counters["nodes_15min"] = static_cast<double>(nodes);
  state.counters["polygon_vertices"] = static_cast<double>(vertices);
}
BENCHMARK(BM_ServiceArea)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
