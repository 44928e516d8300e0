// Throughput of assigning N points to M polygons (the kernkompas step a geopandas user does
// with sjoin(points, polygons, predicate="within")), single thread, on the deterministic
// synthetic data of synthetic.hpp. Three views:
//   BM_LocatorBuild/m     building the index only (items = polygons)
//   BM_Locate/n/m         querying a built index (items = points)
//   BM_Assign/n/m         assign_to_kernen end to end: index build + query + counts (items = points)
// Counter "assigned" = points inside some polygon; compare_assign.py checks it against
// geopandas, so both sides provably did the same work.
#include <benchmark/benchmark.h>

#include <map>
#include <string>

#include "kernkompas/assign/assign.hpp"
#include "kernkompas/index/polygon_locator.hpp"
#include "synthetic.hpp"

namespace {

const kk::KernLayer& kernen(uint32_t m) {
  static std::map<uint32_t, kk::KernLayer> cache;
  auto it = cache.find(m);
  if (it == cache.end()) {
    kk::KernLayer layer;
    layer.geometry = kk::bench::synthetic_polygons(m);
    for (uint32_t i = 0; i < m; ++i) {
      layer.code.push_back(std::to_string(i));
      layer.name.push_back("cell " + std::to_string(i));
    }
    it = cache.emplace(m, std::move(layer)).first;
  }
  return it->second;
}

const kk::bench::Points& points(size_t n) {
  static std::map<size_t, kk::bench::Points> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, kk::bench::synthetic_points(n)).first;
  return it->second;
}

void BM_LocatorBuild(benchmark::State& state) {
  const auto& polygons = kernen(static_cast<uint32_t>(state.range(0))).geometry;
  for (auto _ : state) {
    kk::index::PolygonLocator locator(polygons);
    benchmark::DoNotOptimize(&locator);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(polygons.size()));
}

void BM_Locate(benchmark::State& state) {
  const auto& p = points(static_cast<size_t>(state.range(0)));
  const kk::index::PolygonLocator locator(kernen(static_cast<uint32_t>(state.range(1))).geometry);
  std::vector<int32_t> out(p.x.size());
  for (auto _ : state) {
    locator.locate(p.x, p.y, out);
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  int64_t assigned = 0;
  for (const int32_t k : out) assigned += k != kk::index::kNoPolygon;
  state.counters["assigned"] = static_cast<double>(assigned);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p.x.size()));
}

void BM_Assign(benchmark::State& state) {
  const auto& p = points(static_cast<size_t>(state.range(0)));
  const kk::KernLayer& layer = kernen(static_cast<uint32_t>(state.range(1)));
  int64_t assigned = 0;
  for (auto _ : state) {
    const kk::assign::Assignment a = kk::assign::assign_to_kernen(layer, p.x, p.y);
    assigned = static_cast<int64_t>(p.x.size()) - a.count_per_kern.back();
    benchmark::DoNotOptimize(a.kern.data());
  }
  state.counters["assigned"] = static_cast<double>(assigned);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(p.x.size()));
}

void point_polygon_grid(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "m"});
  for (const int64_t n : {10'000, 100'000, 1'000'000}) {
    for (const int64_t m : {100, 1'000, 10'000}) b->Args({n, m});
  }
}

BENCHMARK(BM_LocatorBuild)->ArgName("m")->Arg(100)->Arg(1'000)->Arg(10'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Locate)->Apply(point_polygon_grid)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Assign)->Apply(point_polygon_grid)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
